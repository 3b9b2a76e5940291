// The repository contract, run against every backend: SQLite in a temp dir
// and a real PostgreSQL server started by the test process.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <set>
#include <thread>

#include "core/clock.h"
#include "store/store.h"
#include "tests/store/store_test_util.h"
#include "tests/support/postgres_server.h"

namespace sa::store {
namespace {

using model::Ticket;
using model::TicketFilter;
using model::TicketStatus;
using model::TicketType;

TimePoint At(const char* text) { return *ParseTime(text); }

model::OrgPack SamplePack() {
  model::OrgPack pack;
  pack.organization.name = "Acme Corp";
  pack.organization.languages = {"en", "fr"};
  pack.organization.timezone = "Europe/Paris";
  pack.organization.business_hours = {{0, 1, 2, 3, 4}, 480, 1080};
  pack.organization.holidays = {"2026-12-25"};
  pack.user_groups.push_back({"staff", "Staff", "Everyone", {"web", "api"}, {"vpn"}, false});
  pack.user_groups.push_back({"execs", "Executives", "", {"web"}, {}, true});
  model::Team network;
  network.id = "Network";
  network.name = "Network team";
  network.members = {"bob"};
  network.languages = {"en"};
  network.business_hours = model::BusinessHours{{0, 1, 2, 3, 4, 5, 6}, 0, 1440};
  model::Team desk;
  desk.id = "service-desk";
  desk.name = "Service desk";
  desk.is_default = true;
  pack.teams = {network, desk};
  model::Service vpn;
  vpn.id = "vpn";
  vpn.name = "VPN";
  vpn.aliases = {"remote access"};
  vpn.owner_team = "Network";
  vpn.criticality = "high";
  vpn.depends_on = {"dns"};
  pack.services = {vpn};
  pack.configuration_items.push_back(
      {"vpn-gw-1", "VPN gateway 1", "server", "Network", {"vpn1.acme.test"}});
  model::User alice;
  alice.id = "alice";
  alice.name = "Alice Martin";
  alice.email = "Alice.Martin@Acme.test";
  alice.groups = {"staff"};
  alice.language = "fr";
  alice.manager = "carol";
  alice.role = "user";
  model::User bob;
  bob.id = "bob";
  bob.name = "Bob";
  bob.email = "bob@acme.test";
  bob.role = "agent";
  pack.users = {alice, bob};
  model::Article kb;
  kb.id = "KB-VPN-1";
  kb.title = "Fix the VPN";
  kb.language = "en";
  kb.translations = {{"fr", "KB-VPN-1-FR"}};
  kb.audience = {"all"};
  kb.services = {"vpn"};
  kb.tags = {"vpn", "remote"};
  kb.body = "# Steps\n1. Restart.";
  kb.author = "import";
  kb.updated = At("2026-01-05T10:00:00Z");
  pack.knowledge = {kb};
  model::Change change;
  change.id = "CHG-1001";
  change.title = "VPN upgrade";
  change.services = {"vpn"};
  change.start = At("2026-02-01T20:00:00Z");
  change.end = At("2026-02-01T22:00:00Z");
  change.outage = true;
  pack.changes = {change};
  model::MajorIncident mi;
  mi.id = "MI-1";
  mi.title = "VPN down";
  mi.services = {"vpn"};
  mi.started = At("2026-01-10T08:00:00Z");
  mi.message = "We are on it";
  pack.incidents = {mi};
  model::CatalogItem laptop;
  laptop.id = "new-laptop";
  laptop.name = "New laptop";
  laptop.aliases = {"laptop"};
  laptop.team = "service-desk";
  laptop.approval = "manager";
  laptop.fields.push_back({"model", "Which model?", "choice", {"13in", "15in"}, true});
  pack.request_catalog = {laptop};
  pack.automations.password_reset_enabled = true;
  pack.automations.verification = {"email_code"};
  pack.automations.self_healing.push_back(
      {"restart-vpn", {"vpn"}, {{"intent", "vpn_down"}}, {"/bin/true"}, 30});
  return pack;
}

Ticket MakeTicket(std::string id, const char* created) {
  Ticket t;
  t.id = std::move(id);
  t.title = "VPN is down";
  t.description = "Cannot connect since this morning";
  t.requester = "alice";
  t.team = "Network";
  t.service = "vpn";
  t.channel = "web";
  t.created = t.updated = At(created);
  return t;
}

class StoreContractTest : public StoreTestBase {};

TEST_P(StoreContractTest, ReportsItsBackend) {
  EXPECT_EQ(store().Backend(), GetParam() == Backend::kSqlite ? "sqlite" : "postgresql");
}

TEST_P(StoreContractTest, ReopeningAnExistingStoreKeepsDataAndMigratesNothingTwice) {
  ASSERT_OK(store().Transact([](Tx& tx) { return tx.tickets().NextNumber("INC").status(); }));
  Reopen();
  EXPECT_EQ(Read<int64_t>([](Tx& tx) { return tx.tickets().NextNumber("INC"); }), 2);
}

TEST_P(StoreContractTest, UpsertPackRoundTripsEveryEntity) {
  model::OrgPack pack = SamplePack();
  ASSERT_OK(store().Transact([&](Tx& tx) { return tx.org().UpsertPack(pack); }));
  model::OrgPack loaded = Read<model::OrgPack>([](Tx& tx) { return tx.org().Load(); });

  EXPECT_EQ(loaded.organization.name, "Acme Corp");
  EXPECT_EQ(loaded.organization.languages, (std::vector<std::string>{"en", "fr"}));
  EXPECT_EQ(loaded.organization.timezone, "Europe/Paris");
  EXPECT_EQ(loaded.organization.business_hours.days, (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(loaded.organization.business_hours.to_minute, 1080);
  EXPECT_EQ(loaded.organization.holidays, (std::vector<std::string>{"2026-12-25"}));
  ASSERT_EQ(loaded.user_groups.size(), 2u);
  EXPECT_EQ(loaded.user_groups[0].id, "execs");
  EXPECT_TRUE(loaded.user_groups[0].vip);
  EXPECT_EQ(loaded.user_groups[1].channels, (std::vector<std::string>{"web", "api"}));
  ASSERT_EQ(loaded.teams.size(), 2u);
  EXPECT_EQ(loaded.teams[0].id, "Network");
  ASSERT_TRUE(loaded.teams[0].business_hours.has_value());
  EXPECT_EQ(loaded.teams[0].business_hours->to_minute, 1440);
  EXPECT_EQ(loaded.teams[0].members, (std::vector<std::string>{"bob"}));
  EXPECT_FALSE(loaded.teams[1].business_hours.has_value());
  EXPECT_TRUE(loaded.teams[1].is_default);
  ASSERT_EQ(loaded.services.size(), 1u);
  EXPECT_EQ(loaded.services[0].aliases, (std::vector<std::string>{"remote access"}));
  EXPECT_EQ(loaded.services[0].depends_on, (std::vector<std::string>{"dns"}));
  EXPECT_EQ(loaded.services[0].criticality, "high");
  ASSERT_EQ(loaded.configuration_items.size(), 1u);
  EXPECT_EQ(loaded.configuration_items[0].hosts, (std::vector<std::string>{"vpn1.acme.test"}));
  ASSERT_EQ(loaded.users.size(), 2u);
  EXPECT_EQ(loaded.users[0].email, "Alice.Martin@Acme.test");
  EXPECT_EQ(loaded.users[0].manager, "carol");
  EXPECT_EQ(loaded.users[0].groups, (std::vector<std::string>{"staff"}));
  ASSERT_EQ(loaded.knowledge.size(), 1u);
  EXPECT_EQ(loaded.knowledge[0].translations.at("fr"), "KB-VPN-1-FR");
  EXPECT_EQ(loaded.knowledge[0].body, "# Steps\n1. Restart.");
  EXPECT_EQ(loaded.knowledge[0].updated, At("2026-01-05T10:00:00Z"));
  ASSERT_EQ(loaded.changes.size(), 1u);
  EXPECT_TRUE(loaded.changes[0].outage);
  EXPECT_EQ(loaded.changes[0].end, At("2026-02-01T22:00:00Z"));
  ASSERT_EQ(loaded.incidents.size(), 1u);
  EXPECT_EQ(loaded.incidents[0].message, "We are on it");
  ASSERT_EQ(loaded.request_catalog.size(), 1u);
  ASSERT_EQ(loaded.request_catalog[0].fields.size(), 1u);
  EXPECT_EQ(loaded.request_catalog[0].fields[0].options,
            (std::vector<std::string>{"13in", "15in"}));
  EXPECT_TRUE(loaded.request_catalog[0].fields[0].required);
  EXPECT_TRUE(loaded.automations.password_reset_enabled);
  ASSERT_EQ(loaded.automations.self_healing.size(), 1u);
  EXPECT_EQ(loaded.automations.self_healing[0].trigger.at("intent"), "vpn_down");
  EXPECT_EQ(loaded.automations.self_healing[0].timeout_s, 30);
}

TEST_P(StoreContractTest, UpsertingThePackTwiceKeepsOneOfEachAndBumpsTheVersion) {
  model::OrgPack pack = SamplePack();
  ASSERT_OK(store().Transact([&](Tx& tx) { return tx.org().UpsertPack(pack); }));
  int64_t first = Read<int64_t>([](Tx& tx) { return tx.org().Version(); });
  ASSERT_OK(store().Transact([&](Tx& tx) { return tx.org().UpsertPack(pack); }));
  int64_t second = Read<int64_t>([](Tx& tx) { return tx.org().Version(); });
  EXPECT_GT(second, first);

  model::OrgPack loaded = Read<model::OrgPack>([](Tx& tx) { return tx.org().Load(); });
  EXPECT_EQ(loaded.teams.size(), 2u);
  EXPECT_EQ(loaded.users.size(), 2u);
  EXPECT_EQ(loaded.knowledge.size(), 1u);
  EXPECT_EQ(Read<std::vector<model::Article>>([](Tx& tx) {
              return tx.knowledge().Versions("KB-VPN-1");
            }).size(),
            1u);
}

TEST_P(StoreContractTest, UpsertPackKeepsEntitiesAbsentFromThePack) {
  ASSERT_OK(store().Transact([](Tx& tx) { return tx.org().UpsertPack(SamplePack()); }));
  model::OrgPack smaller;
  model::Team hr;
  hr.id = "hr";
  hr.name = "HR";
  smaller.teams = {hr};
  ASSERT_OK(store().Transact([&](Tx& tx) { return tx.org().UpsertPack(smaller); }));
  model::OrgPack loaded = Read<model::OrgPack>([](Tx& tx) { return tx.org().Load(); });
  EXPECT_EQ(loaded.teams.size(), 3u);
  EXPECT_EQ(loaded.users.size(), 2u);
}

TEST_P(StoreContractTest, EntityIdsCompareIgnoringCase) {
  ASSERT_OK(store().Transact([](Tx& tx) { return tx.org().UpsertPack(SamplePack()); }));
  model::Team renamed;
  renamed.id = "NETWORK";
  renamed.name = "Networking";
  ASSERT_OK(store().Transact([&](Tx& tx) { return tx.org().UpsertTeam(renamed); }));
  model::OrgPack loaded = Read<model::OrgPack>([](Tx& tx) { return tx.org().Load(); });
  ASSERT_EQ(loaded.teams.size(), 2u);
  EXPECT_EQ(loaded.teams[0].name, "Networking");

  auto user = Read<std::optional<model::User>>([](Tx& tx) { return tx.org().GetUser("ALICE"); });
  ASSERT_TRUE(user.has_value());
  EXPECT_EQ(user->id, "alice");
  auto by_email = Read<std::optional<model::User>>(
      [](Tx& tx) { return tx.org().FindUserByEmail("alice.martin@ACME.TEST"); });
  ASSERT_TRUE(by_email.has_value());
  EXPECT_EQ(by_email->id, "alice");
  EXPECT_FALSE(
      Read<std::optional<model::User>>([](Tx& tx) { return tx.org().GetUser("zed"); }).has_value());
}

TEST_P(StoreContractTest, AdminUpsertsBumpTheOrgVersion) {
  int64_t before = Read<int64_t>([](Tx& tx) { return tx.org().Version(); });
  model::Service s;
  s.id = "mail";
  s.name = "Mail";
  ASSERT_OK(store().Transact([&](Tx& tx) { return tx.org().UpsertService(s); }));
  int64_t after = Read<int64_t>([](Tx& tx) { return tx.org().Version(); });
  EXPECT_GT(after, before);
  ASSERT_OK(store().Transact([](Tx& tx) { return tx.org().BumpVersion(); }));
  EXPECT_GT(Read<int64_t>([](Tx& tx) { return tx.org().Version(); }), after);
}

TEST_P(StoreContractTest, TicketRoundTripsAndIsFoundByIdIgnoringCase) {
  Ticket t = MakeTicket("INC-000001", "2026-01-02T03:04:05Z");
  t.type = TicketType::kRequest;
  t.status = TicketStatus::kWaiting;
  t.fields = Json{{"model", "13in"}, {"count", 2}};
  t.priority = "P2";
  t.impact = "high";
  t.urgency = "medium";
  t.assignee = "bob";
  t.config_item = "vpn-gw-1";
  t.catalog_item = "new-laptop";
  t.conversation_id = "c-1";
  t.parent_id = "MI-1";
  t.resolution = "restarted";
  t.satisfaction = 4;
  t.resolved_at = At("2026-01-03T00:00:00Z");
  t.version = 3;
  ASSERT_OK(store().Transact([&](Tx& tx) { return tx.tickets().Insert(t); }));

  auto got = Read<std::optional<Ticket>>([](Tx& tx) { return tx.tickets().Get("inc-000001"); });
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->id, "INC-000001");
  EXPECT_EQ(got->type, TicketType::kRequest);
  EXPECT_EQ(got->status, TicketStatus::kWaiting);
  EXPECT_EQ(got->fields, t.fields);
  EXPECT_EQ(got->title, t.title);
  EXPECT_EQ(got->description, t.description);
  EXPECT_EQ(got->priority, "P2");
  EXPECT_EQ(got->impact, "high");
  EXPECT_EQ(got->urgency, "medium");
  EXPECT_EQ(got->assignee, "bob");
  EXPECT_EQ(got->config_item, "vpn-gw-1");
  EXPECT_EQ(got->catalog_item, "new-laptop");
  EXPECT_EQ(got->conversation_id, "c-1");
  EXPECT_EQ(got->parent_id, "MI-1");
  EXPECT_EQ(got->resolution, "restarted");
  EXPECT_EQ(got->channel, "web");
  EXPECT_EQ(got->satisfaction, 4);
  EXPECT_EQ(got->created, t.created);
  EXPECT_EQ(got->resolved_at, t.resolved_at);
  EXPECT_EQ(got->version, 3);
  EXPECT_FALSE(
      Read<std::optional<Ticket>>([](Tx& tx) { return tx.tickets().Get("INC-9"); }).has_value());
}

TEST_P(StoreContractTest, InsertingATicketIdTwiceIsAlreadyExists) {
  ASSERT_OK(store().Transact([](Tx& tx) {
    return tx.tickets().Insert(MakeTicket("INC-000001", "2026-01-01T00:00:00Z"));
  }));
  Status again = store().Transact(
      [](Tx& tx) { return tx.tickets().Insert(MakeTicket("inc-000001", "2026-01-01T00:00:00Z")); });
  EXPECT_EQ(again.code(), Code::kAlreadyExists) << again.ToString();
}

TEST_P(StoreContractTest, ATransactionContinuesAfterAnExpectedInsertFailure) {
  ASSERT_OK(store().Transact([](Tx& tx) -> Status {
    SA_RETURN_IF_ERROR(tx.tickets().Insert(MakeTicket("INC-000001", "2026-01-01T00:00:00Z")));
    Status duplicate = tx.tickets().Insert(MakeTicket("INC-000001", "2026-01-01T00:00:00Z"));
    if (duplicate.code() != Code::kAlreadyExists) return Internal("got " + duplicate.ToString());
    model::Comment orphan;
    orphan.ticket_id = "INC-404";
    auto comment = tx.tickets().AddComment(orphan);
    if (comment.status().code() != Code::kNotFound) {
      return Internal("got " + comment.status().ToString());
    }
    SA_ASSIGN_OR_RETURN(auto first, tx.tickets().Get("INC-000001"));
    if (!first) return Internal("the first insert was undone");
    return tx.tickets().Insert(MakeTicket("INC-000002", "2026-01-01T00:00:00Z"));
  }));
  EXPECT_EQ(Read<int64_t>([](Tx& tx) { return tx.tickets().Count({}); }), 2);
}

TEST_P(StoreContractTest, TicketListFiltersNewestFirstAndPages) {
  ASSERT_OK(store().Transact([](Tx& tx) -> Status {
    Ticket a = MakeTicket("INC-000001", "2026-01-01T00:00:00Z");
    Ticket b = MakeTicket("INC-000002", "2026-01-02T00:00:00Z");
    b.status = TicketStatus::kResolved;
    Ticket c = MakeTicket("REQ-000001", "2026-01-03T00:00:00Z");
    c.type = TicketType::kRequest;
    c.team = "service-desk";
    c.requester = "Bob";
    Ticket d = MakeTicket("INC-000003", "2026-01-04T00:00:00Z");
    d.assignee = "bob";
    d.service = "mail";
    Ticket e = MakeTicket("INC-000004", "2026-01-05T00:00:00Z");
    e.status = TicketStatus::kClosed;
    e.team = "hr";
    for (const auto& t : {a, b, c, d, e}) SA_RETURN_IF_ERROR(tx.tickets().Insert(t));
    return Status::Ok();
  }));
  auto ids = [&](TicketFilter f) {
    std::vector<std::string> out;
    for (const auto& t : Read<std::vector<Ticket>>([&](Tx& tx) { return tx.tickets().List(f); })) {
      out.push_back(t.id);
    }
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(ids({}), (V{"INC-000004", "INC-000003", "REQ-000001", "INC-000002", "INC-000001"}));
  TicketFilter open;
  open.open_only = true;
  EXPECT_EQ(ids(open), (V{"INC-000003", "REQ-000001", "INC-000001"}));
  TicketFilter resolved;
  resolved.status = TicketStatus::kResolved;
  EXPECT_EQ(ids(resolved), (V{"INC-000002"}));
  TicketFilter requests;
  requests.type = TicketType::kRequest;
  EXPECT_EQ(ids(requests), (V{"REQ-000001"}));
  TicketFilter teams;
  teams.teams = {"SERVICE-DESK", "hr"};
  EXPECT_EQ(ids(teams), (V{"INC-000004", "REQ-000001"}));
  TicketFilter requester;
  requester.requester = "bob";
  EXPECT_EQ(ids(requester), (V{"REQ-000001"}));
  TicketFilter assignee;
  assignee.assignee = "BOB";
  EXPECT_EQ(ids(assignee), (V{"INC-000003"}));
  TicketFilter service;
  service.service = "Mail";
  EXPECT_EQ(ids(service), (V{"INC-000003"}));
  TicketFilter page;
  page.limit = 2;
  page.offset = 2;
  EXPECT_EQ(ids(page), (V{"REQ-000001", "INC-000002"}));

  EXPECT_EQ(Read<int64_t>([&](Tx& tx) { return tx.tickets().Count(open); }), 3);
  EXPECT_EQ(Read<int64_t>([&](Tx& tx) { return tx.tickets().Count(page); }), 5);
  auto by_status = Read<std::vector<std::pair<std::string, int64_t>>>(
      [](Tx& tx) { return tx.tickets().CountByStatus(); });
  EXPECT_EQ(by_status, (std::vector<std::pair<std::string, int64_t>>{
                           {"closed", 1}, {"new", 3}, {"resolved", 1}}));
}

TEST_P(StoreContractTest, TotalsFollowInsertsAndUpdatesForEveryFilter) {
  // Count(filter) must equal the number of tickets List(filter) finds, whether
  // it is answered from the kept totals (no filter; one status, team or
  // requester) or counted.
  const char* statuses[] = {"new", "assigned", "resolved"};
  const char* teams[] = {"Network", "service-desk", ""};
  const char* requesters[] = {"alice", "BOB", "carol"};
  ASSERT_OK(store().Transact([&](Tx& tx) -> Status {
    for (int n = 0; n < 12; ++n) {
      Ticket t = MakeTicket("INC-" + std::to_string(100 + n), "2026-01-01T00:00:00Z");
      t.status = *model::ParseTicketStatus(statuses[n % 3]);
      t.team = teams[n % 3];
      t.requester = requesters[(n / 3) % 3];
      SA_RETURN_IF_ERROR(tx.tickets().Insert(t));
    }
    return Status::Ok();
  }));
  // Moves: status, team and requester change on some tickets; a stale update
  // (kConflict) changes nothing.
  ASSERT_OK(store().Transact([&](Tx& tx) -> Status {
    for (const char* id : {"INC-100", "INC-104", "INC-111"}) {
      SA_ASSIGN_OR_RETURN(auto t, tx.tickets().Get(id));
      t->status = TicketStatus::kClosed;
      t->team = "NETWORK";
      t->requester = "dana";
      t->version += 1;
      SA_RETURN_IF_ERROR(tx.tickets().Update(*t));
    }
    SA_ASSIGN_OR_RETURN(auto stale, tx.tickets().Get("INC-101"));
    stale->status = TicketStatus::kClosed;
    if (tx.tickets().Update(*stale).code() != Code::kConflict) return Internal("stale update");
    return Status::Ok();
  }));
  std::vector<TicketFilter> filters(1);  // no filter
  for (const char* s : {"new", "assigned", "resolved", "closed", "waiting"}) {
    filters.emplace_back().status = model::ParseTicketStatus(s);
  }
  for (const char* team : {"network", "Service-Desk", "", "hr"}) filters.emplace_back().teams = {team};
  for (const char* r : {"ALICE", "bob", "carol", "dana", "erin"}) filters.emplace_back().requester = r;
  TicketFilter both;
  both.status = TicketStatus::kClosed;
  both.teams = {"network"};
  filters.push_back(both);
  for (size_t i = 0; i < filters.size(); ++i) {
    SCOPED_TRACE("filter " + std::to_string(i));
    TicketFilter f = filters[i];
    f.limit = 500;
    auto listed = Read<std::vector<Ticket>>([&](Tx& tx) { return tx.tickets().List(f); });
    EXPECT_EQ(Read<int64_t>([&](Tx& tx) { return tx.tickets().Count(f); }),
              static_cast<int64_t>(listed.size()));
  }
  EXPECT_EQ(Read<int64_t>([](Tx& tx) { return tx.tickets().Count({}); }), 12);
}

TEST_P(StoreContractTest, TicketUpdateNeedsTheNextVersion) {
  Ticket t = MakeTicket("INC-000001", "2026-01-01T00:00:00Z");
  ASSERT_OK(store().Transact([&](Tx& tx) { return tx.tickets().Insert(t); }));
  t.version = 2;
  t.status = TicketStatus::kAssigned;
  ASSERT_OK(store().Transact([&](Tx& tx) { return tx.tickets().Update(t); }));

  Ticket stale = t;  // someone else also read version 1
  stale.version = 2;
  stale.title = "lost update";
  Status conflict = store().Transact([&](Tx& tx) { return tx.tickets().Update(stale); });
  EXPECT_EQ(conflict.code(), Code::kConflict) << conflict.ToString();

  auto got = Read<std::optional<Ticket>>([](Tx& tx) { return tx.tickets().Get("INC-000001"); });
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->version, 2);
  EXPECT_EQ(got->status, TicketStatus::kAssigned);
  EXPECT_EQ(got->title, "VPN is down");

  Ticket unknown = MakeTicket("INC-000404", "2026-01-01T00:00:00Z");
  unknown.version = 2;
  EXPECT_EQ(store().Transact([&](Tx& tx) { return tx.tickets().Update(unknown); }).code(),
            Code::kNotFound);
}

TEST_P(StoreContractTest, NextNumberCountsEachCounterFromOne) {
  EXPECT_EQ(Read<int64_t>([](Tx& tx) { return tx.tickets().NextNumber("INC"); }), 1);
  EXPECT_EQ(Read<int64_t>([](Tx& tx) { return tx.tickets().NextNumber("INC"); }), 2);
  EXPECT_EQ(Read<int64_t>([](Tx& tx) { return tx.tickets().NextNumber("REQ"); }), 1);
  EXPECT_EQ(Read<int64_t>([](Tx& tx) { return tx.tickets().NextNumber("INC"); }), 3);
}

TEST_P(StoreContractTest, ConcurrentNextNumbersAreUniqueAndGapless) {
  constexpr int kThreads = 4, kEach = 10;
  std::mutex mu;
  std::set<int64_t> seen;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < kEach; ++j) {
        int64_t n = 0;
        Status s = store().Transact([&](Tx& tx) -> Status {
          SA_ASSIGN_OR_RETURN(n, tx.tickets().NextNumber("INC"));
          return Status::Ok();
        });
        if (!s.ok()) {
          ++failures;
          continue;
        }
        std::lock_guard lock(mu);
        seen.insert(n);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  ASSERT_EQ(seen.size(), static_cast<size_t>(kThreads * kEach));
  EXPECT_EQ(*seen.begin(), 1);
  EXPECT_EQ(*seen.rbegin(), kThreads * kEach);
}

TEST_P(StoreContractTest, CommentsGetIncreasingIdsAndListInOrder) {
  ASSERT_OK(store().Transact([](Tx& tx) {
    return tx.tickets().Insert(MakeTicket("INC-000001", "2026-01-01T00:00:00Z"));
  }));
  model::Comment c;
  c.ticket_id = "inc-000001";
  c.author = "bob";
  c.body = "Looking";
  c.internal = true;
  c.channel = "web";
  c.created = At("2026-01-01T01:00:00Z");
  int64_t first = Read<int64_t>([&](Tx& tx) { return tx.tickets().AddComment(c); });
  c.body = "Fixed";
  c.internal = false;
  int64_t second = Read<int64_t>([&](Tx& tx) { return tx.tickets().AddComment(c); });
  EXPECT_GT(second, first);
  auto comments =
      Read<std::vector<model::Comment>>([](Tx& tx) { return tx.tickets().Comments("INC-000001"); });
  ASSERT_EQ(comments.size(), 2u);
  EXPECT_EQ(comments[0].id, first);
  EXPECT_EQ(comments[0].ticket_id, "INC-000001");
  EXPECT_TRUE(comments[0].internal);
  EXPECT_EQ(comments[1].body, "Fixed");
  EXPECT_EQ(comments[1].created, c.created);

  c.ticket_id = "INC-404";
  Status missing = store().Transact([&](Tx& tx) { return tx.tickets().AddComment(c).status(); });
  EXPECT_EQ(missing.code(), Code::kNotFound) << missing.ToString();
}

model::Event MakeEvent(int64_t seq, std::string entity_id) {
  model::Event e;
  e.seq = seq;
  e.at = At("2026-01-01T00:00:00Z") + std::chrono::seconds(seq);
  e.actor = "alice";
  e.channel = "web";
  e.entity = "ticket";
  e.entity_id = std::move(entity_id);
  e.action = "created";
  e.changes = Json{{"status", {{"old", nullptr}, {"new", "new"}}}};
  e.reason = "because";
  e.prev_hash = std::string(64, '0');
  e.hash = "h" + std::to_string(seq);
  return e;
}

TEST_P(StoreContractTest, EventsAppendOnlyInSequence) {
  EXPECT_FALSE(
      Read<std::optional<model::Event>>([](Tx& tx) { return tx.events().Last(); }).has_value());
  ASSERT_OK(store().Transact([](Tx& tx) { return tx.events().Append(MakeEvent(1, "INC-1")); }));
  EXPECT_EQ(
      store().Transact([](Tx& tx) { return tx.events().Append(MakeEvent(3, "INC-1")); }).code(),
      Code::kConflict);
  EXPECT_EQ(
      store().Transact([](Tx& tx) { return tx.events().Append(MakeEvent(1, "INC-1")); }).code(),
      Code::kConflict);
  ASSERT_OK(store().Transact([](Tx& tx) { return tx.events().Append(MakeEvent(2, "INC-2")); }));
  ASSERT_OK(store().Transact([](Tx& tx) { return tx.events().Append(MakeEvent(3, "inc-1")); }));

  auto last = Read<std::optional<model::Event>>([](Tx& tx) { return tx.events().Last(); });
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->seq, 3);
  EXPECT_EQ(last->hash, "h3");
  EXPECT_EQ(last->changes, MakeEvent(3, "").changes);
  EXPECT_EQ(last->at, MakeEvent(3, "").at);

  auto for_entity = Read<std::vector<model::Event>>(
      [](Tx& tx) { return tx.events().ForEntity("ticket", "INC-1"); });
  ASSERT_EQ(for_entity.size(), 2u);
  EXPECT_EQ(for_entity[0].seq, 1);
  EXPECT_EQ(for_entity[1].seq, 3);
  auto range = Read<std::vector<model::Event>>([](Tx& tx) { return tx.events().Range(2, 5); });
  ASSERT_EQ(range.size(), 2u);
  EXPECT_EQ(range[0].seq, 2);
  EXPECT_EQ(range[1].seq, 3);
}

TEST_P(StoreContractTest, ConcurrentAppendsAfterReadingLastStayContiguous) {
  constexpr int kThreads = 4, kEach = 5;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < kEach; ++j) {
        Status s = store().Transact([](Tx& tx) -> Status {
          SA_ASSIGN_OR_RETURN(auto last, tx.events().Last());
          return tx.events().Append(MakeEvent(last ? last->seq + 1 : 1, "INC-1"));
        });
        if (!s.ok()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  auto all = Read<std::vector<model::Event>>([](Tx& tx) { return tx.events().Range(1, 100); });
  ASSERT_EQ(all.size(), static_cast<size_t>(kThreads * kEach));
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].seq, static_cast<int64_t>(i + 1));
}

model::Conversation MakeConversation(std::string id, std::string user, const char* updated) {
  model::Conversation c;
  c.id = std::move(id);
  c.user_id = std::move(user);
  c.channel = "web";
  c.language = "en";
  c.state = Json{{"step", "qualify"}, {"slots", {{"service", "vpn"}}}};
  c.created = c.updated = At(updated);
  return c;
}

TEST_P(StoreContractTest, ConversationsRoundTripListAndRejectStaleUpdates) {
  ASSERT_OK(store().Transact([](Tx& tx) -> Status {
    SA_RETURN_IF_ERROR(
        tx.conversations().Insert(MakeConversation("C-1", "alice", "2026-01-01T00:00:00Z")));
    auto handed = MakeConversation("C-2", "Alice", "2026-01-02T00:00:00Z");
    handed.status = "handed_off";
    handed.team = "Network";
    SA_RETURN_IF_ERROR(tx.conversations().Insert(handed));
    return tx.conversations().Insert(MakeConversation("C-3", "bob", "2026-01-03T00:00:00Z"));
  }));
  auto got = Read<std::optional<model::Conversation>>(
      [](Tx& tx) { return tx.conversations().Get("c-1"); });
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->state["slots"]["service"], "vpn");
  EXPECT_EQ(got->status, "active");

