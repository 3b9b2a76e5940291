#include "knowledge/cases.h"

#include <gtest/gtest.h>

namespace sa::knowledge {
namespace {

class CaseIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = CaseIndex::Create();
    ASSERT_TRUE(created.ok());
    cases_ = std::move(*created);
    ASSERT_TRUE(
        cases_
            ->Upsert({"INC-000001", "VPN drops every 10 minutes",
                      "AnyPath disconnects at home, certificate error shown",
                      "Renewed the machine certificate with gpupdate /force", "vpn", "network", ""})
            .ok());
    ASSERT_TRUE(
        cases_
            ->Upsert({"INC-000002", "Printer CF-B2-PRN01 offline",
                      "Cannot print on floor 2, printer shows offline",
                      "Restarted the print spooler on print01", "printing", "workplace", ""})
            .ok());
    ASSERT_TRUE(cases_
                    ->Upsert({"INC-000003", "Outlook asks for password again and again",
                              "Password prompt loops after password change",
                              "Removed stale credentials from Credential Manager", "email",
                              "workplace", ""})
                    .ok());
  }
  std::unique_ptr<CaseIndex> cases_;
};

TEST_F(CaseIndexTest, FindsTheMostSimilarResolvedCaseFirst) {
  auto hits = cases_->Search("my vpn keeps disconnecting with a certificate error");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].resolved_case.ticket_id, "INC-000001");
  EXPECT_GT(hits[0].similarity, 0.5);
  EXPECT_LE(hits[0].similarity, 1.0);
  for (size_t i = 1; i < hits.size(); ++i) EXPECT_LE(hits[i].score, hits[0].score);
}

TEST_F(CaseIndexTest, UnrelatedTextFindsNothing) {
  EXPECT_TRUE(cases_->Search("canteen menu for friday").empty());
}

TEST_F(CaseIndexTest, ServiceHintBreaksTies) {
  auto hits = cases_->Search("password prompt", "email");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].resolved_case.ticket_id, "INC-000003");
}

TEST_F(CaseIndexTest, UpsertReplacesAndRemoveForgets) {
  ASSERT_TRUE(cases_
                  ->Upsert({"INC-000002", "Scanner jams", "Paper jam in the scanner",
                            "Cleaned the rollers", "printing", "workplace", ""})
                  .ok());
  EXPECT_EQ(cases_->Size(), 3u);
  EXPECT_TRUE(cases_->Search("spooler offline printer CF-B2-PRN01").empty());
  ASSERT_TRUE(cases_->Remove("inc-000002").ok());  // ids compare ignoring case
  EXPECT_EQ(cases_->Size(), 2u);
  EXPECT_EQ(cases_->Remove("INC-000002").code(), Code::kNotFound);
}

TEST_F(CaseIndexTest, RejectsCasesWithoutResolution) {
  EXPECT_EQ(cases_->Upsert({"INC-9", "t", "d", "", "", "", ""}).code(), Code::kInvalidArgument);
}

TEST(CaseFromTicketTest, OnlyResolvedTicketsWithANoteBecomeCases) {
  model::Ticket t;
  t.id = "INC-000010";
  t.title = "No sound in Teams";
  t.resolution = "Selected the headset in device settings";
  t.status = model::TicketStatus::kInProgress;
  EXPECT_FALSE(CaseFromTicket(t).has_value());
  t.status = model::TicketStatus::kResolved;
  auto c = CaseFromTicket(t);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->ticket_id, "INC-000010");
  t.resolution.clear();
  EXPECT_FALSE(CaseFromTicket(t).has_value());
}

TEST(DraftArticleFromCaseTest, MakesADraftWithProblemAndSolution) {
  ResolvedCase c{"INC-000001",
                 "VPN drops every 10 minutes",
                 "AnyPath disconnects at home",
                 "Renewed the machine certificate",
                 "vpn",
                 "network",
                 ""};
  auto a = DraftArticleFromCase(c, "agent1", TimePoint(std::chrono::seconds(1700000000)));
  EXPECT_EQ(a.id, "kb-case-inc-000001");
  EXPECT_EQ(a.status, "draft");
  EXPECT_EQ(a.title, c.title);
  EXPECT_EQ(a.language, "en");
  EXPECT_EQ(a.services, std::vector<std::string>{"vpn"});
  EXPECT_EQ(a.audience, std::vector<std::string>{"all"});
  EXPECT_EQ(a.author, "agent1");
  EXPECT_NE(a.body.find("Renewed the machine certificate"), std::string::npos);
  EXPECT_NE(a.body.find("AnyPath disconnects at home"), std::string::npos);
  auto ru = DraftArticleFromCase({"INC-2", "Не работает почта", "Outlook не открывается",
                                  "Пересоздан профиль", "email", "workplace", ""},
                                 "agent1", TimePoint{});
  EXPECT_EQ(ru.language, "ru");
  EXPECT_NE(ru.body.find("Решение"), std::string::npos);
}

}  // namespace
}  // namespace sa::knowledge
