// The portal's banner narrowed to the caller (GET /api/v1/notices), service
// subscriptions and announcements, over real sockets; and the pure narrowing
// rules of notices.h on a small organization.
#include <gtest/gtest.h>

#include "fixture.h"
#include "http/notices.h"

namespace sa::http::testing {
namespace {

std::vector<std::string> Ids(const Json& items) {
  std::vector<std::string> out;
  for (const Json& i : items) out.push_back(i.value("id", ""));
  return out;
}

bool Has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

class PortalTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    marc_ = Token("user", "marc");  // plant: mes, printing, wifi, hr-portal...
    // Outages within the banner's horizon (the clock is 2026-11-23T10:00Z).
    Outage("chg-sap", "sap-fi");     // accounting
    Outage("chg-wifi", "wifi");      // plant, sales
    Outage("chg-print", "printing"); // plant
  }

  void Outage(const std::string& id, const std::string& service) {
    HttpResponse r = client_->Call("POST", "/api/v1/changes", hugo_,
                                   {{"id", id},
                                    {"title", "Maintenance of " + service},
                                    {"services", {service}},
                                    {"start", "2026-11-25T20:00:00Z"},
                                    {"end", "2026-11-25T22:00:00Z"},
                                    {"outage", true}});
    ASSERT_EQ(r.status, 201) << r.body;
  }

  Json Notices(const std::string& token) {
    HttpResponse r = client_->Call("GET", "/api/v1/notices", token);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }

  std::string Announce(const Json& body) {
    HttpResponse r = client_->Call("POST", "/api/v1/announcements", nadia_, body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", "");
  }

  std::string marc_;
};

TEST_F(PortalTest, UserSeesOutagesOnlyOnTheServicesOfTheirGroups) {
  auto alice = Ids(Notices(alice_)["changes"]);
  EXPECT_TRUE(Has(alice, "chg-sap"));
  EXPECT_FALSE(Has(alice, "chg-wifi"));
  EXPECT_FALSE(Has(alice, "chg-print"));
  auto marc = Ids(Notices(marc_)["changes"]);
  EXPECT_FALSE(Has(marc, "chg-sap"));
  EXPECT_TRUE(Has(marc, "chg-wifi"));
  EXPECT_TRUE(Has(marc, "chg-print"));
}

TEST_F(PortalTest, MajorIncidentsAreNarrowedLikeOutages) {
  // The pack's open incident is on Teams: accounting uses Teams, plant does not.
  EXPECT_TRUE(Has(Ids(Notices(alice_)["incidents"]), "inc-major-2026-11-teams"));
  EXPECT_TRUE(Notices(marc_)["incidents"].empty());
}

TEST_F(PortalTest, SubscribingToAServiceAddsItsOutages) {
  HttpResponse put = client_->Call("PUT", "/api/v1/users/alice/subscriptions", alice_,
                                   {{"services", {"WIFI"}}});
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json()["services"], Json({"wifi"}));
  EXPECT_TRUE(Has(Ids(Notices(alice_)["changes"]), "chg-wifi"));
  EXPECT_FALSE(Has(Ids(Notices(alice_)["changes"]), "chg-print"));
  HttpResponse get = client_->Call("GET", "/api/v1/users/alice/subscriptions", alice_);
  EXPECT_EQ(get.json()["services"], Json({"wifi"}));
  // Unsubscribing takes it away again.
  ASSERT_EQ(client_->Call("PUT", "/api/v1/users/alice/subscriptions", alice_,
                          {{"services", Json::array()}})
                .status,
            200);
  EXPECT_FALSE(Has(Ids(Notices(alice_)["changes"]), "chg-wifi"));
}

