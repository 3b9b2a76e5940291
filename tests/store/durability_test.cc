// A commit acknowledged by Transact survives the process being killed: a child
// process commits through the SQLite store and reports each commit; the parent
// kills it with SIGKILL (mid-stream, right after a report) and reopens.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdint>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "store/store.h"
#include "tests/store/store_test_util.h"

namespace sa::store {
namespace {

constexpr int kReportsBeforeKill = 5;

std::string TicketId(int n) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "INC-%06d", n);
  return buf;
}

// The child: commits ticket n with its event, then writes one byte to `fd`,
// for n = 1, 2, ... until killed. Never returns.
[[noreturn]] void CommitForever(const std::string& location, int fd) {
  auto opened = OpenStore(location);
  if (!opened.ok()) _exit(2);
  Store& store = **opened;
  for (int n = 1; n < 100000; ++n) {
    Status s = store.Transact([n](Tx& tx) -> Status {
      model::Ticket t;
      t.id = TicketId(n);
      t.title = "durable";
      t.created = t.updated = *ParseTime("2026-01-01T00:00:00Z");
      SA_RETURN_IF_ERROR(tx.tickets().Insert(t));
      model::Event e;
      e.seq = n;
      e.entity = "ticket";
      e.entity_id = t.id;
      e.action = "created";
      return tx.events().Append(e);
    });
    if (!s.ok()) _exit(3);
    char byte = 'c';
    if (write(fd, &byte, 1) != 1) _exit(4);
  }
  _exit(0);
}

TEST(StoreDurabilityTest, CommitsAcknowledgedBeforeSigkillSurviveAndNoneIsHalfWritten) {
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  const std::string location = dir.path() + "/db";
  {
    auto created = OpenStore(location);  // migrate before forking
    ASSERT_TRUE(created.ok()) << created.status().ToString();
  }
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(fds[0]);
    CommitForever(location, fds[1]);
  }
  close(fds[1]);
  int acknowledged = 0;
  char byte;
  while (acknowledged < kReportsBeforeKill && read(fds[0], &byte, 1) == 1) ++acknowledged;
  ASSERT_EQ(kill(child, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  close(fds[0]);
  ASSERT_EQ(acknowledged, kReportsBeforeKill) << "the child stopped early, status " << status;
  ASSERT_TRUE(WIFSIGNALED(status));

  auto reopened = OpenStore(location);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  Store& store = **reopened;
  int64_t last_seq = 0;
  ASSERT_TRUE(store
                  .Transact([&](Tx& tx) -> Status {
                    for (int n = 1; n <= acknowledged; ++n) {
                      SA_ASSIGN_OR_RETURN(auto t, tx.tickets().Get(TicketId(n)));
                      if (!t) return NotFound("lost acknowledged ticket " + TicketId(n));
                    }
                    SA_ASSIGN_OR_RETURN(auto last, tx.events().Last());
                    last_seq = last ? last->seq : 0;
                    // Every ticket committed has its event, and no more.
                    model::TicketFilter all;
                    all.limit = 500;
                    SA_ASSIGN_OR_RETURN(int64_t tickets, tx.tickets().Count(all));
                    if (tickets != last_seq) {
                      return Internal("tickets " + std::to_string(tickets) + " vs events " +
                                      std::to_string(last_seq));
                    }
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_GE(last_seq, acknowledged);
}

// Several threads commit at once, so the SQLite store merges their
// transactions (group commit): every commit acknowledged to any thread must
// survive SIGKILL, and each ticket comes with its event or not at all.
constexpr int kThreads = 4;
constexpr int kConcurrentReportsBeforeKill = 40;

[[noreturn]] void CommitConcurrentlyForever(const std::string& location, int fd) {
  auto opened = OpenStore(location);
  if (!opened.ok()) _exit(2);
  Store& store = **opened;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&store, fd, t] {
      for (int k = 1; k < 90000; ++k) {
        int32_t n = (t + 1) * 100000 + k;
        Status s = store.Transact([n](Tx& tx) -> Status {
          model::Ticket ticket;
          ticket.id = TicketId(n);
          ticket.title = "durable";
          ticket.created = ticket.updated = *ParseTime("2026-01-01T00:00:00Z");
          SA_RETURN_IF_ERROR(tx.tickets().Insert(ticket));
          SA_ASSIGN_OR_RETURN(auto last, tx.events().Last());
          model::Event e;
          e.seq = last ? last->seq + 1 : 1;
          e.entity = "ticket";
          e.entity_id = ticket.id;
          e.action = "created";
          return tx.events().Append(e);
        });
        if (!s.ok()) _exit(3);
        if (write(fd, &n, sizeof(n)) != sizeof(n)) _exit(4);  // atomic on a pipe
      }
    });
  }
  for (auto& thread : threads) thread.join();
  _exit(0);
}

TEST(StoreDurabilityTest, ConcurrentCommitsAcknowledgedBeforeSigkillSurvive) {
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  const std::string location = dir.path() + "/db";
  {
    auto created = OpenStore(location);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
  }
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(fds[0]);
    CommitConcurrentlyForever(location, fds[1]);
  }
  close(fds[1]);
  std::vector<int32_t> acknowledged;
  int32_t n = 0;
  while (acknowledged.size() < kConcurrentReportsBeforeKill &&
         read(fds[0], &n, sizeof(n)) == sizeof(n)) {
    acknowledged.push_back(n);
  }
  ASSERT_EQ(kill(child, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  close(fds[0]);
  ASSERT_EQ(acknowledged.size(), static_cast<size_t>(kConcurrentReportsBeforeKill))
      << "the child stopped early, status " << status;
  ASSERT_TRUE(WIFSIGNALED(status));

  auto reopened = OpenStore(location);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  Status checked = (*reopened)->Transact([&](Tx& tx) -> Status {
    for (int32_t id : acknowledged) {
      SA_ASSIGN_OR_RETURN(auto t, tx.tickets().Get(TicketId(id)));
      if (!t) return NotFound("lost acknowledged ticket " + TicketId(id));
    }
    SA_ASSIGN_OR_RETURN(auto last, tx.events().Last());
    model::TicketFilter all;
    SA_ASSIGN_OR_RETURN(int64_t tickets, tx.tickets().Count(all));
    int64_t events = last ? last->seq : 0;
    if (tickets != events) {
      return Internal("tickets " + std::to_string(tickets) + " vs events " +
                      std::to_string(events));
    }
    return Status::Ok();
  });
  EXPECT_TRUE(checked.ok()) << checked.ToString();
}

}  // namespace
}  // namespace sa::store
