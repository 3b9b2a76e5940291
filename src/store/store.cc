#include "store/store.h"

#include <filesystem>
#include <system_error>

#include "store/postgres/pg_connection.h"
#include "store/schema.h"
#include "store/sql_store.h"
#include "store/sqlite/sqlite_connection.h"

namespace sa::store {
namespace {

// SQLite serializes writers anyway (BEGIN IMMEDIATE); one connection avoids
// busy waits between our own threads.
constexpr size_t kSqlitePoolSize = 1;
constexpr size_t kPostgresPoolSize = 8;

bool IsPostgresUri(const std::string& location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

Result<std::unique_ptr<Store>> OpenMigrated(std::unique_ptr<sql::Pool> pool, std::string backend) {
  {
    SA_ASSIGN_OR_RETURN(auto lease, pool->Acquire());
    SA_RETURN_IF_ERROR(Migrate(*lease));
  }
  return NewSqlStore(std::move(pool), std::move(backend));
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
  return OpenMigrated(std::move(pool), "sqlite");
}

}  // namespace sa::store
