#include "store/sql_store.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <random>
#include <shared_mutex>
#include <thread>
#include <typeindex>
#include <unordered_set>
#include <vector>

#include "store/repos.h"

namespace sa::store {
namespace {

constexpr int kMaxAttempts = 8;

class SqlTx : public Tx {
 public:
  explicit SqlTx(sql::Connection& conn)
      : org_(NewOrgRepo(conn)),
        tickets_(NewTicketRepo(conn)),
        events_(NewEventRepo(conn)),
        conversations_(NewConversationRepo(conn)),
        auth_(NewAuthRepo(conn)),
        knowledge_(NewKnowledgeRepo(conn)),
        learning_(NewLearningRepo(conn)) {}

  OrgRepo& org() override { return *org_; }
  TicketRepo& tickets() override { return *tickets_; }
  EventRepo& events() override { return *events_; }
  ConversationRepo& conversations() override { return *conversations_; }
  AuthRepo& auth() override { return *auth_; }
  KnowledgeRepo& knowledge() override { return *knowledge_; }
  LearningRepo& learning() override { return *learning_; }

 private:
  std::unique_ptr<OrgRepo> org_;
  std::unique_ptr<TicketRepo> tickets_;
  std::unique_ptr<EventRepo> events_;
  std::unique_ptr<ConversationRepo> conversations_;
  std::unique_ptr<AuthRepo> auth_;
  std::unique_ptr<KnowledgeRepo> knowledge_;
  std::unique_ptr<LearningRepo> learning_;
};

// Runs `fn` with repositories bound to `conn`, inside whatever transaction
// is open; an exception becomes kInternal.
Status RunGuarded(sql::Connection& conn, const std::function<Status(Tx&)>& fn) {
  try {
    SqlTx tx(conn);
    return fn(tx);
  } catch (const std::exception& e) {
    return Internal(std::string("store: transaction threw: ") + e.what());
  } catch (...) {
    return Internal("store: transaction threw");
  }
}

// Runs `fn` once inside a transaction on `conn`; commits when it returns ok.
Status RunOnce(sql::Connection& conn, const std::function<Status(Tx&)>& fn) {
  SA_RETURN_IF_ERROR(conn.Begin());
  Status status = RunGuarded(conn, fn);
  if (status.ok()) {
    status = conn.Commit();
    if (status.ok()) return status;
  }
  conn.Rollback();
  return status;
}

// Waits a short random time, growing with the attempt, so that conflicting
// transactions do not collide again in lockstep.
void Backoff(int attempt) {
  thread_local std::minstd_rand rng(std::random_device{}());
  int max_ms = 1 << std::min(attempt, 6);
  std::uniform_int_distribution<int> dist(0, max_ms);
  std::this_thread::sleep_for(std::chrono::milliseconds(dist(rng)));
}

// RunOnce with retries on one connection already held.
Status RunWithRetries(sql::Connection& conn, const std::function<Status(Tx&)>& fn) {
  Status status;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    if (attempt > 0) Backoff(attempt);
    status = RunOnce(conn, fn);
    if (status.ok() || !conn.RetryableFailure()) return status;
  }
  return status;
}

class SqlStore : public Store {
 public:
  SqlStore(std::unique_ptr<sql::Pool> pool, std::string backend, SqlStoreOptions options)
      : pool_(std::move(pool)),
        readers_(std::move(options.readers)),
        backend_(std::move(backend)),
        group_commit_(options.group_commit),
        max_batch_(std::max<size_t>(options.max_batch, 1)),
        on_enqueue_(std::move(options.on_enqueue)),
        on_batch_(std::move(options.on_batch)) {}

  Status Transact(const std::function<Status(Tx&)>& fn) override {
    if (readers_ && !KnownWriter(fn)) {
      bool wrote = false;
      Status status = TransactOnReader(fn, &wrote);
      if (!wrote) return status;
      MarkWriter(fn);
    }
    if (group_commit_) return GroupTransact(fn);
    return PlainTransact(fn);
  }

  std::string Backend() const override { return backend_; }

 private:
  // One caller's callback waiting for (or in) a group-commit batch.
  struct Unit {
    const std::function<Status(Tx&)>* fn;
    Status status;
    bool done = false;
  };

  Status PlainTransact(const std::function<Status(Tx&)>& fn) {
    Status status;
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
      if (attempt > 0) Backoff(attempt);
      // First attempts run side by side; a retry runs alone in this process
      // (it waits for the attempts in flight and holds off new ones). Without
      // this, two of our own write transactions on PostgreSQL (SERIALIZABLE)
      // kept conflicting over the same hot rows (ticket counters, the event
      // chain) until the attempts ran out: ~1.5 % of concurrent ticket
      // creations failed with 503. Conflicts with other processes are still
      // resolved by the retries.
      std::shared_lock<std::shared_mutex> first(retry_mu_, std::defer_lock);
      std::unique_lock<std::shared_mutex> retry(retry_mu_, std::defer_lock);
      if (attempt == 0) {
        first.lock();
      } else {
        retry.lock();
      }
      auto lease = pool_->Acquire();
      if (!lease.ok()) return lease.status();
      status = RunOnce(**lease, fn);
      if (status.ok() || !(*lease)->RetryableFailure()) return status;
    }
    return status;
  }

