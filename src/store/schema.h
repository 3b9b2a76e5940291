// The database schema as an ordered list of versioned migrations, and the
// runner that brings a database up to the newest one at open.
//
// Each applied migration is recorded in `schema_migrations`; the runner
// applies the missing ones in order inside one transaction (serialized across
// processes: BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL), so a
// database is never left half migrated. Migrations are append-only: a released
// step is never edited, a change is a new step.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/sql.h"

namespace sa::store {

struct Migration {
  int64_t version;
  std::string name;
  std::vector<std::string> statements;  // portable SQL, run in order
};

// All migrations, ascending by version.
const std::vector<Migration>& Migrations();

// Applies the missing migrations. kInternal when a step fails (nothing of it
// is kept); kFailedPrecondition when the database is newer than this program.
Status Migrate(sql::Connection& conn);

}  // namespace sa::store
