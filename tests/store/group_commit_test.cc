// Group commit and reader connections of the SQLite store (sql_store.h):
// callbacks queued while a batch runs are committed together in one physical
// transaction, each inside its own savepoint; a failing or throwing callback
// is undone alone, every caller gets its own Status, and read-only
// transactions run beside a write in flight without seeing it.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "store/schema.h"
#include "store/sql_store.h"
#include "store/sqlite/sqlite_connection.h"
#include "tests/store/store_test_util.h"

namespace sa::store {
namespace {

std::string TicketId(int n) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "INC-%06d", n);
  return buf;
}

model::Ticket MakeTicket(int n) {
  model::Ticket t;
  t.id = TicketId(n);
  t.title = "group commit";
  t.created = t.updated = *ParseTime("2026-01-01T00:00:00Z");
  return t;
}

class GroupCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(dir_.path().empty());
    const std::string path = dir_.path() + "/smartassist.db";
    auto writer =
        std::make_unique<sql::Pool>([path] { return sqlite::OpenConnection(path); }, 1);
    {
      auto lease = writer->Acquire();
      ASSERT_TRUE(lease.ok()) << lease.status().ToString();
      ASSERT_OK(Migrate(**lease));
    }
    SqlStoreOptions options;
    options.readers = std::make_unique<sql::Pool>(
        [path] { return sqlite::OpenConnection(path, sqlite::Mode::kReadOnly); }, 2);
    options.group_commit = true;
    options.on_enqueue = [this](size_t queued) {
      std::lock_guard lock(mu_);
      max_queued_ = std::max(max_queued_, queued);
      cv_.notify_all();
    };
    options.on_batch = [this](size_t size) {
      std::lock_guard lock(mu_);
      batches_.push_back(size);
    };
    store_ = NewSqlStore(std::move(writer), "sqlite", std::move(options));
  }

  bool Exists(int n) {
    bool found = false;
    Status st = store_->Transact([&](Tx& tx) -> Status {
      SA_ASSIGN_OR_RETURN(auto t, tx.tickets().Get(TicketId(n)));
      found = t.has_value();
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return found;
  }

  // What a callback does after inserting its ticket.
  enum class Then { kCommit, kFail, kThrow, kBlock };

  // One callback type for every caller (the store learns per type that it
  // writes, so after the first call they all go straight to the writer).
  Status Write(int n, Then then) {
    return store_->Transact([this, n, then](Tx& tx) -> Status {
      SA_RETURN_IF_ERROR(tx.tickets().Insert(MakeTicket(n)));
      switch (then) {
        case Then::kCommit:
          return Status::Ok();
        case Then::kFail:
          return InvalidArgument("callback " + std::to_string(n) + " fails");
        case Then::kThrow:
          throw std::runtime_error("callback " + std::to_string(n) + " throws");
        case Then::kBlock: {
          // Holds the writer until `waiting_for_` callbacks are queued.
          std::unique_lock lock(mu_);
          leader_running_ = true;
          cv_.notify_all();
          cv_.wait(lock, [&] { return max_queued_ >= waiting_for_; });
          return Status::Ok();
        }
      }
      return Status::Ok();
    });
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
  std::mutex mu_;
  std::condition_variable cv_;
  size_t max_queued_ = 0;
  size_t waiting_for_ = 0;
  bool leader_running_ = false;
  std::vector<size_t> batches_;
};

TEST_F(GroupCommitTest, QueuedCallbacksCommitTogetherAndAFailingOneIsUndoneAlone) {
  constexpr int kCallers = 9;
  waiting_for_ = kCallers;
  ASSERT_OK(Write(1000, Then::kCommit));  // the store learns that Write writes
  std::thread leader([&] { EXPECT_TRUE(Write(0, Then::kBlock).ok()); });
  {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return leader_running_; });
  }
  std::vector<Status> results(kCallers + 1);
  std::vector<std::thread> callers;
  for (int n = 1; n <= kCallers; ++n) {
    Then then = n % 3 == 1 ? Then::kFail : n % 3 == 2 ? Then::kThrow : Then::kCommit;
    callers.emplace_back([&, n, then] { results[n] = Write(n, then); });
  }
  for (auto& t : callers) t.join();
  leader.join();

  {
    std::lock_guard lock(mu_);
    EXPECT_NE(std::find(batches_.begin(), batches_.end(), static_cast<size_t>(kCallers)),
              batches_.end())
        << "the queued callbacks did not run as one batch";
  }
  EXPECT_TRUE(Exists(0));
  for (int n = 1; n <= kCallers; ++n) {
    SCOPED_TRACE("callback " + std::to_string(n));
    if (n % 3 == 1) {
      EXPECT_EQ(results[n].code(), Code::kInvalidArgument);
      EXPECT_EQ(results[n].message(), "callback " + std::to_string(n) + " fails");
      EXPECT_FALSE(Exists(n));
    } else if (n % 3 == 2) {
      EXPECT_EQ(results[n].code(), Code::kInternal);
      EXPECT_NE(results[n].message().find("callback " + std::to_string(n) + " throws"),
                std::string::npos);
      EXPECT_FALSE(Exists(n));
    } else {
      EXPECT_TRUE(results[n].ok()) << results[n].ToString();
      EXPECT_TRUE(Exists(n));
    }
  }
}

TEST_F(GroupCommitTest, ADuplicateKeyInABatchFailsOnlyItsCallback) {
  constexpr int kCallers = 4;
  waiting_for_ = kCallers;
  ASSERT_OK(Write(7, Then::kCommit));  // ticket 7 exists already
  std::thread leader([&] { EXPECT_TRUE(Write(0, Then::kBlock).ok()); });
  {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return leader_running_; });
  }
  std::vector<Status> results(kCallers);
  std::vector<std::thread> callers;
  const int ids[kCallers] = {5, 7, 6, 8};
  for (int i = 0; i < kCallers; ++i) {
    callers.emplace_back([&, i] { results[i] = Write(ids[i], Then::kCommit); });
  }
  for (auto& t : callers) t.join();
  leader.join();
  EXPECT_TRUE(results[0].ok()) << results[0].ToString();
  EXPECT_EQ(results[1].code(), Code::kAlreadyExists);
  EXPECT_TRUE(results[2].ok()) << results[2].ToString();
  EXPECT_TRUE(results[3].ok()) << results[3].ToString();
  for (int n : {0, 5, 6, 7, 8}) EXPECT_TRUE(Exists(n)) << n;
}

TEST_F(GroupCommitTest, ReadsRunBesideAWriteInFlightAndSeeOnlyCommittedData) {
  waiting_for_ = 1000;  // the blocked writer waits until released below
  ASSERT_OK(Write(1, Then::kCommit));
  std::thread writer([&] { EXPECT_TRUE(Write(2, Then::kBlock).ok()); });
  {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return leader_running_; });
  }
  // The writer holds the write transaction; reads still answer, from the
  // last committed state.
  EXPECT_TRUE(Exists(1));
  EXPECT_FALSE(Exists(2));
  {
    std::lock_guard lock(mu_);
    waiting_for_ = 0;
    cv_.notify_all();
  }
  writer.join();
  EXPECT_TRUE(Exists(2));
}

}  // namespace
}  // namespace sa::store
