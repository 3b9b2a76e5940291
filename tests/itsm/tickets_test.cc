#include "itsm/tickets.h"

#include <gtest/gtest.h>

#include "itsm/audit.h"
#include "itsm/pack.h"
#include "test_store.h"

namespace sa::itsm {
namespace {

using namespace std::chrono_literals;
using model::TicketStatus;
using model::TicketType;

constexpr const char* kPack = R"(format: smartassist-orgpack/1
organization:
  name: Test Org
user_groups:
  - id: staff
    name: Staff
  - id: management
    name: Management
    vip: true
teams:
  - id: desk
    name: Desk
    default: true
    members: [dana]
  - id: network
    name: Network
    members: [nadia]
services:
  - id: vpn
    name: VPN
    owner_team: network
configuration_items:
  - id: vpn-gw-01
    owner_team: network
users:
  - {id: alice, groups: [staff]}
  - {id: bob, groups: [staff]}
  - {id: boss, groups: [management]}
  - {id: dana, role: agent}
  - {id: nadia, role: agent}
  - {id: root, role: admin}
incidents:
  - id: major-1
    title: VPN down
    services: [vpn]
    started: 2026-11-22T07:10:00Z
request_catalog:
  - id: laptop
    name: New laptop
    team: desk
)";

Actor User(std::string id) {
  Actor a;
  a.id = std::move(id);
  a.role = Role::kUser;
  a.channel = "web";
  return a;
}
Actor Agent(std::string id, std::vector<std::string> teams) {
  Actor a;
  a.id = std::move(id);
  a.role = Role::kAgent;
  a.teams = std::move(teams);
  return a;
}

class TicketServiceTest : public ::testing::Test {
 protected:
  TicketServiceTest()
      : clock_(TimePoint(std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 9h)),
        service_(db_.store(), clock_, PriorityMatrix(), AccessPolicy()) {
    std::vector<std::string> errors;
    auto imported = ImportPack(db_.store(), clock_, kPack, "root", "cli", &errors);
    EXPECT_TRUE(imported.ok()) << ::testing::PrintToString(errors);
  }

  NewTicket VpnIncident() {
    NewTicket t;
    t.title = "VPN does not connect";
    t.description = "Error 809 since this morning";
    t.impact = "medium";
    t.urgency = "medium";
    t.service = "vpn";
    t.team = "network";
    t.reason = "service vpn is owned by network";
    return t;
  }

  model::Ticket MustCreate(const Actor& actor, const NewTicket& t) {
    auto created = service_.Create(actor, t);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : model::Ticket{};
  }

  Result<model::Ticket> Move(const std::string& id, const char* status,
                             const Actor& actor = Agent("nadia", {"network"})) {
    TicketPatch patch;
    patch.status = status;
    return service_.Update(actor, id, patch);
  }

  std::vector<model::Event> EventsOf(const std::string& id) {
    auto events = service_.Events(root_, id);
    EXPECT_TRUE(events.ok()) << events.status().ToString();
    return events.ok() ? *events : std::vector<model::Event>{};
  }