  auto ids = [&](std::string user, std::string status, std::string team) {
    std::vector<std::string> out;
    for (const auto& c : Read<std::vector<model::Conversation>>(
             [&](Tx& tx) { return tx.conversations().List(user, status, team, 10); })) {
      out.push_back(c.id);
    }
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(ids("", "", ""), (V{"C-3", "C-2", "C-1"}));
  EXPECT_EQ(ids("ALICE", "", ""), (V{"C-2", "C-1"}));
  EXPECT_EQ(ids("", "handed_off", ""), (V{"C-2"}));
  EXPECT_EQ(ids("", "", "network"), (V{"C-2"}));

  got->version = 2;
  got->status = "resolved";
  ASSERT_OK(store().Transact([&](Tx& tx) { return tx.conversations().Update(*got); }));
  EXPECT_EQ(store().Transact([&](Tx& tx) { return tx.conversations().Update(*got); }).code(),
            Code::kConflict);
}

TEST_P(StoreContractTest, TranscriptAssignsSeqAndFindsTheIdempotencyKey) {
  ASSERT_OK(store().Transact([](Tx& tx) {
    return tx.conversations().Insert(MakeConversation("C-1", "alice", "2026-01-01T00:00:00Z"));
  }));
  model::TranscriptEntry user_turn;
  user_turn.conversation_id = "C-1";
  user_turn.role = "user";
  user_turn.author = "alice";
  user_turn.text = "vpn broken";
  user_turn.client_message_id = "m-1";
  user_turn.response = Json{{"replies", {{{"text", "Sorry"}}}}};
  user_turn.at = At("2026-01-01T00:00:01Z");
  model::TranscriptEntry bot_turn;
  bot_turn.conversation_id = "c-1";
  bot_turn.role = "bot";
  bot_turn.author = "bot";
  bot_turn.text = "Sorry";
  bot_turn.replies = Json::array({{{"text", "Sorry"}}});
  EXPECT_EQ(Read<int64_t>([&](Tx& tx) { return tx.conversations().Append(user_turn); }), 1);
  EXPECT_EQ(Read<int64_t>([&](Tx& tx) { return tx.conversations().Append(bot_turn); }), 2);
  EXPECT_EQ(Read<int64_t>([&](Tx& tx) { return tx.conversations().Append(bot_turn); }), 3);

  auto transcript = Read<std::vector<model::TranscriptEntry>>(
      [](Tx& tx) { return tx.conversations().Transcript("C-1"); });
  ASSERT_EQ(transcript.size(), 3u);
  EXPECT_EQ(transcript[0].text, "vpn broken");
  EXPECT_EQ(transcript[0].response, user_turn.response);
  EXPECT_TRUE(transcript[1].response.is_null());
  EXPECT_EQ(transcript[1].replies, bot_turn.replies);

  auto found = Read<std::optional<model::TranscriptEntry>>(
      [](Tx& tx) { return tx.conversations().FindByClientMessageId("c-1", "m-1"); });
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->seq, 1);
  EXPECT_EQ(found->response, user_turn.response);
  EXPECT_FALSE(Read<std::optional<model::TranscriptEntry>>([](Tx& tx) {
                 return tx.conversations().FindByClientMessageId("C-1", "m-2");
               }).has_value());

