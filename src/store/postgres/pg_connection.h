// The PostgreSQL backend of sql::Connection (libpq).
//
// Transactions are SERIALIZABLE; serialization failures (40001) and
// deadlocks (40P01) mark the transaction retryable, which Store::Transact
// honours. Parameters are sent as text and typed by the server. A connection
// is used by one thread at a time.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "store/sql.h"

namespace sa::store::postgres {

// Connects with a libpq connection string or URI ("postgresql://user@host:port/db").
// kUnavailable when the server cannot be reached or refuses the login.
Result<std::unique_ptr<sql::Connection>> OpenConnection(const std::string& conninfo);

}  // namespace sa::store::postgres
