#include <algorithm>

#include "core/ids.h"
#include "store/repos.h"
#include "store/rows.h"

namespace sa::store {
namespace {

constexpr const char* kConversationColumns =
    "id, user_id, channel, status, language, team, agent, state, created, updated, version";

model::Conversation ReadConversation(const sql::Row& row) {
  sql::RowReader r(row);
  model::Conversation c;
  c.id = r.Text();
  c.user_id = r.Text();
  c.channel = r.Text();
  c.status = r.Text();
  c.language = r.Text();
  c.team = r.Text();
  c.agent = r.Text();
  c.state = ParseStoredJson(r.Text());
  if (c.state.is_null()) c.state = Json::object();
  c.created = ParseStoredTime(r.Text());
  c.updated = ParseStoredTime(r.Text());
  c.version = r.Int();
  return c;
}

constexpr const char* kEntryColumns =
    "seq, conversation_id, role, author, text, replies, client_message_id, response, "
    "occurred_at";

model::TranscriptEntry ReadEntry(const sql::Row& row) {
  sql::RowReader r(row);
  model::TranscriptEntry e;
  e.seq = r.Int();
  e.conversation_id = r.Text();
  e.role = r.Text();
  e.author = r.Text();
  e.text = r.Text();
  e.replies = ParseStoredJson(r.Text());
  if (e.replies.is_null()) e.replies = Json::array();
  e.client_message_id = r.Text();
  if (r.IsNull()) {
    r.Skip();
  } else {
    e.response = ParseStoredJson(r.Text());
  }
  e.at = ParseStoredTime(r.Text());
  return e;
}

class SqlConversationRepo : public ConversationRepo {
 public:
  explicit SqlConversationRepo(sql::Connection& conn) : conn_(conn) {}

  Status Insert(const model::Conversation& c) override {
    return conn_
        .TryExec(
            R"(INSERT INTO conversations (id_key, id, user_id, user_key, channel, status,
  language, team, agent, state, created, updated, version)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13))",
            {FoldId(c.id), c.id, c.user_id, FoldId(c.user_id), c.channel, c.status, c.language,
             c.team, c.agent, c.state.dump(), TimeText(c.created), TimeText(c.updated), c.version})
        .status();
  }

  Status Update(const model::Conversation& c) override {
    SA_ASSIGN_OR_RETURN(
        int64_t changed,
        conn_.Exec(R"(UPDATE conversations SET user_id = $2, user_key = $3,
  channel = $4, status = $5, language = $6, team = $7, agent = $8, state = $9, created = $10,
  updated = $11, version = $12
WHERE id_key = $1 AND version = $13)",
                   {FoldId(c.id), c.user_id, FoldId(c.user_id), c.channel, c.status, c.language,
                    c.team, c.agent, c.state.dump(), TimeText(c.created), TimeText(c.updated),
                    c.version, c.version - 1}));
    if (changed > 0) return Status::Ok();
    SA_ASSIGN_OR_RETURN(auto existing, Get(c.id));
    if (!existing) return NotFound("conversation " + c.id + " does not exist");
    return Conflict("conversation " + c.id + " was changed meanwhile (stored version " +
                    std::to_string(existing->version) + ", update expects " +
                    std::to_string(c.version - 1) + ")");
  }

  Result<std::optional<model::Conversation>> Get(std::string_view id) override {
    SA_ASSIGN_OR_RETURN(auto rows, conn_.Query(std::string("SELECT ") + kConversationColumns +
                                                   " FROM conversations WHERE id_key = $1",
                                               {FoldId(id)}));
    if (rows.empty()) return std::optional<model::Conversation>();
    return std::optional<model::Conversation>(ReadConversation(rows[0]));
  }

  Result<std::vector<model::Conversation>> List(std::string_view user_id, std::string_view status,
                                                std::string_view team, int limit) override {
    std::string sql = std::string("SELECT ") + kConversationColumns +
                      " FROM conversations WHERE ($1 = '' OR user_key = $1) AND "
                      "($2 = '' OR status = $2) AND ($3 = '' OR lower(team) = $3) "
                      "ORDER BY updated DESC, id_key DESC LIMIT $4";
    SA_ASSIGN_OR_RETURN(auto rows, conn_.Query(sql, {FoldId(user_id), status, FoldId(team),
                                                     std::clamp(limit, 1, 1000)}));
    std::vector<model::Conversation> out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.push_back(ReadConversation(row));
    return out;
  }

  Result<int64_t> Append(const model::TranscriptEntry& e) override {
    const std::string key = FoldId(e.conversation_id);
    SA_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query("SELECT MAX(seq) FROM transcript WHERE conversation_key = $1", {key}));
    int64_t seq = (rows.empty() ? 0 : rows[0].Int(0)) + 1;
    sql::Value response =
        e.response.is_null() ? sql::Value(nullptr) : sql::Value(e.response.dump());
    auto inserted =
        conn_.TryExec(R"(INSERT INTO transcript (conversation_key, seq, conversation_id,
  role, author, text, replies, client_message_id, response, occurred_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10))",
                      {key, seq, e.conversation_id, e.role, e.author, e.text, e.replies.dump(),
                       e.client_message_id, response, TimeText(e.at)});
    if (!inserted.ok()) {
      if (inserted.status().code() == Code::kFailedPrecondition) {
        return NotFound("conversation " + e.conversation_id + " does not exist");
      }
      return inserted.status();
    }
    return seq;
  }

  Result<std::vector<model::TranscriptEntry>> Transcript(std::string_view id) override {
    SA_ASSIGN_OR_RETURN(auto rows, conn_.Query(std::string("SELECT ") + kEntryColumns +
                                                   " FROM transcript WHERE conversation_key = $1"
                                                   " ORDER BY seq",
                                               {FoldId(id)}));
    std::vector<model::TranscriptEntry> out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.push_back(ReadEntry(row));
    return out;
  }

  Result<std::optional<model::TranscriptEntry>> FindByClientMessageId(
      std::string_view conversation_id, std::string_view client_message_id) override {
    if (client_message_id.empty()) return std::optional<model::TranscriptEntry>();
    SA_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query(std::string("SELECT ") + kEntryColumns +
                                        " FROM transcript WHERE conversation_key = $1 AND "
                                        "client_message_id = $2",
                                    {FoldId(conversation_id), client_message_id}));
    if (rows.empty()) return std::optional<model::TranscriptEntry>();
    return std::optional<model::TranscriptEntry>(ReadEntry(rows[0]));
  }

 private:
  sql::Connection& conn_;
};

}  // namespace

std::unique_ptr<ConversationRepo> NewConversationRepo(sql::Connection& conn) {
  return std::make_unique<SqlConversationRepo>(conn);
}

}  // namespace sa::store
