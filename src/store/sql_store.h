// The Store over a sql::Pool, shared by every backend: Transact borrows a
// connection, runs the callback with repositories bound to it, commits or
// rolls back, and retries the whole callback when the database reports a
// retryable failure (serialization conflict, deadlock, busy lock).
// Thread-safe, as Store requires.
#pragma once

#include <memory>
#include <string>

#include "store/sql.h"
#include "store/store.h"

namespace sa::store {

// `backend` is what Store::Backend returns ("sqlite", "postgresql").
std::unique_ptr<Store> NewSqlStore(std::unique_ptr<sql::Pool> pool, std::string backend);

}  // namespace sa::store