  Status duplicate =
      store().Transact([&](Tx& tx) { return tx.conversations().Append(user_turn).status(); });
  EXPECT_EQ(duplicate.code(), Code::kAlreadyExists) << duplicate.ToString();
}

TEST_P(StoreContractTest, ConcurrentTranscriptAppendsGetDistinctSeqs) {
  ASSERT_OK(store().Transact([](Tx& tx) {
    return tx.conversations().Insert(MakeConversation("C-1", "alice", "2026-01-01T00:00:00Z"));
  }));
  constexpr int kThreads = 4, kEach = 5;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      model::TranscriptEntry e;
      e.conversation_id = "C-1";
      e.role = "bot";
      e.text = "hello";
      for (int j = 0; j < kEach; ++j) {
        if (!store().Transact([&](Tx& tx) { return tx.conversations().Append(e).status(); }).ok()) {
          ++failures;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  auto transcript = Read<std::vector<model::TranscriptEntry>>(
      [](Tx& tx) { return tx.conversations().Transcript("C-1"); });
  ASSERT_EQ(transcript.size(), static_cast<size_t>(kThreads * kEach));
  for (size_t i = 0; i < transcript.size(); ++i) {
    EXPECT_EQ(transcript[i].seq, static_cast<int64_t>(i + 1));
  }
}

TEST_P(StoreContractTest, TokensAreFoundByHashListedAndRevoked) {
  model::ApiToken t;
  t.id = "tok_1";
  t.name = "ci";
  t.role = "integration";
  t.hash = std::string(64, 'a');
  t.created = At("2026-01-01T00:00:00Z");
  t.expires = At("2027-01-01T00:00:00Z");
  model::ApiToken u = t;
  u.id = "tok_2";
  u.user_id = "alice";
  u.role = "user";
  u.hash = std::string(64, 'b');
  u.created = At("2026-01-02T00:00:00Z");
  u.expires.reset();
  ASSERT_OK(store().Transact([&](Tx& tx) -> Status {
    SA_RETURN_IF_ERROR(tx.auth().InsertToken(t));
    return tx.auth().InsertToken(u);
  }));
  auto found = Read<std::optional<model::ApiToken>>(
      [&](Tx& tx) { return tx.auth().FindTokenByHash(t.hash); });
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, "tok_1");
  EXPECT_EQ(found->expires, t.expires);
  EXPECT_FALSE(found->revoked);
  auto list = Read<std::vector<model::ApiToken>>([](Tx& tx) { return tx.auth().ListTokens(); });
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[1].user_id, "alice");
  EXPECT_FALSE(list[1].expires.has_value());

  ASSERT_OK(store().Transact([](Tx& tx) { return tx.auth().RevokeToken("TOK_1"); }));
  EXPECT_TRUE(Read<std::optional<model::ApiToken>>([&](Tx& tx) {
                return tx.auth().FindTokenByHash(t.hash);
              })->revoked);
  EXPECT_EQ(store().Transact([](Tx& tx) { return tx.auth().RevokeToken("tok_9"); }).code(),
            Code::kNotFound);
  EXPECT_FALSE(Read<std::optional<model::ApiToken>>([](Tx& tx) {
                 return tx.auth().FindTokenByHash(std::string(64, 'c'));
               }).has_value());
}

