// The SQLite backend of sql::Connection (sqlite3 C API).
//
// Opens the database file in WAL mode with foreign keys on, a busy timeout,
// and synchronous=FULL so a commit that returned survives the process being
// killed (and the machine losing power). `$N` parameters are bound by name.
// A connection is used by one thread at a time.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "store/sql.h"

namespace sa::store::sqlite {

// Opens (creating if missing) the database file at `path`.
// kUnavailable when the file cannot be opened or configured.
Result<std::unique_ptr<sql::Connection>> OpenConnection(const std::string& path);

}  // namespace sa::store::sqlite