  testing::TempStore db_;
  ManualClock clock_;
  TicketService service_;
  const Actor alice_ = User("alice");
  const Actor bob_ = User("bob");
  const Actor nadia_ = Agent("nadia", {"network"});
  const Actor dana_ = Agent("dana", {"desk"});
  const Actor root_ = [] {
    Actor a;
    a.id = "root";
    a.role = Role::kAdmin;
    return a;
  }();
};

// ---- Create -------------------------------------------------------------------

TEST_F(TicketServiceTest, NumbersIncidentsAndRequestsSeparately) {
  EXPECT_EQ(MustCreate(alice_, VpnIncident()).id, "INC-000001");
  EXPECT_EQ(MustCreate(alice_, VpnIncident()).id, "INC-000002");
  NewTicket request;
  request.type = TicketType::kRequest;
  request.title = "New laptop";
  request.catalog_item = "laptop";
  EXPECT_EQ(MustCreate(alice_, request).id, "REQ-000001");
}

TEST_F(TicketServiceTest, CreateFillsTheTicket) {
  clock_.Advance(42s);
  model::Ticket t = MustCreate(alice_, VpnIncident());
  EXPECT_EQ(t.status, TicketStatus::kAssigned);
  EXPECT_EQ(t.priority, "P3");
  EXPECT_EQ(t.requester, "alice");
  EXPECT_EQ(t.team, "network");
  EXPECT_EQ(t.channel, "web");
  EXPECT_EQ(FormatTime(t.created), "2026-11-23T09:00:42Z");
  EXPECT_EQ(t.created, t.updated);
  EXPECT_EQ(t.version, 1);
  auto stored = service_.Get(alice_, t.id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->title, "VPN does not connect");
  EXPECT_EQ(stored->service, "vpn");
}

TEST_F(TicketServiceTest, WithoutTeamTheTicketIsNew) {
  NewTicket in = VpnIncident();
  in.team.clear();
  EXPECT_EQ(MustCreate(alice_, in).status, TicketStatus::kNew);
}

TEST_F(TicketServiceTest, PriorityComesFromTheMatrix) {
  NewTicket in = VpnIncident();
  in.impact = "high";
  in.urgency = "medium";
  EXPECT_EQ(MustCreate(alice_, in).priority, "P2");
  in.impact = "low";
  in.urgency = "low";
  EXPECT_EQ(MustCreate(alice_, in).priority, "P4");
}

TEST_F(TicketServiceTest, ConfiguredMatrixIsUsed) {
  PriorityMatrix matrix;
  ASSERT_TRUE(matrix.Set("medium", "medium", "P1").ok());
  TicketService service(db_.store(), clock_, matrix, AccessPolicy());
  auto t = service.Create(alice_, VpnIncident());
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->priority, "P1");
}

TEST_F(TicketServiceTest, VipRequesterIsRaisedOneLevel) {
  model::Ticket t = MustCreate(User("boss"), VpnIncident());
  EXPECT_EQ(t.priority, "P2");  // medium x medium = P3, raised
  auto events = EventsOf(t.id);
  ASSERT_FALSE(events.empty());
  std::string why = events[0].changes["priority"]["why"];
  EXPECT_NE(why.find("VIP group management"), std::string::npos) << why;
}

TEST_F(TicketServiceTest, CreatedEventCarriesTheRoutingReason) {
  model::Ticket t = MustCreate(alice_, VpnIncident());
  auto events = EventsOf(t.id);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "created");
  EXPECT_EQ(events[0].actor, "alice");
  EXPECT_EQ(events[0].reason, "service vpn is owned by network");
  EXPECT_EQ(events[0].changes["team"]["new"], "network");
  EXPECT_EQ(events[0].changes["status"]["new"], "assigned");
}

TEST_F(TicketServiceTest, ReferencesTakeTheStoredSpelling) {
  NewTicket in = VpnIncident();
  in.team = "NETWORK";
  in.service = "VPN";
  in.config_item = "VPN-GW-01";
  in.requester = "Alice";
  in.parent_id = "MAJOR-1";
  model::Ticket t = MustCreate(alice_, in);
  EXPECT_EQ(t.team, "network");
  EXPECT_EQ(t.service, "vpn");
  EXPECT_EQ(t.config_item, "vpn-gw-01");
  EXPECT_EQ(t.requester, "alice");
  EXPECT_EQ(t.parent_id, "major-1");
}

