#include "store/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include <string_view>
#include <unordered_map>

namespace sa::store::sqlite {
namespace {

constexpr int kBusyTimeoutMs = 5000;

class SqliteConnection : public sql::Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    for (auto& [text, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  Result<int64_t> Exec(std::string_view sql, const sql::Params& params) override {
    SA_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql, params));
    StmtReset reset{stmt};
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) return Error(rc, sql);
    return static_cast<int64_t>(sqlite3_changes64(db_));
  }

  Result<int64_t> TryExec(std::string_view sql, const sql::Params& params) override {
    return Exec(sql, params);  // a failed statement is undone alone (ON CONFLICT ABORT)
  }

  Result<std::vector<sql::Row>> Query(std::string_view sql, const sql::Params& params) override {
    SA_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql, params));
    StmtReset reset{stmt};
    std::vector<sql::Row> rows;
    const int columns = sqlite3_column_count(stmt);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      std::vector<std::optional<std::string>> cells(columns);
      for (int c = 0; c < columns; ++c) {
        if (sqlite3_column_type(stmt, c) == SQLITE_NULL) continue;
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        cells[c] = std::string(text ? text : "", sqlite3_column_bytes(stmt, c));
      }
      rows.emplace_back(std::move(cells));
    }
    if (rc != SQLITE_DONE) return Error(rc, sql);
    return rows;
  }

  Status Begin() override {
    retryable_ = false;
    write_attempted_ = false;
    return Simple(read_only_ ? "BEGIN" : "BEGIN IMMEDIATE");
  }
  Status Commit() override { return Simple("COMMIT"); }
  Status Rollback() override {
    if (sqlite3_get_autocommit(db_)) return Status::Ok();  // already rolled back
    return Simple("ROLLBACK");
  }
  bool RetryableFailure() const override { return retryable_; }
  bool Healthy() const override { return true; }
  bool InTransaction() const override { return sqlite3_get_autocommit(db_) == 0; }
  bool WriteAttempted() const override { return write_attempted_; }
  sql::Dialect dialect() const override { return sql::Dialect::kSqlite; }

  // Applies the connection settings; see the header.
  Status Configure() {
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    for (const char* pragma :
         {"PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=FULL"}) {
      SA_RETURN_IF_ERROR(Simple(pragma));
    }
    auto mode = Query("PRAGMA journal_mode", {});
    if (!mode.ok()) return mode.status();
    if (mode->empty() || (*mode)[0].Text(0) != "wal") {
      return Unavailable("sqlite: cannot switch the database to WAL mode");
    }
    return Status::Ok();
  }

  // Makes this a reader (after Configure, whose pragmas count as writes):
  // statements that write are refused before they run, and SQLite itself
  // refuses writes too (query_only).
  Status MakeReadOnly() {
    SA_RETURN_IF_ERROR(Simple("PRAGMA query_only=ON"));
    read_only_ = true;
    return Status::Ok();
  }

 private:
  struct StmtReset {
    sqlite3_stmt* stmt;
    ~StmtReset() {
      sqlite3_reset(stmt);
      sqlite3_clear_bindings(stmt);
    }
  };

  Status Simple(const char* sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
    sqlite3_free(err);
    if (rc != SQLITE_OK) return Error(rc, sql);
    return Status::Ok();
  }

  Result<sqlite3_stmt*> Prepare(std::string_view sql, const sql::Params& params) {
    std::string key(sql);
    sqlite3_stmt* stmt = nullptr;
    if (auto it = cache_.find(key); it != cache_.end()) {
      stmt = it->second;
    } else {
      int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                                  SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      if (rc != SQLITE_OK) return Error(rc, sql);
      if (stmt == nullptr) return Internal("sqlite: empty statement");
      cache_.emplace(std::move(key), stmt);
    }
    if (read_only_ && !sqlite3_stmt_readonly(stmt)) {
      write_attempted_ = true;
      return Unavailable("sqlite: a write on a read connection (rerun on the writer)");
    }
    for (size_t i = 0; i < params.size(); ++i) {
      std::string name = "$" + std::to_string(i + 1);
      int index = sqlite3_bind_parameter_index(stmt, name.c_str());
      // PostgreSQL rejects parameters a statement does not use; so do we.
      if (index == 0) return Internal("sqlite: statement does not use " + name);
      int rc = Bind(stmt, index, params[i]);
      if (rc != SQLITE_OK) {
        sqlite3_clear_bindings(stmt);
        return Error(rc, sql);
      }
    }
    if (sqlite3_bind_parameter_count(stmt) != static_cast<int>(params.size())) {
      sqlite3_clear_bindings(stmt);
      return Internal("sqlite: statement takes " +
                      std::to_string(sqlite3_bind_parameter_count(stmt)) + " parameters, got " +
                      std::to_string(params.size()));
    }
    return stmt;
  }

  static int Bind(sqlite3_stmt* stmt, int index, const sql::Value& value) {
    struct Visitor {
      sqlite3_stmt* stmt;
      int index;
      int operator()(std::nullptr_t) const { return sqlite3_bind_null(stmt, index); }
      int operator()(int64_t i) const { return sqlite3_bind_int64(stmt, index, i); }
      int operator()(double d) const { return sqlite3_bind_double(stmt, index, d); }
      int operator()(const std::string& s) const {
        return sqlite3_bind_text64(stmt, index, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      }
    };
    return std::visit(Visitor{stmt, index}, value.variant());
  }

  Status Error(int rc, std::string_view sql) {
    int extended = sqlite3_extended_errcode(db_);
    std::string message = "sqlite: " + std::string(sqlite3_errmsg(db_));
    switch (extended) {
      case SQLITE_CONSTRAINT_UNIQUE:
      case SQLITE_CONSTRAINT_PRIMARYKEY:
        return AlreadyExists(message);
      case SQLITE_CONSTRAINT_FOREIGNKEY:
        return FailedPrecondition(message);
      default:
        break;
    }
    switch (rc & 0xff) {
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        retryable_ = true;
        return Unavailable(message);
      case SQLITE_IOERR:
      case SQLITE_FULL:
      case SQLITE_CANTOPEN:
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB:
      case SQLITE_READONLY:
        return Unavailable(message);
      default:
        return Internal(message + " in: " + std::string(sql.substr(0, 120)));
    }
  }

  sqlite3* db_;
  bool read_only_ = false;
  bool retryable_ = false;
  bool write_attempted_ = false;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace

Result<std::unique_ptr<sql::Connection>> OpenConnection(const std::string& path, Mode mode) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Unavailable("sqlite: cannot open " + path + ": " + message);
  }
  auto conn = std::make_unique<SqliteConnection>(db);
  SA_RETURN_IF_ERROR(conn->Configure());
  if (mode == Mode::kReadOnly) SA_RETURN_IF_ERROR(conn->MakeReadOnly());
  return std::unique_ptr<sql::Connection>(std::move(conn));
}

}  // namespace sa::store::sqlite
