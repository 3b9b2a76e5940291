// The access matrix over real sockets: for each role, what it may read and
// change (own and others' tickets, org pack import, tokens, audit).
#include <fstream>
#include <sstream>

#include "fixture.h"

namespace sa::http::testing {
namespace {

class AccessTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    // alice's ticket, routed to the identity team (franck's, not nadia's).
    alice_ticket_ = CreateTicket(
        franck_,
        {{"title", "Locked out of my account"}, {"requester", "alice"}, {"team", "identity"}});
    carol_ticket_ = CreateTicket(carol_, {{"title", "Printer jams on floor 2"}});
  }
  int Status(const std::string& method, const std::string& target, const std::string& token,
             const Json& body = nullptr, std::map<std::string, std::string> headers = {}) {
    return client_->Call(method, target, token, body, std::move(headers)).status;
  }
  std::string Pack() {
    std::ifstream in(std::string(SA_SOURCE_DIR) + "/examples/acme.yaml");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  std::string alice_ticket_, carol_ticket_;
};

TEST_F(AccessTest, UserReadsOwnTicketsOnly) {
  EXPECT_EQ(Status("GET", "/api/v1/tickets/" + alice_ticket_, alice_), 200);
  EXPECT_EQ(Status("GET", "/api/v1/tickets/" + carol_ticket_, alice_), 404);
  HttpResponse list = client_->Call("GET", "/api/v1/tickets", alice_);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json()["total"], 1);
  ASSERT_EQ(list.json()["items"].size(), 1u);
  EXPECT_EQ(list.json()["items"][0]["id"], alice_ticket_);
}

TEST_F(AccessTest, UserCommentsOnOwnTicketButCannotEditIt) {
  EXPECT_EQ(Status("POST", "/api/v1/tickets/" + alice_ticket_ + "/comments", alice_,
                   {{"body", "still locked"}}),
            201);
  EXPECT_EQ(Status("PATCH", "/api/v1/tickets/" + alice_ticket_, alice_, {{"priority", "P1"}}), 403);
  EXPECT_EQ(Status("POST", "/api/v1/tickets/" + carol_ticket_ + "/comments", alice_,
                   {{"body", "me too"}}),
            404);
  EXPECT_EQ(Status("PATCH", "/api/v1/tickets/" + carol_ticket_, alice_, {{"status", "closed"}}),
            404);
}

TEST_F(AccessTest, UserMayCloseOwnTicketAndHurryIt) {
  EXPECT_EQ(Status("POST", "/api/v1/tickets/" + alice_ticket_ + "/hurry", alice_,
                   {{"note", "payroll today"}}),
            200);
  EXPECT_EQ(Status("PATCH", "/api/v1/tickets/" + alice_ticket_, alice_, {{"status", "closed"}}),
            200);
}

TEST_F(AccessTest, UserCannotOpenTicketsForOthers) {
  EXPECT_EQ(Status("POST", "/api/v1/tickets", alice_, {{"title", "x"}, {"requester", "carol"}}),
            403);
}

