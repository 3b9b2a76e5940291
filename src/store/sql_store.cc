#include "store/sql_store.h"

#include <chrono>
#include <exception>
#include <mutex>
#include <random>
#include <shared_mutex>
#include <thread>

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

// Runs `fn` once inside a transaction on `conn`; commits when it returns ok.
Status RunOnce(sql::Connection& conn, const std::function<Status(Tx&)>& fn) {
  SA_RETURN_IF_ERROR(conn.Begin());
  Status status;
  try {
    SqlTx tx(conn);
    status = fn(tx);
  } catch (const std::exception& e) {
    status = Internal(std::string("store: transaction threw: ") + e.what());
  }
  if (status.ok()) {
    status = conn.Commit();
    if (status.ok()) return status;
  }
  conn.Rollback();
  return status;
}

class SqlStore : public Store {
 public:
  SqlStore(std::unique_ptr<sql::Pool> pool, std::string backend)
      : pool_(std::move(pool)), backend_(std::move(backend)) {}

  Status Transact(const std::function<Status(Tx&)>& fn) override {
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

  std::string Backend() const override { return backend_; }

 private:
  // Waits a short random time, growing with the attempt, so that conflicting
  // transactions do not collide again in lockstep.
  static void Backoff(int attempt) {
    thread_local std::minstd_rand rng(std::random_device{}());
    int max_ms = 1 << std::min(attempt, 6);
    std::uniform_int_distribution<int> dist(0, max_ms);
    std::this_thread::sleep_for(std::chrono::milliseconds(dist(rng)));
  }

  std::unique_ptr<sql::Pool> pool_;
  std::string backend_;
  std::shared_mutex retry_mu_;  // shared by first attempts, exclusive for retries
};

}  // namespace

std::unique_ptr<Store> NewSqlStore(std::unique_ptr<sql::Pool> pool, std::string backend) {
  return std::make_unique<SqlStore>(std::move(pool), std::move(backend));
}

}  // namespace sa::store
