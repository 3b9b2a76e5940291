// A commit acknowledged by Transact survives the process being killed: a child
// process commits through the SQLite store and reports each commit; the parent
// kills it with SIGKILL (mid-stream, right after a report) and reopens.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

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

}  // namespace
}  // namespace sa::store
