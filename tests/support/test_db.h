// Where a test's store lives, chosen by the environment: with SA_TEST_DB=postgres
// a new database on the process's shared PostgreSQL server (postgres_server.h),
// otherwise the given directory (embedded SQLite). Lets one suite run on both
// backends: ctest registers it twice, once with SA_TEST_DB=postgres.
// Thread-compatible (like SharedPostgresServer).
#pragma once

#include <string>

#include "core/status.h"

namespace sa::testing {

// True when SA_TEST_DB=postgres.
bool TestDbIsPostgres();

// `sqlite_dir` (SQLite), or the URI of a fresh PostgreSQL database;
// kUnavailable when PostgreSQL cannot be started.
Result<std::string> TestStoreLocation(const std::string& sqlite_dir);

}  // namespace sa::testing