TEST_F(TicketServiceTest, UnknownReferencesAreRejectedAndNothingIsWritten) {
  auto with = [&](auto edit) {
    NewTicket in = VpnIncident();
    edit(in);
    return service_.Create(dana_, in).status();
  };
  std::vector<Status> results = {
      with([](NewTicket& t) { t.team = "netwrk"; }),
      with([](NewTicket& t) { t.service = "vpm"; }),
      with([](NewTicket& t) { t.config_item = "gw-9"; }),
      with([](NewTicket& t) { t.requester = "zoe"; }),
      with([](NewTicket& t) { t.assignee = "zoe"; }),
      with([](NewTicket& t) { t.parent_id = "INC-000999"; }),
      with([](NewTicket& t) {
        t.type = TicketType::kRequest;
        t.catalog_item = "tablet";
      }),
      with([](NewTicket& t) { t.impact = "huge"; }),
      with([](NewTicket& t) { t.title = "  "; }),
  };
  for (const Status& s : results) EXPECT_EQ(s.code(), Code::kInvalidArgument) << s.ToString();
  EXPECT_NE(results[0].message().find("netwrk"), std::string::npos);
  EXPECT_EQ(MustCreate(alice_, VpnIncident()).id, "INC-000001");  // no number was used
}

TEST_F(TicketServiceTest, UsersOpenTicketsOnlyForThemselves) {
  NewTicket in = VpnIncident();
  in.requester = "bob";
  EXPECT_EQ(service_.Create(alice_, in).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(MustCreate(dana_, in).requester, "bob");  // agents open for callers
  Actor bot;
  bot.id = "slack";
  bot.role = Role::kIntegration;
  bot.on_behalf_of = "bob";
  in.requester.clear();
  EXPECT_EQ(MustCreate(bot, in).requester, "bob");
}

// A channel adapter's token acting for a user: the audit log names the user
// as the actor and the integration in the channel; without a user, the token.
TEST_F(TicketServiceTest, EventsOfAnIntegrationActingForAUserNameTheUserAndTheIntegration) {
  Actor adapter;
  adapter.id = "teams-adapter";
  adapter.role = Role::kIntegration;
  adapter.channel = "teams";
  adapter.on_behalf_of = "bob";
  model::Ticket t = MustCreate(adapter, VpnIncident());
  ASSERT_TRUE(service_.Hurry(adapter, t.id, "still down").ok());
  auto events = EventsOf(t.id);
  ASSERT_EQ(events.size(), 2u);
  for (const auto& e : events) {
    EXPECT_EQ(e.actor, "bob") << e.action;
    EXPECT_EQ(e.channel, "teams via teams-adapter") << e.action;
  }
  NewTicket in = VpnIncident();
  in.requester = "bob";
  adapter.on_behalf_of.clear();
  model::Ticket direct = MustCreate(adapter, in);
  EXPECT_EQ(EventsOf(direct.id)[0].actor, "teams-adapter");
  EXPECT_EQ(EventsOf(direct.id)[0].channel, "teams");
}

TEST_F(TicketServiceTest, OnlyAgentsSetAPriorityDirectly) {
  NewTicket in = VpnIncident();
  in.priority = "P1";
  EXPECT_EQ(service_.Create(alice_, in).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(MustCreate(dana_, in).priority, "P1");
}

TEST_F(TicketServiceTest, CatalogRequestGoesToTheItemsTeam) {
  NewTicket in;
  in.type = TicketType::kRequest;
  in.title = "Laptop please";
  in.catalog_item = "LAPTOP";
  in.fields = {{"model", "standard"}};
  model::Ticket t = MustCreate(alice_, in);
  EXPECT_EQ(t.team, "desk");
  EXPECT_EQ(t.status, TicketStatus::kAssigned);
  EXPECT_EQ(t.catalog_item, "laptop");
  EXPECT_EQ(t.fields["model"], "standard");
}

// ---- Workflow -----------------------------------------------------------------

TEST_F(TicketServiceTest, FollowsTheWorkflowToClosed) {
  NewTicket in = VpnIncident();
  in.team.clear();
  std::string id = MustCreate(alice_, in).id;
  for (const char* status :
       {"assigned", "in_progress", "waiting", "in_progress", "resolved", "closed"}) {
    auto t = Move(id, status);
    ASSERT_TRUE(t.ok()) << status << ": " << t.status().ToString();
    EXPECT_STREQ(model::ToString(t->status), status);
  }
  std::vector<std::string> actions;
  for (const auto& e : EventsOf(id)) actions.push_back(e.action);
  EXPECT_EQ(actions,
            (std::vector<std::string>{"created", "assigned", "status_changed", "status_changed",
                                      "status_changed", "resolved", "closed"}));
}

// Every (from, to) pair: allowed or kConflict.
TEST_F(TicketServiceTest, TransitionTable) {
  const std::vector<std::vector<const char*>> paths = {{},
                                                       {"assigned"},
                                                       {"assigned", "in_progress"},
                                                       {"assigned", "in_progress", "waiting"},
                                                       {"resolved"},
                                                       {"closed"}};
  const char* states[] = {"new", "assigned", "in_progress", "waiting", "resolved", "closed"};
  // allowed[from][to]
  const bool allowed[6][6] = {
      {1, 1, 0, 0, 1, 1},  // new
      {0, 1, 1, 0, 1, 1},  // assigned
      {0, 0, 1, 1, 1, 1},  // in_progress
      {0, 0, 1, 1, 1, 1},  // waiting
      {0, 0, 1, 0, 1, 1},  // resolved
      {0, 0, 0, 0, 0, 1},  // closed
  };
  NewTicket in = VpnIncident();
  in.team.clear();
  for (int from = 0; from < 6; ++from) {
    for (int to = 0; to < 6; ++to) {
      std::string id = MustCreate(dana_, in).id;
      for (const char* step : paths[from]) ASSERT_TRUE(Move(id, step).ok());
      auto moved = Move(id, states[to]);
      SCOPED_TRACE(std::string(states[from]) + " -> " + states[to]);
      if (allowed[from][to]) {
        EXPECT_TRUE(moved.ok()) << moved.status().ToString();
      } else {
        ASSERT_EQ(moved.status().code(), Code::kConflict);
        EXPECT_NE(moved.status().message().find(std::string("from ") + states[from] + " to " +
                                                states[to]),
                  std::string::npos)
            << moved.status().message();
      }
    }
  }
}

TEST_F(TicketServiceTest, SettingATeamOnANewTicketAssignsIt) {
  NewTicket in = VpnIncident();
  in.team.clear();
  std::string id = MustCreate(alice_, in).id;
  TicketPatch patch;
  patch.team = "network";
  patch.reason = "VPN belongs to network";
  auto t = service_.Update(dana_, id, patch);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->status, TicketStatus::kAssigned);
  EXPECT_EQ(EventsOf(id).back().action, "assigned");
}

TEST_F(TicketServiceTest, ResolveStampsAndReopenClearsResolvedAt) {
  std::string id = MustCreate(alice_, VpnIncident()).id;
  clock_.Advance(1h);
  auto resolved = Move(id, "resolved");
  ASSERT_TRUE(resolved.ok());
  EXPECT_EQ(FormatTime(resolved->resolved_at), "2026-11-23T10:00:00Z");
  auto reopened = Move(id, "in_progress");
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(reopened->resolved_at, TimePoint{});
  EXPECT_EQ(EventsOf(id).back().action, "reopened");
}

TEST_F(TicketServiceTest, CancellingAnOpenTicketIsRecordedAsCancelled) {
  std::string id = MustCreate(alice_, VpnIncident()).id;
  ASSERT_TRUE(Move(id, "closed").ok());
  EXPECT_EQ(EventsOf(id).back().action, "cancelled");
}

TEST_F(TicketServiceTest, UnknownStatusIsInvalid) {
  std::string id = MustCreate(alice_, VpnIncident()).id;
  EXPECT_EQ(Move(id, "done").status().code(), Code::kInvalidArgument);
}

// ---- Update -------------------------------------------------------------------

TEST_F(TicketServiceTest, ImpactChangeRecomputesPriority) {
  std::string id = MustCreate(alice_, VpnIncident()).id;
  TicketPatch patch;
  patch.impact = "high";
  patch.urgency = "high";
  auto t = service_.Update(nadia_, id, patch);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->priority, "P1");
  auto last = EventsOf(id).back();
  EXPECT_EQ(last.changes["priority"]["old"], "P3");
  EXPECT_EQ(last.changes["priority"]["new"], "P1");
}