TEST_P(StoreContractTest, PasswordsUpsertAndSessionsComeAndGo) {
  model::PasswordCredential p{"alice", "$argon2id$v=19$first", At("2026-01-01T00:00:00Z")};
  ASSERT_OK(store().Transact([&](Tx& tx) { return tx.auth().UpsertPassword(p); }));
  p.argon2_hash = "$argon2id$v=19$second";
  ASSERT_OK(store().Transact([&](Tx& tx) { return tx.auth().UpsertPassword(p); }));
  auto got = Read<std::optional<model::PasswordCredential>>(
      [](Tx& tx) { return tx.auth().GetPassword("Alice"); });
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->argon2_hash, "$argon2id$v=19$second");

  model::WebSession s{std::string(64, 'd'), "alice", "csrf-1", At("2026-01-01T00:00:00Z"),
                      At("2026-01-01T08:00:00Z")};
  ASSERT_OK(store().Transact([&](Tx& tx) { return tx.auth().InsertSession(s); }));
  auto session =
      Read<std::optional<model::WebSession>>([&](Tx& tx) { return tx.auth().FindSession(s.hash); });
  ASSERT_TRUE(session.has_value());
  EXPECT_EQ(session->csrf, "csrf-1");
  EXPECT_EQ(session->expires, s.expires);
  ASSERT_OK(store().Transact([&](Tx& tx) { return tx.auth().DeleteSession(s.hash); }));
  EXPECT_FALSE(Read<std::optional<model::WebSession>>([&](Tx& tx) {
                 return tx.auth().FindSession(s.hash);
               }).has_value());
}

