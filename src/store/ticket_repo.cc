#include <algorithm>

#include "core/ids.h"
#include "store/repos.h"
#include "store/rows.h"

namespace sa::store {
namespace {

constexpr const char* kTicketColumns =
    "id, type, title, description, status, priority, impact, urgency, team, assignee, "
    "service, config_item, requester, catalog_item, fields, conversation_id, parent_id, "
    "resolution, channel, satisfaction, created, updated, resolved_at, version";

model::Ticket ReadTicket(const sql::Row& row) {
  sql::RowReader r(row);
  model::Ticket t;
  t.id = r.Text();
  t.type = model::ParseTicketType(r.Text()).value_or(model::TicketType::kIncident);
  t.title = r.Text();
  t.description = r.Text();
  t.status = model::ParseTicketStatus(r.Text()).value_or(model::TicketStatus::kNew);
  t.priority = r.Text();
  t.impact = r.Text();
  t.urgency = r.Text();
  t.team = r.Text();
  t.assignee = r.Text();
  t.service = r.Text();
  t.config_item = r.Text();
  t.requester = r.Text();
  t.catalog_item = r.Text();
  t.fields = ParseStoredJson(r.Text());
  if (t.fields.is_null()) t.fields = Json::object();
  t.conversation_id = r.Text();
  t.parent_id = r.Text();
  t.resolution = r.Text();
  t.channel = r.Text();
  t.satisfaction = static_cast<int>(r.Int());
  t.created = ParseStoredTime(r.Text());
  t.updated = ParseStoredTime(r.Text());
  t.resolved_at = ParseStoredTime(r.Text());
  t.version = r.Int();
  return t;
}

// $1 = id_key, then the columns of kTicketColumns in order ($2..$25).
sql::Params TicketParams(const model::Ticket& t) {
  return {FoldId(t.id),
          t.id,
          model::ToString(t.type),
          t.title,
          t.description,
          model::ToString(t.status),
          t.priority,
          t.impact,
          t.urgency,
          t.team,
          t.assignee,
          t.service,
          t.config_item,
          t.requester,
          t.catalog_item,
          t.fields.dump(),
          t.conversation_id,
          t.parent_id,
          t.resolution,
          t.channel,
          t.satisfaction,
          TimeText(t.created),
          TimeText(t.updated),
          TimeText(t.resolved_at),
          t.version};
}

// A WHERE clause and its parameters, built from a filter.
struct Where {
  std::string sql;
  sql::Params params;

  void Add(const std::string& condition) {
    sql += sql.empty() ? " WHERE " : " AND ";
    sql += condition;
  }
  std::string Param(sql::Value value) {
    params.push_back(std::move(value));
    return "$" + std::to_string(params.size());
  }
};

Where FilterWhere(const model::TicketFilter& f) {
  Where w;
  if (f.status) w.Add("status = " + w.Param(model::ToString(*f.status)));
  if (f.type) w.Add("type = " + w.Param(model::ToString(*f.type)));
  if (!f.teams.empty()) {
    std::string in;
    for (const auto& team : f.teams) {
      if (!in.empty()) in += ", ";
      in += w.Param(FoldId(team));
    }
    w.Add("lower(team) IN (" + in + ")");
  }
  if (!f.requester.empty()) w.Add("lower(requester) = " + w.Param(FoldId(f.requester)));
  if (!f.assignee.empty()) w.Add("lower(assignee) = " + w.Param(FoldId(f.assignee)));
  if (!f.service.empty()) w.Add("lower(service) = " + w.Param(FoldId(f.service)));
  if (f.open_only) w.Add("status NOT IN ('resolved', 'closed')");
  return w;
}

class SqlTicketRepo : public TicketRepo {
 public:
  explicit SqlTicketRepo(sql::Connection& conn) : conn_(conn) {}

  Result<int64_t> NextNumber(std::string_view counter) override {
    SA_ASSIGN_OR_RETURN(auto rows, conn_.Query(R"(INSERT INTO ticket_counters (name, value)
VALUES ($1, 1) ON CONFLICT (name) DO UPDATE SET value = ticket_counters.value + 1
RETURNING value)",
                                               {counter}));
    if (rows.empty()) return Internal("store: ticket counter returned nothing");
    return rows[0].Int(0);
  }