TEST_F(TicketServiceTest, ExplicitPriorityWinsOverTheMatrix) {
  std::string id = MustCreate(alice_, VpnIncident()).id;
  TicketPatch patch;
  patch.impact = "high";
  patch.priority = "P4";
  auto t = service_.Update(nadia_, id, patch);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->priority, "P4");
  EXPECT_EQ(t->impact, "high");
}

TEST_F(TicketServiceTest, UpdateRecordsOldAndNewPerFieldWithTheReason) {
  std::string id = MustCreate(alice_, VpnIncident()).id;
  clock_.Advance(5min);
  TicketPatch patch;
  patch.title = "VPN error 809";
  patch.assignee = "nadia";
  patch.reason = "taking it";
  auto t = service_.Update(nadia_, id, patch);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->version, 2);
  EXPECT_EQ(FormatTime(t->updated), "2026-11-23T09:05:00Z");
  auto last = EventsOf(id).back();
  EXPECT_EQ(last.action, "assigned");
  EXPECT_EQ(last.actor, "nadia");
  EXPECT_EQ(last.reason, "taking it");
  EXPECT_EQ(last.changes["title"]["old"], "VPN does not connect");
  EXPECT_EQ(last.changes["title"]["new"], "VPN error 809");
  EXPECT_EQ(last.changes["assignee"]["old"], "");
  EXPECT_EQ(last.changes["assignee"]["new"], "nadia");
  EXPECT_FALSE(last.changes.contains("description"));
}