TEST_F(PortalTest, SubscriptionsAreTheUsersOwnAndNameKnownServices) {
  EXPECT_EQ(client_->Call("GET", "/api/v1/users/alice/subscriptions", carol_).status, 404);
  EXPECT_EQ(client_->Call("PUT", "/api/v1/users/alice/subscriptions", carol_,
                          {{"services", {"wifi"}}})
                .status,
            404);
  HttpResponse bad = client_->Call("PUT", "/api/v1/users/alice/subscriptions", alice_,
                                   {{"services", {"teleportation"}}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("teleportation"), std::string::npos);
  EXPECT_EQ(client_->Call("GET", "/api/v1/users/alice/subscriptions", hugo_).status, 200);
  // Agents read them (the requester panel) but do not change them.
  HttpResponse read = client_->Call("GET", "/api/v1/users/alice/subscriptions", nadia_);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(client_->Call("PUT", "/api/v1/users/alice/subscriptions", nadia_,
                          {{"services", {"wifi"}}})
                .status,
            404);
}

TEST_F(PortalTest, UsesListsTheServicesOfTheUsersGroupsAndFollowed) {
  ASSERT_EQ(client_->Call("PUT", "/api/v1/users/alice/subscriptions", alice_,
                          {{"services", {"wifi"}}})
                .status,
            200);
  Json uses = client_->Call("GET", "/api/v1/users/alice/subscriptions", nadia_).json()["uses"];
  // accounting: sap-fi, email, vpn, file-shares, teams, mfa, ad-account; plus wifi.
  EXPECT_EQ(uses, Json({"ad-account", "email", "file-shares", "mfa", "sap-fi", "teams", "vpn", "wifi"}));
}

TEST_F(PortalTest, AnnouncementsReachOnlyTheGroupsTheyName) {
  std::string plant = Announce({{"title", "Canteen closed"}, {"groups", {"plant"}}});
  std::string all = Announce({{"title", "New phone numbers"}, {"message", "From Monday."}});
  auto alice = Ids(Notices(alice_)["announcements"]);
  EXPECT_FALSE(Has(alice, plant));
  EXPECT_TRUE(Has(alice, all));
  auto marc = Ids(Notices(marc_)["announcements"]);
  EXPECT_TRUE(Has(marc, plant));
  EXPECT_TRUE(Has(marc, all));
}

TEST_F(PortalTest, WithdrawnAndExpiredAnnouncementsDisappear) {
  std::string gone = Announce({{"title", "Old news"}});
  std::string expiring = Announce({{"title", "Today only"}, {"until", "2026-11-23T18:00:00Z"}});
  ASSERT_EQ(client_->Call("DELETE", "/api/v1/announcements/" + gone, nadia_).status, 204);
  auto before = Ids(Notices(alice_)["announcements"]);
  EXPECT_FALSE(Has(before, gone));
  EXPECT_TRUE(Has(before, expiring));
  clock_->Advance(std::chrono::hours(9));
  EXPECT_FALSE(Has(Ids(Notices(alice_)["announcements"]), expiring));
  // Staff still list both, the withdrawn one flagged.
  Json list = client_->Call("GET", "/api/v1/announcements", nadia_).json()["items"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_TRUE(list[1]["withdrawn"].get<bool>());
}

TEST_F(PortalTest, OnlyStaffPublishAnnouncements) {
  HttpResponse r = client_->Call("POST", "/api/v1/announcements", alice_, {{"title", "Hi"}});
  EXPECT_EQ(r.status, 403);
  HttpResponse bad =
      client_->Call("POST", "/api/v1/announcements", nadia_, {{"title", "x"}, {"groups", {"nope"}}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("nope"), std::string::npos);
}

TEST_F(PortalTest, StaffSeeEveryOutage) {
  Json n = Notices(nadia_);
  auto changes = Ids(n["changes"]);
  EXPECT_TRUE(Has(changes, "chg-sap") && Has(changes, "chg-wifi") && Has(changes, "chg-print"));
  EXPECT_TRUE(n["services"].is_null());
}

// ---- the narrowing rules alone ------------------------------------------------

TEST(NoticesTest, ServicesIncludeWhatTheGroupsServicesDependOn) {
  model::OrgPack org;
  org.user_groups.push_back({"office", "Office", "", {}, {"crm"}, false});
  model::Service crm, db, wiki;
  crm.id = "crm";
  crm.depends_on = {"db"};
  db.id = "db";
  db.depends_on = {"crm"};  // a cycle must not loop
  wiki.id = "wiki";
  org.services = {crm, db, wiki};
  model::User user;
  user.groups = {"OFFICE"};
  EXPECT_EQ(ServicesOf(org, user, {}), (std::set<std::string>{"crm", "db"}));
  EXPECT_EQ(ServicesOf(org, user, {"wiki"}), (std::set<std::string>{"crm", "db", "wiki"}));

  model::Change down;
  down.id = "c1";
  down.services = {"db"};
  down.outage = true;
  TimePoint now = *ParseTime("2026-11-23T10:00:00Z");
  down.start = now + std::chrono::hours(1);
  down.end = now + std::chrono::hours(2);
  model::Change far = down;
  far.id = "c2";
  far.start = now + kOutageHorizon + std::chrono::hours(1);
  far.end = far.start + std::chrono::hours(1);
  org.changes = {down, far};
  Notices n = NoticesFor(org, user, {}, {}, now);
  ASSERT_EQ(n.changes.size(), 1u);
  EXPECT_EQ(n.changes[0].id, "c1");
}

}  // namespace
}  // namespace sa::http::testing