  // Runs `fn` on a read-only connection. Sets *wrote (and returns nothing
  // meaningful) when `fn` tried to write.
  Status TransactOnReader(const std::function<Status(Tx&)>& fn, bool* wrote) {
    Status status;
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
      if (attempt > 0) Backoff(attempt);
      auto lease = readers_->Acquire();
      if (!lease.ok()) return lease.status();
      sql::Connection& conn = **lease;
      SA_RETURN_IF_ERROR(conn.Begin());
      status = RunGuarded(conn, fn);
      conn.Rollback();  // a read transaction: nothing to keep
      if (conn.WriteAttempted()) {
        *wrote = true;
        return status;
      }
      if (status.ok() || !conn.RetryableFailure()) return status;
    }
    return status;
  }

  bool KnownWriter(const std::function<Status(Tx&)>& fn) {
    std::shared_lock lock(writers_mu_);
    return writers_.count(std::type_index(fn.target_type())) > 0;
  }
  void MarkWriter(const std::function<Status(Tx&)>& fn) {
    std::unique_lock lock(writers_mu_);
    writers_.insert(std::type_index(fn.target_type()));
  }

  // Queues `fn`; the first waiting caller without a running leader becomes the
  // leader, runs a batch (its own callback and everything queued) and wakes
  // the callers of that batch after the COMMIT.
  Status GroupTransact(const std::function<Status(Tx&)>& fn) {
    Unit unit{&fn, Status::Ok(), false};
    std::unique_lock lock(queue_mu_);
    queue_.push_back(&unit);
    if (on_enqueue_) on_enqueue_(queue_.size());
    while (!unit.done) {
      if (leader_active_) {
        queue_cv_.wait(lock);
        continue;
      }
      leader_active_ = true;
      std::vector<Unit*> batch;
      size_t n = std::min(queue_.size(), max_batch_);
      batch.assign(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
      lock.unlock();
      if (on_batch_) on_batch_(batch.size());
      RunBatch(batch);
      lock.lock();
      for (Unit* u : batch) u->done = true;
      leader_active_ = false;
      queue_cv_.notify_all();
    }
    return unit.status;
  }

  void RunBatch(const std::vector<Unit*>& batch) {
    auto lease = pool_->Acquire();
    if (!lease.ok()) {
      for (Unit* u : batch) u->status = lease.status();
      return;
    }
    sql::Connection& conn = **lease;
    if (batch.size() == 1) {
      batch[0]->status = RunWithRetries(conn, *batch[0]->fn);
      return;
    }
    bool broken = !conn.Begin().ok();
    for (Unit* u : batch) {
      if (broken) break;
      if (!conn.Exec("SAVEPOINT sa_unit").ok()) {
        broken = true;
        break;
      }
      u->status = RunGuarded(conn, *u->fn);
      if (conn.RetryableFailure() || !conn.InTransaction()) {
        broken = true;
        break;
      }
      if (!u->status.ok()) {
        // Undo this callback alone; the savepoint stays open until RELEASE.
        if (!conn.Exec("ROLLBACK TO sa_unit").ok()) broken = true;
      }
      if (!broken && !conn.Exec("RELEASE sa_unit").ok()) broken = true;
    }
    if (!broken && conn.Commit().ok()) return;
    // The batch failed as a whole: nothing of it is committed. Run every
    // callback again in a transaction of its own.
    conn.Rollback();
    for (Unit* u : batch) u->status = RunWithRetries(conn, *u->fn);
  }

  std::unique_ptr<sql::Pool> pool_;
  std::unique_ptr<sql::Pool> readers_;
  std::string backend_;
  const bool group_commit_;
  const size_t max_batch_;
  const std::function<void(size_t)> on_enqueue_;
  const std::function<void(size_t)> on_batch_;
  std::shared_mutex retry_mu_;  // shared by first attempts, exclusive for retries

  std::shared_mutex writers_mu_;
  std::unordered_set<std::type_index> writers_;  // callback types seen writing

  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::vector<Unit*> queue_;  // waiting for a batch, oldest first
  bool leader_active_ = false;
};

}  // namespace

std::unique_ptr<Store> NewSqlStore(std::unique_ptr<sql::Pool> pool, std::string backend,
                                   SqlStoreOptions options) {
  return std::make_unique<SqlStore>(std::move(pool), std::move(backend), std::move(options));
}

}  // namespace sa::store