TEST_F(TicketServiceTest, StaleVersionConflicts) {
  std::string id = MustCreate(alice_, VpnIncident()).id;
  TicketPatch patch;
  patch.title = "first";
  patch.expected_version = 1;
  ASSERT_TRUE(service_.Update(nadia_, id, patch).ok());
  patch.title = "second";
  auto stale = service_.Update(nadia_, id, patch);  // still expects version 1
  EXPECT_EQ(stale.status().code(), Code::kConflict);
  EXPECT_EQ(service_.Get(nadia_, id)->title, "first");
}

TEST_F(TicketServiceTest, UpdateWithoutChangesWritesNothing) {
  std::string id = MustCreate(alice_, VpnIncident()).id;
  TicketPatch patch;
  patch.team = "network";
  auto t = service_.Update(nadia_, id, patch);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->version, 1);
  EXPECT_EQ(EventsOf(id).size(), 1u);
}

TEST_F(TicketServiceTest, UpdateValidatesReferences) {
  std::string id = MustCreate(alice_, VpnIncident()).id;
  TicketPatch patch;
  patch.team = "netwrk";
  EXPECT_EQ(service_.Update(nadia_, id, patch).status().code(), Code::kInvalidArgument);
  patch.team.reset();
  patch.urgency = "asap";
  EXPECT_EQ(service_.Update(nadia_, id, patch).status().code(), Code::kInvalidArgument);
}

// ---- Access ---------------------------------------------------------------------