TEST_F(AccessTest, AgentEditsTicketsOfOwnTeamOnly) {
  EXPECT_EQ(Status("GET", "/api/v1/tickets/" + alice_ticket_, nadia_), 200);
  EXPECT_EQ(
      Status("PATCH", "/api/v1/tickets/" + alice_ticket_, nadia_, {{"status", "in_progress"}}),
      403);
  HttpResponse r = client_->Call("PATCH", "/api/v1/tickets/" + alice_ticket_, franck_,
                                 {{"status", "in_progress"}, {"assignee", "franck"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "in_progress");
  EXPECT_EQ(r.json()["assignee"], "franck");
}

TEST_F(AccessTest, AgentListsEveryTicket) {
  HttpResponse list = client_->Call("GET", "/api/v1/tickets", nadia_);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json()["total"], 2);
}

TEST_F(AccessTest, AdminEditsAnyTicket) {
  EXPECT_EQ(Status("PATCH", "/api/v1/tickets/" + carol_ticket_, hugo_, {{"priority", "P2"}}), 200);
}

TEST_F(AccessTest, IntegrationActsOnlyForTheUserItNames) {
  // Naming no user, a channel adapter relays for every user (converse-eval reads
  // the ticket a conversation created); naming one, it is limited to that user.
  EXPECT_EQ(Status("GET", "/api/v1/tickets/" + alice_ticket_, slack_), 200);
  EXPECT_EQ(Status("GET", "/api/v1/tickets/" + alice_ticket_, slack_, nullptr,
                   {{"X-On-Behalf-Of", "alice"}}),
            200);
  EXPECT_EQ(Status("GET", "/api/v1/tickets/" + alice_ticket_, slack_, nullptr,
                   {{"X-On-Behalf-Of", "carol"}}),
            404);
  EXPECT_EQ(Status("POST", "/api/v1/tickets", slack_, {{"title", "VPN down"}}), 400);
  EXPECT_EQ(
      Status("POST", "/api/v1/tickets", slack_, {{"title", "VPN down"}, {"requester", "alice"}}),
      201);
  EXPECT_EQ(Status("PATCH", "/api/v1/tickets/" + carol_ticket_, slack_, {{"priority", "P1"}},
                   {{"X-On-Behalf-Of", "alice"}}),
            404);
}

TEST_F(AccessTest, OnlyIntegrationsMayActOnBehalfOfUsers) {
  EXPECT_EQ(Status("GET", "/api/v1/tickets/" + carol_ticket_, alice_, nullptr,
                   {{"X-On-Behalf-Of", "carol"}}),
            403);
}

TEST_F(AccessTest, OnlyAdminsImportPacks) {
  for (const std::string& token : {alice_, franck_, slack_}) {
    HttpResponse r = client_->Send("POST", "/api/v1/admin/import", Pack(),
                                   {{"Authorization", "Bearer " + token}});
    EXPECT_EQ(r.status, 403) << r.body;
  }
  // The pack is bigger than the JSON body limit: imports have their own.
  ASSERT_GT(Pack().size(), options_.max_body_bytes);
  HttpResponse r =
      client_->Send("POST", "/api/v1/admin/import", Pack(),
                    {{"Authorization", "Bearer " + hugo_}, {"Content-Type", "application/yaml"}});
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.json().value("summary", "").find("Acme"), std::string::npos) << r.body;
}

TEST_F(AccessTest, OnlyAdminsManageTokensAndReadAudit) {
  for (const std::string& token : {alice_, franck_, slack_}) {
    EXPECT_EQ(Status("GET", "/api/v1/tokens", token), 403);
    EXPECT_EQ(Status("POST", "/api/v1/tokens", token, {{"name", "x"}, {"role", "integration"}}),
              403);
    EXPECT_EQ(Status("GET", "/api/v1/audit/events", token), 403);
    EXPECT_EQ(Status("GET", "/api/v1/audit/verify", token), 403);
  }
  EXPECT_EQ(Status("GET", "/api/v1/tokens", hugo_), 200);
  EXPECT_EQ(Status("GET", "/api/v1/audit/events", hugo_), 200);
  EXPECT_EQ(Status("GET", "/api/v1/audit/verify", hugo_), 200);
}

TEST_F(AccessTest, UsersSeeOnlyThemselvesInTheDirectory) {
  HttpResponse r = client_->Call("GET", "/api/v1/users", alice_);
  ASSERT_EQ(r.status, 200);
  ASSERT_EQ(r.json()["items"].size(), 1u);
  EXPECT_EQ(r.json()["items"][0]["id"], "alice");
  EXPECT_EQ(Status("GET", "/api/v1/users/carol", alice_), 404);
  EXPECT_EQ(Status("GET", "/api/v1/users/alice", alice_), 200);
  HttpResponse all = client_->Call("GET", "/api/v1/users", franck_);
  EXPECT_GT(all.json()["items"].size(), 10u);
}

TEST_F(AccessTest, OnlyStaffChangePlannedChanges) {
  Json change = {{"id", "CHG-9001"},
                 {"title", "VPN gateway firmware"},
                 {"services", {"vpn"}},
                 {"start", "2026-12-01T20:00:00Z"},
                 {"end", "2026-12-01T22:00:00Z"},
                 {"outage", true}};
  EXPECT_EQ(Status("POST", "/api/v1/changes", alice_, change), 403);
  EXPECT_EQ(Status("POST", "/api/v1/changes", nadia_, change), 201);
  EXPECT_EQ(Status("GET", "/api/v1/changes/CHG-9001", alice_), 200);
  EXPECT_EQ(Status("PATCH", "/api/v1/changes/CHG-9001", nadia_, {{"status", "cancelled"}}), 200);
}

}  // namespace
}  // namespace sa::http::testing
