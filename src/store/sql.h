// The store's private database-client abstraction (drogon-like): one
// Connection interface with a folder per backend (sqlite/, postgres/), so the
// repositories are written once in portable SQL.
//
// SQL uses positional parameters `$1, $2, ...` bound to Values (text, integer,
// double or null); results come back as Rows of nullable text cells, which
// the repositories convert. Errors are Statuses: a unique-key violation is
// kAlreadyExists, a lost or busy database kUnavailable, anything else
// kInternal. A Connection is not thread-safe: one thread uses it at a time
// (the Pool hands it out). A Pool is thread-safe.
//
// Private to the store module: nothing outside src/store includes this.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/status.h"

namespace sa::store::sql {

// One bound parameter.
class Value {
 public:
  using Variant = std::variant<std::nullptr_t, int64_t, double, std::string>;
  Value(std::nullptr_t) : v_(nullptr) {}               // NOLINT
  Value(bool b) : v_(int64_t{b ? 1 : 0}) {}            // NOLINT
  Value(int i) : v_(int64_t{i}) {}                     // NOLINT
  Value(long i) : v_(int64_t{i}) {}                    // NOLINT
  Value(long long i) : v_(static_cast<int64_t>(i)) {}  // NOLINT
  Value(double d) : v_(d) {}                           // NOLINT
  Value(const char* s) : v_(std::string(s)) {}         // NOLINT
  Value(std::string s) : v_(std::move(s)) {}           // NOLINT
  Value(std::string_view s) : v_(std::string(s)) {}    // NOLINT
  Value(const std::optional<std::string>& s) {         // NOLINT
    if (s)
      v_ = *s;
    else
      v_ = nullptr;
  }

  bool is_null() const { return std::holds_alternative<std::nullptr_t>(v_); }
  const Variant& variant() const { return v_; }
  // Text form (as sent to a text protocol); "" for null.
  std::string ToText() const;

 private:
  Variant v_;
};

using Params = std::vector<Value>;

// One result row: nullable text cells in SELECT order.
class Row {
 public:
  explicit Row(std::vector<std::optional<std::string>> cells) : cells_(std::move(cells)) {}
  size_t size() const { return cells_.size(); }
  bool IsNull(size_t i) const { return !cells_.at(i).has_value(); }
  // "" for null.
  const std::string& Text(size_t i) const;
  // 0 for null or non-numeric text.
  int64_t Int(size_t i) const;
  double Double(size_t i) const;
  bool Bool(size_t i) const { return Int(i) != 0; }

 private:
  std::vector<std::optional<std::string>> cells_;
};

// Reads a row's cells in order, so conversion code lists columns once.
class RowReader {
 public:
  explicit RowReader(const Row& row) : row_(row) {}
  bool IsNull() const { return row_.IsNull(i_); }
  std::string Text() { return row_.Text(i_++); }
  int64_t Int() { return row_.Int(i_++); }
  double Double() { return row_.Double(i_++); }
  bool Bool() { return row_.Bool(i_++); }
  void Skip() { ++i_; }

 private:
  const Row& row_;
  size_t i_ = 0;
};

enum class Dialect { kSqlite, kPostgres };

class Connection {
 public:
  virtual ~Connection() = default;
  // Runs one statement; returns the number of rows it changed.
  virtual Result<int64_t> Exec(std::string_view sql, const Params& params = {}) = 0;
  // Like Exec, for a statement whose failure is an expected outcome (a
  // duplicate key, a missing referenced row): after it fails the transaction
  // stays usable on every backend (SQLite undoes just the statement;
  // PostgreSQL runs it inside a savepoint).
  virtual Result<int64_t> TryExec(std::string_view sql, const Params& params) = 0;
  // Runs one statement that returns rows.
  virtual Result<std::vector<Row>> Query(std::string_view sql, const Params& params = {}) = 0;
  // Transactions. Begin takes the write lock up front on SQLite (BEGIN
  // IMMEDIATE) and opens a SERIALIZABLE transaction on PostgreSQL.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
  // True when, since the last Begin, the database reported a failure that a
  // retry of the whole transaction may cure (serialization failure, deadlock,
  // busy lock).
  virtual bool RetryableFailure() const = 0;
  // False once the connection is lost; the Pool then drops it.
  virtual bool Healthy() const = 0;
  // True while a transaction is open (SQLite ends a transaction by itself
  // after some errors, e.g. a full disk; the group commit checks this).
  virtual bool InTransaction() const { return true; }
  // Read-only connections (SQLite readers): true when, since the last Begin,
  // the caller asked to run a statement that writes. The statement was not
  // run; the Store reruns the whole transaction on the writer.
  virtual bool WriteAttempted() const { return false; }
  virtual Dialect dialect() const = 0;
};

// Hands out connections, at most `max_size` at a time, opening them lazily
// with `open`. Thread-safe.
class Pool {
 public:
  using Opener = std::function<Result<std::unique_ptr<Connection>>()>;
  Pool(Opener open, size_t max_size) : open_(std::move(open)), max_size_(max_size) {}

  // A connection borrowed from the pool; returned when destroyed.
  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<Connection> conn) : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = default;
    ~Lease();
    Connection& operator*() const { return *conn_; }
    Connection* operator->() const { return conn_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> conn_;
  };

  // Waits for an idle connection or opens a new one.
  Result<Lease> Acquire();

 private:
  void Release(std::unique_ptr<Connection> conn);

  Opener open_;
  size_t max_size_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
  size_t open_count_ = 0;
};

}  // namespace sa::store::sql