TEST_F(TicketServiceTest, OtherUsersCannotSeeTheTicketAtAll) {
  std::string id = MustCreate(alice_, VpnIncident()).id;
  TicketPatch patch;
  patch.status = "closed";
  EXPECT_EQ(service_.Get(bob_, id).status().code(), Code::kNotFound);
  EXPECT_EQ(service_.Update(bob_, id, patch).status().code(), Code::kNotFound);
  EXPECT_EQ(service_.AddComment(bob_, id, "hi", false).status().code(), Code::kNotFound);
  EXPECT_EQ(service_.Comments(bob_, id).status().code(), Code::kNotFound);
  EXPECT_EQ(service_.Events(bob_, id).status().code(), Code::kNotFound);
  EXPECT_EQ(service_.Hurry(bob_, id, "").code(), Code::kNotFound);
  EXPECT_EQ(service_.Get(alice_, "INC-999999").status().code(), Code::kNotFound);
}

TEST_F(TicketServiceTest, AgentOfAnotherTeamReadsButMayNotChange) {
  std::string id = MustCreate(alice_, VpnIncident()).id;
  EXPECT_TRUE(service_.Get(dana_, id).ok());
  TicketPatch patch;
  patch.title = "mine now";
  EXPECT_EQ(service_.Update(dana_, id, patch).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(service_.AddComment(dana_, id, "note", true).status().code(), Code::kPermissionDenied);
  TicketService open_policy(db_.store(), clock_, PriorityMatrix(),
                            AccessPolicy{.agents_edit_any_team = true});
  EXPECT_TRUE(open_policy.Update(dana_, id, patch).ok());
}

TEST_F(TicketServiceTest, RequesterMayCloseReopenAndRateButNotReassign) {
  std::string id = MustCreate(alice_, VpnIncident()).id;
  TicketPatch reassign;
  reassign.team = "desk";
  EXPECT_EQ(service_.Update(alice_, id, reassign).status().code(), Code::kPermissionDenied);
  TicketPatch progress;
  progress.status = "in_progress";
  EXPECT_EQ(service_.Update(alice_, id, progress).status().code(), Code::kPermissionDenied);
  ASSERT_TRUE(Move(id, "resolved").ok());
  TicketPatch rate;
  rate.satisfaction = 5;
  EXPECT_EQ(service_.Update(nadia_, id, rate).status().code(), Code::kPermissionDenied);
  auto rated = service_.Update(alice_, id, rate);
  ASSERT_TRUE(rated.ok()) << rated.status().ToString();
  EXPECT_EQ(rated->satisfaction, 5);
  EXPECT_EQ(EventsOf(id).back().action, "rated");
  ASSERT_TRUE(Move(id, "in_progress", alice_).ok());  // reopen
  ASSERT_TRUE(Move(id, "closed", alice_).ok());       // cancel
}

TEST_F(TicketServiceTest, RatingNeedsAResolvedTicketAndAValidScore) {
  std::string id = MustCreate(alice_, VpnIncident()).id;
  TicketPatch rate;
  rate.satisfaction = 4;
  EXPECT_EQ(service_.Update(alice_, id, rate).status().code(), Code::kFailedPrecondition);
  ASSERT_TRUE(Move(id, "resolved").ok());
  rate.satisfaction = 6;
  EXPECT_EQ(service_.Update(alice_, id, rate).status().code(), Code::kInvalidArgument);
}

TEST_F(TicketServiceTest, UsersListOnlyTheirOwnTickets) {
  MustCreate(alice_, VpnIncident());
  MustCreate(User("bob"), VpnIncident());
  model::TicketFilter all;
  auto mine = service_.List(alice_, all);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].requester, "alice");
  model::TicketFilter bobs;
  bobs.requester = "bob";
  EXPECT_EQ(service_.List(alice_, bobs)->size(), 1u);  // still only alice's
  EXPECT_EQ((*service_.List(alice_, bobs))[0].requester, "alice");
  EXPECT_EQ(service_.List(dana_, all)->size(), 2u);
}

// ---- Comments, events, hurry -----------------------------------------------------