  Status Insert(const model::Ticket& ticket) override {
    SA_RETURN_IF_ERROR(
        conn_
            .TryExec(std::string("INSERT INTO tickets (id_key, ") + kTicketColumns +
                         ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
                         "$15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)",
                     TicketParams(ticket))
            .status());
    // The totals Count reads (tickets are never deleted).
    return conn_
        .Exec(R"(INSERT INTO ticket_counts (dim, value, n)
VALUES ('all', '', 1), ('status', $1, 1), ('team', $2, 1), ('requester', $3, 1)
ON CONFLICT (dim, value) DO UPDATE SET n = ticket_counts.n + 1)",
              {model::ToString(ticket.status), FoldId(ticket.team), FoldId(ticket.requester)})
        .status();
  }

  Status Update(const model::Ticket& ticket) override {
    // What the totals counted this ticket under before the update.
    SA_ASSIGN_OR_RETURN(auto before,
                        conn_.Query("SELECT status, team, requester FROM tickets WHERE id_key = $1",
                                    {FoldId(ticket.id)}));
    // The stored id keeps its spelling: $2 (id) is not written.
    sql::Params params = TicketParams(ticket);
    params.erase(params.begin() + 1);
    params.push_back(ticket.version - 1);
    SA_ASSIGN_OR_RETURN(int64_t changed, conn_.Exec(R"(UPDATE tickets SET type = $2, title = $3,
  description = $4, status = $5, priority = $6, impact = $7, urgency = $8, team = $9,
  assignee = $10, service = $11, config_item = $12, requester = $13, catalog_item = $14,
  fields = $15, conversation_id = $16, parent_id = $17, resolution = $18, channel = $19,
  satisfaction = $20, created = $21, updated = $22, resolved_at = $23, version = $24
WHERE id_key = $1 AND version = $25)",
                                                    params));
    if (changed > 0 && !before.empty()) {
      SA_RETURN_IF_ERROR(Move("status", before[0].Text(0), model::ToString(ticket.status)));
      SA_RETURN_IF_ERROR(Move("team", FoldId(before[0].Text(1)), FoldId(ticket.team)));
      SA_RETURN_IF_ERROR(Move("requester", FoldId(before[0].Text(2)), FoldId(ticket.requester)));
    }
    if (changed > 0) return Status::Ok();
    SA_ASSIGN_OR_RETURN(auto existing, Get(ticket.id));
    if (!existing) return NotFound("ticket " + ticket.id + " does not exist");
    return Conflict("ticket " + ticket.id + " was changed meanwhile (stored version " +
                    std::to_string(existing->version) + ", update expects " +
                    std::to_string(ticket.version - 1) + ")");
  }

  Result<std::optional<model::Ticket>> Get(std::string_view id) override {
    SA_ASSIGN_OR_RETURN(auto rows, conn_.Query(std::string("SELECT ") + kTicketColumns +
                                                   " FROM tickets WHERE id_key = $1",
                                               {FoldId(id)}));
    if (rows.empty()) return std::optional<model::Ticket>();
    return std::optional<model::Ticket>(ReadTicket(rows[0]));
  }

  Result<std::vector<model::Ticket>> List(const model::TicketFilter& filter) override {
    Where w = FilterWhere(filter);
    int limit = std::clamp(filter.limit, 1, 500);
    std::string sql = std::string("SELECT ") + kTicketColumns + " FROM tickets" + w.sql +
                      " ORDER BY created DESC, id_key DESC LIMIT " + w.Param(limit) + " OFFSET " +
                      w.Param(std::max(filter.offset, 0));
    SA_ASSIGN_OR_RETURN(auto rows, conn_.Query(sql, w.params));
    std::vector<model::Ticket> out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.push_back(ReadTicket(row));
    return out;
  }

  Result<int64_t> Count(const model::TicketFilter& filter) override {
    // No filter, or one status, team or requester alone: the kept total.
    const bool others = filter.type || !filter.assignee.empty() || !filter.service.empty() ||
                        filter.open_only || filter.teams.size() > 1;
    const int dims = (filter.status ? 1 : 0) + (filter.teams.empty() ? 0 : 1) +
                     (filter.requester.empty() ? 0 : 1);
    if (!others && dims <= 1) {
      std::string dim = "all", value;
      if (filter.status) {
        dim = "status";
        value = model::ToString(*filter.status);
      } else if (!filter.teams.empty()) {
        dim = "team";
        value = FoldId(filter.teams[0]);
      } else if (!filter.requester.empty()) {
        dim = "requester";
        value = FoldId(filter.requester);
      }
      SA_ASSIGN_OR_RETURN(
          auto rows,
          conn_.Query("SELECT n FROM ticket_counts WHERE dim = $1 AND value = $2", {dim, value}));
      return rows.empty() ? int64_t{0} : rows[0].Int(0);
    }
    Where w = FilterWhere(filter);
    SA_ASSIGN_OR_RETURN(auto rows, conn_.Query("SELECT COUNT(*) FROM tickets" + w.sql, w.params));
    return rows.empty() ? int64_t{0} : rows[0].Int(0);
  }

  Result<std::vector<std::pair<std::string, int64_t>>> CountByStatus() override {
    SA_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query("SELECT status, COUNT(*) FROM tickets GROUP BY status ORDER BY status"));
    std::vector<std::pair<std::string, int64_t>> out;
    for (const auto& row : rows) out.emplace_back(row.Text(0), row.Int(1));
    return out;
  }

  Result<int64_t> AddComment(const model::Comment& comment) override {
    SA_ASSIGN_OR_RETURN(int64_t id, NextSequence(conn_, "comment"));
    auto inserted = conn_.TryExec(R"(INSERT INTO comments (id, ticket_key, author, body, internal,
  channel, created) VALUES ($1, $2, $3, $4, $5, $6, $7))",
                                  {id, FoldId(comment.ticket_id), comment.author, comment.body,
                                   comment.internal, comment.channel, TimeText(comment.created)});
    if (!inserted.ok()) {
      if (inserted.status().code() == Code::kFailedPrecondition) {
        return NotFound("ticket " + comment.ticket_id + " does not exist");
      }
      return inserted.status();
    }
    return id;
  }

  Result<std::vector<model::Comment>> Comments(std::string_view ticket_id) override {
    SA_ASSIGN_OR_RETURN(auto rows, conn_.Query(R"(SELECT c.id, t.id, c.author, c.body,
  c.internal, c.channel, c.created
FROM comments c JOIN tickets t ON t.id_key = c.ticket_key
WHERE c.ticket_key = $1 ORDER BY c.id)",
                                               {FoldId(ticket_id)}));
    std::vector<model::Comment> out;
    for (const auto& row : rows) {
      sql::RowReader r(row);
      model::Comment c;
      c.id = r.Int();
      c.ticket_id = r.Text();
      c.author = r.Text();
      c.body = r.Text();
      c.internal = r.Bool();
      c.channel = r.Text();
      c.created = ParseStoredTime(r.Text());
      out.push_back(std::move(c));
    }
    return out;
  }

 private:
  // Moves one ticket from `from` to `to` in the totals of `dim`.
  Status Move(const char* dim, const std::string& from, const std::string& to) {
    if (from == to) return Status::Ok();
    SA_RETURN_IF_ERROR(
        conn_.Exec("UPDATE ticket_counts SET n = n - 1 WHERE dim = $1 AND value = $2", {dim, from})
            .status());
    return conn_
        .Exec(R"(INSERT INTO ticket_counts (dim, value, n) VALUES ($1, $2, 1)
ON CONFLICT (dim, value) DO UPDATE SET n = ticket_counts.n + 1)",
              {dim, to})
        .status();
  }

  sql::Connection& conn_;
};

}  // namespace

std::unique_ptr<TicketRepo> NewTicketRepo(sql::Connection& conn) {
  return std::make_unique<SqlTicketRepo>(conn);
}

}  // namespace sa::store
