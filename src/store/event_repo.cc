#include "core/ids.h"
#include "store/repos.h"
#include "store/rows.h"

namespace sa::store {
namespace {

constexpr const char* kEventColumns =
    "seq, occurred_at, actor, channel, entity, entity_id, action, changes, reason, prev_hash, "
    "hash";

model::Event ReadEvent(const sql::Row& row) {
  sql::RowReader r(row);
  model::Event e;
  e.seq = r.Int();
  e.at = ParseStoredTime(r.Text());
  e.actor = r.Text();
  e.channel = r.Text();
  e.entity = r.Text();
  e.entity_id = r.Text();
  e.action = r.Text();
  e.changes = ParseStoredJson(r.Text());
  e.reason = r.Text();
  e.prev_hash = r.Text();
  e.hash = r.Text();
  return e;
}

class SqlEventRepo : public EventRepo {
 public:
  explicit SqlEventRepo(sql::Connection& conn) : conn_(conn) {}

  Result<std::optional<model::Event>> Last() override {
    SA_ASSIGN_OR_RETURN(auto rows, conn_.Query(std::string("SELECT ") + kEventColumns +
                                               " FROM events ORDER BY seq DESC LIMIT 1"));
    if (rows.empty()) return std::optional<model::Event>();
    return std::optional<model::Event>(ReadEvent(rows[0]));
  }

  Status Append(const model::Event& e) override {
    SA_ASSIGN_OR_RETURN(auto rows, conn_.Query("SELECT MAX(seq) FROM events"));
    int64_t last = rows.empty() ? 0 : rows[0].Int(0);
    if (e.seq != last + 1) {
      return Conflict("event seq " + std::to_string(e.seq) + " does not follow the last " +
                      std::to_string(last));
    }
    auto inserted = conn_.TryExec(
        R"(INSERT INTO events (seq, occurred_at, actor, channel, entity,
  entity_id, entity_key, action, changes, reason, prev_hash, hash)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12))",
        {e.seq, TimeText(e.at), e.actor, e.channel, e.entity, e.entity_id, FoldId(e.entity_id),
         e.action, e.changes.dump(), e.reason, e.prev_hash, e.hash});
    if (!inserted.ok() && inserted.status().code() == Code::kAlreadyExists) {
      return Conflict("event seq " + std::to_string(e.seq) + " was taken meanwhile");
    }
    return inserted.status();
  }

  Result<std::vector<model::Event>> ForEntity(std::string_view entity,
                                              std::string_view entity_id) override {
    return Select(" WHERE entity = $1 AND entity_key = $2 ORDER BY seq",
                  {entity, FoldId(entity_id)});
  }

  Result<std::vector<model::Event>> Range(int64_t from, int limit) override {
    if (limit <= 0) return std::vector<model::Event>();
    return Select(" WHERE seq >= $1 AND seq < $2 ORDER BY seq", {from, from + limit});
  }

 private:
  Result<std::vector<model::Event>> Select(const std::string& tail, const sql::Params& params) {
    SA_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string("SELECT ") + kEventColumns + " FROM events" + tail, params));
    std::vector<model::Event> out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.push_back(ReadEvent(row));
    return out;
  }

  sql::Connection& conn_;
};

}  // namespace

std::unique_ptr<EventRepo> NewEventRepo(sql::Connection& conn) {
  return std::make_unique<SqlEventRepo>(conn);
}

}  // namespace sa::store