TEST_F(TicketServiceTest, InternalNotesAreForStaffOnly) {
  std::string id = MustCreate(alice_, VpnIncident()).id;
  EXPECT_EQ(service_.AddComment(alice_, id, "secret", true).status().code(),
            Code::kPermissionDenied);
  ASSERT_TRUE(service_.AddComment(alice_, id, "still broken", false).ok());
  auto note = service_.AddComment(nadia_, id, "gateway overloaded", true);
  ASSERT_TRUE(note.ok()) << note.status().ToString();
  EXPECT_TRUE(note->internal);
  EXPECT_EQ(note->author, "nadia");

  auto seen_by_requester = service_.Comments(alice_, id);
  ASSERT_TRUE(seen_by_requester.ok());
  ASSERT_EQ(seen_by_requester->size(), 1u);
  EXPECT_EQ((*seen_by_requester)[0].body, "still broken");
  EXPECT_EQ(service_.Comments(nadia_, id)->size(), 2u);
  EXPECT_EQ(service_.Comments(dana_, id)->size(), 2u);  // readers who are staff see notes

  auto events_for_requester = service_.Events(alice_, id);
  ASSERT_TRUE(events_for_requester.ok());
  EXPECT_EQ(events_for_requester->size(), 2u);  // created + public comment
  EXPECT_EQ(EventsOf(id).size(), 3u);
}

TEST_F(TicketServiceTest, EmptyCommentIsRejected) {
  std::string id = MustCreate(alice_, VpnIncident()).id;
  EXPECT_EQ(service_.AddComment(alice_, id, " \n", false).status().code(), Code::kInvalidArgument);
}

TEST_F(TicketServiceTest, RequesterReplyResumesAWaitingTicket) {
  std::string id = MustCreate(alice_, VpnIncident()).id;
  ASSERT_TRUE(Move(id, "in_progress").ok());
  ASSERT_TRUE(Move(id, "waiting").ok());
  ASSERT_TRUE(service_.AddComment(alice_, id, "here is the log", false).ok());
  EXPECT_EQ(service_.Get(alice_, id)->status, TicketStatus::kInProgress);
  auto last = EventsOf(id).back();
  EXPECT_EQ(last.action, "commented");
  EXPECT_EQ(last.changes["status"]["new"], "in_progress");
}

TEST_F(TicketServiceTest, EventsAreOldestFirst) {
  std::string id = MustCreate(alice_, VpnIncident()).id;
  ASSERT_TRUE(Move(id, "in_progress").ok());
  ASSERT_TRUE(service_.AddComment(nadia_, id, "looking", false).ok());
  auto events = EventsOf(id);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_LT(events[0].seq, events[1].seq);
  EXPECT_LT(events[1].seq, events[2].seq);
  EXPECT_EQ(events[2].action, "commented");
}

TEST_F(TicketServiceTest, HurryRecordsAnEventOnOpenTickets) {
  std::string id = MustCreate(alice_, VpnIncident()).id;
  ASSERT_TRUE(service_.Hurry(alice_, id, "meeting with a customer at 10").ok());
  auto last = EventsOf(id).back();
  EXPECT_EQ(last.action, "hurried");
  EXPECT_EQ(last.reason, "meeting with a customer at 10");
  EXPECT_EQ(last.changes["team"], "network");
  EXPECT_EQ(service_.Hurry(dana_, id, "").code(), Code::kPermissionDenied);
  ASSERT_TRUE(Move(id, "closed").ok());
  EXPECT_EQ(service_.Hurry(alice_, id, "").code(), Code::kFailedPrecondition);
}

TEST_F(TicketServiceTest, EveryChangeKeepsTheAuditChainValid) {
  std::string id = MustCreate(alice_, VpnIncident()).id;
  ASSERT_TRUE(Move(id, "in_progress").ok());
  ASSERT_TRUE(service_.AddComment(alice_, id, "thanks", false).ok());
  ASSERT_TRUE(service_.Hurry(alice_, id, "").ok());
  auto report = VerifyChain(db_.store());
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok) << report->problem;
  EXPECT_EQ(report->events, 5);  // import + 4
}

}  // namespace
}  // namespace sa::itsm
