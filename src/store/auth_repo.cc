#include "core/ids.h"
#include "store/repos.h"
#include "store/rows.h"

namespace sa::store {
namespace {

constexpr const char* kTokenColumns = "id, name, role, user_id, hash, created, expires, revoked";

model::ApiToken ReadToken(const sql::Row& row) {
  sql::RowReader r(row);
  model::ApiToken t;
  t.id = r.Text();
  t.name = r.Text();
  t.role = r.Text();
  t.user_id = r.Text();
  t.hash = r.Text();
  t.created = ParseStoredTime(r.Text());
  if (r.IsNull()) {
    r.Skip();
  } else {
    t.expires = ParseStoredTime(r.Text());
  }
  t.revoked = r.Bool();
  return t;
}

class SqlAuthRepo : public AuthRepo {
 public:
  explicit SqlAuthRepo(sql::Connection& conn) : conn_(conn) {}

  Status InsertToken(const model::ApiToken& t) override {
    sql::Value expires = t.expires ? sql::Value(TimeText(*t.expires)) : sql::Value(nullptr);
    return conn_
        .TryExec(R"(INSERT INTO api_tokens (id_key, id, name, role, user_id, hash, created, expires,
  revoked) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9))",
                 {FoldId(t.id), t.id, t.name, t.role, t.user_id, t.hash, TimeText(t.created),
                  expires, t.revoked})
        .status();
  }

  Result<std::optional<model::ApiToken>> FindTokenByHash(std::string_view hash) override {
    SA_ASSIGN_OR_RETURN(auto rows, conn_.Query(std::string("SELECT ") + kTokenColumns +
                                                   " FROM api_tokens WHERE hash = $1",
                                               {hash}));
    if (rows.empty()) return std::optional<model::ApiToken>();
    return std::optional<model::ApiToken>(ReadToken(rows[0]));
  }

  Result<std::vector<model::ApiToken>> ListTokens() override {
    SA_ASSIGN_OR_RETURN(auto rows, conn_.Query(std::string("SELECT ") + kTokenColumns +
                                               " FROM api_tokens ORDER BY created, id_key"));
    std::vector<model::ApiToken> out;
    for (const auto& row : rows) out.push_back(ReadToken(row));
    return out;
  }

  Status RevokeToken(std::string_view id) override {
    return RequireChanged(
        conn_.Exec("UPDATE api_tokens SET revoked = 1 WHERE id_key = $1", {FoldId(id)}),
        NotFound("token " + std::string(id) + " does not exist"));
  }

  Status UpsertPassword(const model::PasswordCredential& c) override {
    return conn_
        .Exec(R"(INSERT INTO passwords (user_key, user_id, argon2_hash, updated)
VALUES ($1, $2, $3, $4)
ON CONFLICT (user_key) DO UPDATE SET user_id = excluded.user_id,
  argon2_hash = excluded.argon2_hash, updated = excluded.updated)",
              {FoldId(c.user_id), c.user_id, c.argon2_hash, TimeText(c.updated)})
        .status();
  }

  Result<std::optional<model::PasswordCredential>> GetPassword(std::string_view user) override {
    SA_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query("SELECT user_id, argon2_hash, updated FROM passwords "
                                    "WHERE user_key = $1",
                                    {FoldId(user)}));
    if (rows.empty()) return std::optional<model::PasswordCredential>();
    model::PasswordCredential c;
    c.user_id = rows[0].Text(0);
    c.argon2_hash = rows[0].Text(1);
    c.updated = ParseStoredTime(rows[0].Text(2));
    return std::optional<model::PasswordCredential>(std::move(c));
  }

  Status InsertSession(const model::WebSession& s) override {
    return conn_
        .TryExec(R"(INSERT INTO web_sessions (hash, user_id, csrf, created, expires)
VALUES ($1, $2, $3, $4, $5))",
                 {s.hash, s.user_id, s.csrf, TimeText(s.created), TimeText(s.expires)})
        .status();
  }

  Result<std::optional<model::WebSession>> FindSession(std::string_view hash) override {
    SA_ASSIGN_OR_RETURN(auto rows, conn_.Query("SELECT hash, user_id, csrf, created, expires "
                                               "FROM web_sessions WHERE hash = $1",
                                               {hash}));
    if (rows.empty()) return std::optional<model::WebSession>();
    sql::RowReader r(rows[0]);
    model::WebSession s;
    s.hash = r.Text();
    s.user_id = r.Text();
    s.csrf = r.Text();
    s.created = ParseStoredTime(r.Text());
    s.expires = ParseStoredTime(r.Text());
    return std::optional<model::WebSession>(std::move(s));
  }

  Status DeleteSession(std::string_view hash) override {
    return conn_.Exec("DELETE FROM web_sessions WHERE hash = $1", {hash}).status();
  }

 private:
  sql::Connection& conn_;
};

}  // namespace

std::unique_ptr<AuthRepo> NewAuthRepo(sql::Connection& conn) {
  return std::make_unique<SqlAuthRepo>(conn);
}

}  // namespace sa::store
