// The Store over sql::Pools, shared by every backend: Transact borrows a
// connection, runs the callback with repositories bound to it, commits or
// rolls back, and retries the whole callback when the database reports a
// retryable failure (serialization conflict, deadlock, busy lock).
//
// Two options serve SQLite, whose single writer would otherwise serialize
// everything behind one fsync per commit:
//  - readers: a pool of read-only connections. A callback first runs there
//    (a WAL snapshot beside the writer); if it tries to write, that attempt is
//    rolled back, the callback's type is remembered as a writer, and it runs
//    on the writer pool instead (so a writer pays the detour once per call
//    site, not per call).
//  - group_commit: concurrent write transactions are merged into one
//    physical transaction. One caller (the leader) takes the queued callbacks,
//    runs each inside its own SAVEPOINT (a failing one is rolled back to its
//    savepoint alone, the others are kept), COMMITs once, and only then wakes
//    every caller with its own Status. Each callback stays atomic, and
//    Transact still returns only after its commit is durable. If the batch
//    itself fails (COMMIT error, transaction lost, busy lock), every callback
//    of the batch is rerun in a transaction of its own.
// Thread-safe, as Store requires.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "store/sql.h"
#include "store/store.h"

namespace sa::store {

struct SqlStoreOptions {
  std::unique_ptr<sql::Pool> readers;  // null: every transaction on the main pool
  bool group_commit = false;           // only for a main pool of one connection
  size_t max_batch = 64;               // callbacks per physical transaction
  // Test hooks (may be empty): called with the queue length after a callback
  // joined the group-commit queue, and with a batch's size before it runs.
  std::function<void(size_t)> on_enqueue;
  std::function<void(size_t)> on_batch;
};

// `backend` is what Store::Backend returns ("sqlite", "postgresql").
std::unique_ptr<Store> NewSqlStore(std::unique_ptr<sql::Pool> pool, std::string backend,
                                   SqlStoreOptions options = {});

}  // namespace sa::store
