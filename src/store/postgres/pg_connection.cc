#include "store/postgres/pg_connection.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <cstring>

namespace sa::store::postgres {
namespace {

void IgnoreNotice(void*, const char*) {}

// Owns a PGresult.
struct ResultPtr {
  PGresult* res;
  ~ResultPtr() { PQclear(res); }
};

class PgConnection : public sql::Connection {
 public:
  explicit PgConnection(PGconn* conn) : conn_(conn) {
    PQsetNoticeProcessor(conn_, IgnoreNotice, nullptr);
  }
  ~PgConnection() override { PQfinish(conn_); }

  Result<int64_t> Exec(std::string_view sql, const sql::Params& params) override {
    ResultPtr res{Run(sql, params)};
    SA_RETURN_IF_ERROR(Check(res.res, sql));
    const char* tuples = PQcmdTuples(res.res);
    return static_cast<int64_t>(tuples && *tuples ? std::atoll(tuples) : 0);
  }

  Result<int64_t> TryExec(std::string_view sql, const sql::Params& params) override {
    if (PQtransactionStatus(conn_) != PQTRANS_INTRANS) return Exec(sql, params);
    SA_RETURN_IF_ERROR(Exec("SAVEPOINT sa_try", {}).status());
    auto result = Exec(sql, params);
    if (result.ok()) {
      SA_RETURN_IF_ERROR(Exec("RELEASE SAVEPOINT sa_try", {}).status());
    } else if (Healthy()) {
      SA_RETURN_IF_ERROR(Exec("ROLLBACK TO SAVEPOINT sa_try", {}).status());
    }
    return result;
  }

  Result<std::vector<sql::Row>> Query(std::string_view sql, const sql::Params& params) override {
    ResultPtr res{Run(sql, params)};
    SA_RETURN_IF_ERROR(Check(res.res, sql));
    const int rows = PQntuples(res.res);
    const int columns = PQnfields(res.res);
    std::vector<sql::Row> out;
    out.reserve(rows);
    for (int r = 0; r < rows; ++r) {
      std::vector<std::optional<std::string>> cells(columns);
      for (int c = 0; c < columns; ++c) {
        if (PQgetisnull(res.res, r, c)) continue;
        cells[c] = std::string(PQgetvalue(res.res, r, c), PQgetlength(res.res, r, c));
      }
      out.emplace_back(std::move(cells));
    }
    return out;
  }

  Status Begin() override {
    retryable_ = false;
    auto begun = Exec("BEGIN ISOLATION LEVEL SERIALIZABLE", {});
    // Nothing ran yet, so a fresh connection may safely try again.
    if (!begun.ok() && !Healthy()) retryable_ = true;
    return begun.status();
  }

  Status Commit() override {
    ResultPtr res{Run("COMMIT", {})};
    SA_RETURN_IF_ERROR(Check(res.res, "COMMIT"));
    // COMMIT of a transaction aborted by an earlier error reports ROLLBACK.
    if (std::strcmp(PQcmdStatus(res.res), "COMMIT") != 0) {
      return Internal("postgres: transaction was aborted by an earlier error; rolled back");
    }
    return Status::Ok();
  }

  Status Rollback() override {
    if (PQtransactionStatus(conn_) == PQTRANS_IDLE) return Status::Ok();
    return Exec("ROLLBACK", {}).status();
  }

  bool RetryableFailure() const override { return retryable_; }
  bool Healthy() const override { return PQstatus(conn_) == CONNECTION_OK; }
  sql::Dialect dialect() const override { return sql::Dialect::kPostgres; }

 private:
  PGresult* Run(std::string_view sql, const sql::Params& params) {
    std::string text(sql);
    std::vector<std::string> storage;
    storage.reserve(params.size());
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) {
      storage.push_back(p.ToText());
      values.push_back(p.is_null() ? nullptr : storage.back().c_str());
    }
    return PQexecParams(conn_, text.c_str(), static_cast<int>(values.size()), nullptr,
                        values.data(), nullptr, nullptr, 0);
  }

  Status Check(PGresult* res, std::string_view sql) {
    if (res == nullptr) {
      return Unavailable(std::string("postgres: ") + PQerrorMessage(conn_));
    }
    ExecStatusType st = PQresultStatus(res);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return Status::Ok();
    const char* state_field = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    std::string state = state_field ? state_field : "";
    std::string message = "postgres: " + std::string(PQresultErrorMessage(res));
    while (!message.empty() && message.back() == '\n') message.pop_back();
    if (state == "23505") return AlreadyExists(message);
    if (state == "23503") return FailedPrecondition(message);
    if (state == "40001" || state == "40P01") {
      retryable_ = true;
      return Unavailable(message);
    }
    if (!Healthy() || state.rfind("08", 0) == 0 || state.rfind("53", 0) == 0 ||
        state.rfind("57", 0) == 0) {
      return Unavailable(message);
    }
    return Internal(message + " [" + state + "] in: " + std::string(sql.substr(0, 120)));
  }

  PGconn* conn_;
  bool retryable_ = false;
};

}  // namespace

Result<std::unique_ptr<sql::Connection>> OpenConnection(const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (conn == nullptr) return Unavailable("postgres: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    return Unavailable("postgres: cannot connect: " + message);
  }
  return std::unique_ptr<sql::Connection>(std::make_unique<PgConnection>(conn));
}

}  // namespace sa::store::postgres
