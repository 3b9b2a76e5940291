#include "store/store.h"

#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <system_error>

#include "store/postgres/pg_connection.h"
#include "store/schema.h"
#include "store/sql_store.h"
#include "store/sqlite/sqlite_connection.h"

namespace sa::store {
namespace {

// SQLite serializes writers anyway (BEGIN IMMEDIATE); one writer connection
// avoids busy waits between our own threads, and group commit merges the
// concurrent write transactions into one fsync. Read-only transactions run on
// reader connections beside it (WAL snapshots).
constexpr size_t kSqlitePoolSize = 1;
constexpr size_t kSqliteReaders = 4;
constexpr size_t kPostgresPoolSize = 8;

bool EnvIsZero(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && std::string_view(value) == "0";
}

bool IsPostgresUri(const std::string& location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

Result<std::unique_ptr<Store>> OpenMigrated(std::unique_ptr<sql::Pool> pool, std::string backend,
                                            SqlStoreOptions options = {}) {
  {
    SA_ASSIGN_OR_RETURN(auto lease, pool->Acquire());
    SA_RETURN_IF_ERROR(Migrate(*lease));
  }
  return NewSqlStore(std::move(pool), std::move(backend), std::move(options));
}

}  // namespace

Result<std::unique_ptr<Store>> OpenStore(const std::string& location) {
  if (IsPostgresUri(location)) {
    auto pool = std::make_unique<sql::Pool>(
        [location] { return postgres::OpenConnection(location); }, kPostgresPoolSize);
    return OpenMigrated(std::move(pool), "postgresql");
  }
  if (location.empty()) return InvalidArgument("store: empty location");
  std::error_code ec;
  std::filesystem::create_directories(location, ec);
  if (ec) return Unavailable("store: cannot create directory " + location + ": " + ec.message());
  std::string path = (std::filesystem::path(location) / "smartassist.db").string();
  auto pool =
      std::make_unique<sql::Pool>([path] { return sqlite::OpenConnection(path); }, kSqlitePoolSize);
  SqlStoreOptions options;
  // SA_SQLITE_READERS=0 / SA_SQLITE_GROUP_COMMIT=0 turn the two off (for
  // benchmarks that compare; see docs/PERFORMANCE.md).
  if (!EnvIsZero("SA_SQLITE_READERS")) {
    options.readers = std::make_unique<sql::Pool>(
        [path] { return sqlite::OpenConnection(path, sqlite::Mode::kReadOnly); }, kSqliteReaders);
  }
  options.group_commit = !EnvIsZero("SA_SQLITE_GROUP_COMMIT");
  return OpenMigrated(std::move(pool), "sqlite", std::move(options));
}

}  // namespace sa::store