TEST_P(StoreContractTest, ArticleSavesKeepEveryVersion) {
  model::Article a = SamplePack().knowledge[0];
  ASSERT_OK(store().Transact([&](Tx& tx) { return tx.knowledge().Save(a); }));
  int64_t version_before = Read<int64_t>([](Tx& tx) { return tx.org().Version(); });
  a.version = 2;
  a.body = "new body";
  a.author = "bob";
  ASSERT_OK(store().Transact([&](Tx& tx) { return tx.knowledge().Save(a); }));
  EXPECT_GT(Read<int64_t>([](Tx& tx) { return tx.org().Version(); }), version_before);

  auto current =
      Read<std::optional<model::Article>>([](Tx& tx) { return tx.knowledge().Get("kb-vpn-1"); });
  ASSERT_TRUE(current.has_value());
  EXPECT_EQ(current->version, 2);
  EXPECT_EQ(current->body, "new body");
  auto versions =
      Read<std::vector<model::Article>>([](Tx& tx) { return tx.knowledge().Versions("KB-VPN-1"); });
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].version, 1);
  EXPECT_EQ(versions[0].body, "# Steps\n1. Restart.");
  EXPECT_EQ(versions[1].author, "bob");
  auto list = Read<std::vector<model::Article>>([](Tx& tx) { return tx.knowledge().List(); });
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].version, 2);
}

