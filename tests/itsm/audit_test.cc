#include "itsm/audit.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "test_store.h"

namespace sa::itsm {
namespace {

using namespace std::chrono_literals;

model::Event MakeEvent(std::string entity_id, std::string action) {
  model::Event e;
  e.actor = "dana";
  e.channel = "api";
  e.entity = "ticket";
  e.entity_id = std::move(entity_id);
  e.action = std::move(action);
  e.changes = {{"status", {{"old", "new"}, {"new", "assigned"}}}};
  e.reason = "routing: vpn -> network";
  return e;
}

class AuditTest : public ::testing::Test {
 protected:
  AuditTest() : clock_(TimePoint(std::chrono::sys_days{std::chrono::year{2026} / 11 / 23})) {}

  void Record(int n) {
    ASSERT_TRUE(db_.store()
                    .Transact([&](store::Tx& tx) -> Status {
                      for (int i = 0; i < n; ++i) {
                        SA_RETURN_IF_ERROR(RecordEvent(
                            tx, clock_, MakeEvent("INC-" + std::to_string(i), "updated")));
                      }
                      return Status::Ok();
                    })
                    .ok());
  }

  std::vector<model::Event> All() {
    std::vector<model::Event> events;
    EXPECT_TRUE(db_.store()
                    .Transact([&](store::Tx& tx) -> Status {
                      SA_ASSIGN_OR_RETURN(events, tx.events().Range(1, 10000));
                      return Status::Ok();
                    })
                    .ok());
    return events;
  }

  // Runs SQL on the database file through a second connection, as an attacker would.
  void Tamper(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(db_.DatabasePath().c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "");
    EXPECT_EQ(sqlite3_changes(db), 1) << sql;
    sqlite3_free(error);
    sqlite3_close(db);
  }

  ChainReport Verify() {
    auto report = VerifyChain(db_.store());
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : ChainReport{};
  }

  testing::TempStore db_;
  ManualClock clock_;
};

TEST_F(AuditTest, EventsAreNumberedAndLinkedByHash) {
  Record(3);
  auto events = All();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].seq, 1);
  EXPECT_EQ(events[0].prev_hash, std::string(64, '0'));
  EXPECT_EQ(events[1].seq, 2);
  EXPECT_EQ(events[1].prev_hash, events[0].hash);
  EXPECT_EQ(events[2].prev_hash, events[1].hash);
  for (const auto& e : events) {
    EXPECT_EQ(e.hash.size(), 64u);
    EXPECT_EQ(e.hash, EventHash(e));
  }
}

TEST_F(AuditTest, UnsetTimeIsTakenFromTheClock) {
  clock_.Advance(90s);
  Record(1);
  EXPECT_EQ(FormatTime(All()[0].at), "2026-11-23T00:01:30Z");
}

TEST_F(AuditTest, EventsOfARolledBackTransactionAreNotKept) {
  Status status = db_.store().Transact([&](store::Tx& tx) -> Status {
    SA_RETURN_IF_ERROR(RecordEvent(tx, clock_, MakeEvent("INC-1", "updated")));
    return Internal("the change failed");
  });
  EXPECT_FALSE(status.ok());
  EXPECT_TRUE(All().empty());
  Record(1);
  EXPECT_EQ(All()[0].seq, 1);
}

TEST_F(AuditTest, HashCoversEveryField) {
  model::Event base = MakeEvent("INC-1", "updated");
  base.seq = 7;
  base.at = clock_.Now();
  base.prev_hash = std::string(64, 'a');
  const std::string hash = EventHash(base);
  EXPECT_EQ(EventHash(base), hash);  // deterministic
  std::vector<std::function<void(model::Event&)>> edits = {
      [](model::Event& e) { e.seq = 8; },
      [](model::Event& e) { e.at += 1s; },
      [](model::Event& e) { e.actor = "eve"; },
      [](model::Event& e) { e.channel = "web"; },
      [](model::Event& e) { e.entity = "conversation"; },
      [](model::Event& e) { e.entity_id = "INC-2"; },
      [](model::Event& e) { e.action = "closed"; },
      [](model::Event& e) { e.changes["status"]["new"] = "closed"; },
      [](model::Event& e) { e.reason = "other"; },
      [](model::Event& e) { e.prev_hash = std::string(64, 'b'); },
  };
  for (size_t i = 0; i < edits.size(); ++i) {
    model::Event changed = base;
    edits[i](changed);
    EXPECT_NE(EventHash(changed), hash) << "edit " << i;
  }
}

TEST_F(AuditTest, EmptyLogVerifies) {
  ChainReport report = Verify();
  EXPECT_TRUE(report.ok);
  EXPECT_EQ(report.events, 0);
}

TEST_F(AuditTest, IntactChainVerifiesAcrossBatches) {
  Record(1234);
  ChainReport report = Verify();
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.events, 1234);
  EXPECT_EQ(report.first_bad_seq, 0);
}

TEST_F(AuditTest, EditedEventIsDetected) {
  Record(5);
  Tamper("UPDATE events SET reason = 'nothing to see' WHERE seq = 3");
  ChainReport report = Verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 3);
  EXPECT_NE(report.problem.find("hash"), std::string::npos) << report.problem;
}

TEST_F(AuditTest, EditedEventInALaterBatchIsDetected) {
  Record(700);
  Tamper("UPDATE events SET actor = 'eve' WHERE seq = 650");
  ChainReport report = Verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 650);
}

TEST_F(AuditTest, RehashedEditBreaksTheNextLink) {
  Record(4);
  model::Event forged = All()[1];
  forged.reason = "forged";
  forged.hash = EventHash(forged);
  Tamper("UPDATE events SET reason = 'forged', hash = '" + forged.hash + "' WHERE seq = 2");
  ChainReport report = Verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 3);
  EXPECT_NE(report.problem.find("prev_hash"), std::string::npos) << report.problem;
}

TEST_F(AuditTest, DeletedEventIsDetected) {
  Record(4);
  Tamper("DELETE FROM events WHERE seq = 2");
  ChainReport report = Verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 2);
}

TEST_F(AuditTest, DeletedFirstEventIsDetected) {
  Record(3);
  Tamper("DELETE FROM events WHERE seq = 1");
  ChainReport report = Verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 1);
}

}  // namespace
}  // namespace sa::itsm
