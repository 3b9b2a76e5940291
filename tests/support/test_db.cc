#include "tests/support/test_db.h"

#include <cstdlib>
#include <string_view>

#include "tests/support/postgres_server.h"

namespace sa::testing {

bool TestDbIsPostgres() {
  const char* db = std::getenv("SA_TEST_DB");
  return db != nullptr && std::string_view(db) == "postgres";
}

Result<std::string> TestStoreLocation(const std::string& sqlite_dir) {
  if (!TestDbIsPostgres()) return sqlite_dir;
  std::string error;
  PostgresServer* server = SharedPostgresServer(&error);
  if (server == nullptr) return Unavailable("SA_TEST_DB=postgres: " + error);
  return server->CreateUniqueDatabase();
}

}  // namespace sa::testing