TEST_P(StoreContractTest, FeedbackIsCountedPerArticle) {
  ASSERT_OK(store().Transact([](Tx& tx) -> Status {
    TimePoint at = At("2026-01-01T00:00:00Z");
    SA_RETURN_IF_ERROR(tx.knowledge().AddFeedback("KB-1", "alice", "vpn", true, at));
    SA_RETURN_IF_ERROR(tx.knowledge().AddFeedback("kb-1", "bob", "vpn", true, at));
    SA_RETURN_IF_ERROR(tx.knowledge().AddFeedback("KB-1", "carol", "vpn", false, at));
    return tx.knowledge().AddFeedback("KB-2", "carol", "mail", false, at);
  }));
  auto counts = Read<std::pair<int64_t, int64_t>>(
      [](Tx& tx) { return tx.knowledge().FeedbackCounts("KB-1"); });
  EXPECT_EQ(counts, (std::pair<int64_t, int64_t>{2, 1}));
  counts = Read<std::pair<int64_t, int64_t>>(
      [](Tx& tx) { return tx.knowledge().FeedbackCounts("KB-3"); });
  EXPECT_EQ(counts, (std::pair<int64_t, int64_t>{0, 0}));
}

TEST_P(StoreContractTest, TrainingExamplesAreAddedLabelledAndListedByKind) {
  TrainingExample e{0,    "unlabelled", "my vpn is broken",        "",
                    "en", "review",     At("2026-01-01T00:00:00Z")};
  int64_t id = Read<int64_t>([&](Tx& tx) { return tx.learning().Add(e); });
  e.kind = "team";
  e.label = "network";
  Read<int64_t>([&](Tx& tx) { return tx.learning().Add(e); });
  ASSERT_OK(store().Transact([&](Tx& tx) { return tx.learning().SetLabel(id, "vpn_down"); }));
  auto unlabelled = Read<std::vector<TrainingExample>>(
      [](Tx& tx) { return tx.learning().List("unlabelled", 10); });
  ASSERT_EQ(unlabelled.size(), 1u);
  EXPECT_EQ(unlabelled[0].label, "vpn_down");
  EXPECT_EQ(unlabelled[0].at, e.at);
  EXPECT_EQ(
      Read<std::vector<TrainingExample>>([](Tx& tx) { return tx.learning().List("", 10); }).size(),
      2u);
  EXPECT_EQ(store().Transact([](Tx& tx) { return tx.learning().SetLabel(999, "x"); }).code(),
            Code::kNotFound);
}

