// The SQLite backend of sql::Connection (sqlite3 C API).
//
// Opens the database file in WAL mode with foreign keys on, a busy timeout,
// and synchronous=FULL so a commit that returned survives the process being
// killed (and the machine losing power). `$N` parameters are bound by name.
// A connection is used by one thread at a time. Readers (Mode::kReadOnly)
// run read-only transactions beside the writer (WAL snapshots).
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "store/sql.h"

namespace sa::store::sqlite {

enum class Mode {
  kReadWrite,
  // A reader: BEGIN is deferred (a WAL snapshot, never the write lock) and a
  // statement that would write is not run: it fails with kUnavailable and
  // sets WriteAttempted(), so the Store reruns the transaction on the writer.
  kReadOnly,
};

// Opens (creating if missing) the database file at `path`.
// kUnavailable when the file cannot be opened or configured.
Result<std::unique_ptr<sql::Connection>> OpenConnection(const std::string& path,
                                                        Mode mode = Mode::kReadWrite);

}  // namespace sa::store::sqlite