TEST_P(StoreContractTest, LearningGenerationGrowsOnLabelledDataOnly) {
  auto generation = [&] { return Read<int64_t>([](Tx& tx) { return tx.learning().Generation(); }); };
  EXPECT_EQ(generation(), 0);
  TrainingExample e{0, "unlabelled", "hm", "", "en", "conv-1", At("2026-01-01T00:00:00Z")};
  int64_t id = Read<int64_t>([&](Tx& tx) { return tx.learning().Add(e); });
  EXPECT_EQ(generation(), 0) << "an utterance awaiting review teaches nothing yet";
  ASSERT_OK(store().Transact([&](Tx& tx) { return tx.learning().SetLabel(id, "greeting"); }));
  int64_t after_label = generation();
  EXPECT_GT(after_label, 0);
  e.kind = "intent";
  e.label = "greeting";
  Read<int64_t>([&](Tx& tx) { return tx.learning().Add(e); });
  int64_t after_add = generation();
  EXPECT_GT(after_add, after_label);
  ASSERT_OK(store().Transact([](Tx& tx) { return tx.learning().BumpGeneration(); }));
  EXPECT_GT(generation(), after_add);
}

TEST_P(StoreContractTest, AFailedTransactionWritesNothing) {
  Status failed = store().Transact([](Tx& tx) -> Status {
    SA_RETURN_IF_ERROR(tx.tickets().NextNumber("INC").status());
    SA_RETURN_IF_ERROR(tx.tickets().Insert(MakeTicket("INC-000001", "2026-01-01T00:00:00Z")));
    SA_RETURN_IF_ERROR(tx.events().Append(MakeEvent(1, "INC-000001")));
    SA_RETURN_IF_ERROR(tx.org().UpsertPack(SamplePack()));
    return InvalidArgument("validation failed late");
  });
  EXPECT_EQ(failed.code(), Code::kInvalidArgument);
  EXPECT_EQ(failed.message(), "validation failed late");
  EXPECT_FALSE(Read<std::optional<Ticket>>([](Tx& tx) {
                 return tx.tickets().Get("INC-000001");
               }).has_value());
  EXPECT_FALSE(
      Read<std::optional<model::Event>>([](Tx& tx) { return tx.events().Last(); }).has_value());
  EXPECT_TRUE(Read<model::OrgPack>([](Tx& tx) { return tx.org().Load(); }).teams.empty());
  EXPECT_EQ(Read<int64_t>([](Tx& tx) { return tx.org().Version(); }), 0);
  EXPECT_EQ(Read<int64_t>([](Tx& tx) { return tx.tickets().NextNumber("INC"); }), 1);
}

TEST_P(StoreContractTest, ATransactionThatThrowsIsRolledBackAsInternal) {
  Status failed = store().Transact([](Tx& tx) -> Status {
    SA_RETURN_IF_ERROR(tx.tickets().Insert(MakeTicket("INC-000001", "2026-01-01T00:00:00Z")));
    throw std::runtime_error("boom");
  });
  EXPECT_EQ(failed.code(), Code::kInternal);
  EXPECT_FALSE(Read<std::optional<Ticket>>([](Tx& tx) {
                 return tx.tickets().Get("INC-000001");
               }).has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContractTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace sa::store
