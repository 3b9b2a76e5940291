#include "itsm/access.h"

#include <gtest/gtest.h>

namespace sa::itsm {
namespace {

Actor MakeActor(std::string id, Role role, std::vector<std::string> teams = {},
                std::string on_behalf_of = "") {
  Actor a;
  a.id = std::move(id);
  a.role = role;
  a.teams = std::move(teams);
  a.on_behalf_of = std::move(on_behalf_of);
  return a;
}

class AccessPolicyTest : public testing::Test {
 protected:
  AccessPolicyTest() {
    ticket_.id = "INC-000001";
    ticket_.requester = "alice";
    ticket_.team = "desk";
    ticket_.assignee = "igor";
  }

  const Actor alice_ = MakeActor("alice", Role::kUser);
  const Actor bob_ = MakeActor("bob", Role::kUser);
  const Actor desk_agent_ = MakeActor("dana", Role::kAgent, {"network", "Desk"});
  const Actor other_agent_ = MakeActor("nadia", Role::kAgent, {"network"});
  const Actor assignee_ = MakeActor("igor", Role::kAgent, {});
  const Actor admin_ = MakeActor("root", Role::kAdmin);
  const Actor bot_for_alice_ = MakeActor("slack-bot", Role::kIntegration, {}, "ALICE");
  const Actor bot_for_bob_ = MakeActor("slack-bot", Role::kIntegration, {}, "bob");
  const Actor bot_alone_ = MakeActor("slack-bot", Role::kIntegration);
  AccessPolicy policy_;
  model::Ticket ticket_;
};

struct Expect {
  const Actor* actor;
  bool read, edit, comment;
};

TEST_F(AccessPolicyTest, TicketMatrix) {
  const Expect rows[] = {
      {&alice_, true, false, true},         {&bob_, false, false, false},
      {&desk_agent_, true, true, true},     {&other_agent_, true, false, false},
      {&assignee_, true, true, true},       {&admin_, true, true, true},
      {&bot_for_alice_, true, false, true}, {&bot_for_bob_, false, false, false},
      {&bot_alone_, true, false, false},  // a channel adapter acting for any user reads to answer
  };
  for (const Expect& row : rows) {
    SCOPED_TRACE(row.actor->id + " as " + ToString(row.actor->role));
    EXPECT_EQ(policy_.CanReadTicket(*row.actor, ticket_), row.read);
    EXPECT_EQ(policy_.CanEditTicket(*row.actor, ticket_), row.edit);
    EXPECT_EQ(policy_.CanCommentTicket(*row.actor, ticket_), row.comment);
  }
}

TEST_F(AccessPolicyTest, AgentsEditAnyTeamWhenTheOrgAllowsIt) {
  policy_.agents_edit_any_team = true;
  EXPECT_TRUE(policy_.CanEditTicket(other_agent_, ticket_));
  EXPECT_TRUE(policy_.CanCommentTicket(other_agent_, ticket_));
  EXPECT_FALSE(policy_.CanEditTicket(bob_, ticket_));  // users still may not
  EXPECT_FALSE(policy_.CanEditTicket(bot_for_alice_, ticket_));
}

TEST_F(AccessPolicyTest, AnyAgentTriagesATicketWithoutTeam) {
  ticket_.team.clear();
  ticket_.assignee.clear();
  EXPECT_TRUE(policy_.CanEditTicket(other_agent_, ticket_));
  EXPECT_FALSE(policy_.CanEditTicket(alice_, ticket_));
}

TEST_F(AccessPolicyTest, RequesterIsMatchedIgnoringCase) {
  ticket_.requester = "Alice";
  EXPECT_TRUE(policy_.IsRequester(alice_, ticket_));
  EXPECT_TRUE(policy_.CanReadTicket(alice_, ticket_));
  EXPECT_FALSE(policy_.IsRequester(desk_agent_, ticket_));
}

TEST_F(AccessPolicyTest, OnlyStaffSeeInternalNotes) {
  EXPECT_FALSE(policy_.CanSeeInternalNotes(alice_));
  EXPECT_FALSE(policy_.CanSeeInternalNotes(bot_for_alice_));
  EXPECT_TRUE(policy_.CanSeeInternalNotes(other_agent_));
  EXPECT_TRUE(policy_.CanSeeInternalNotes(admin_));
}

TEST_F(AccessPolicyTest, StaffAndAdminRoles) {
  EXPECT_FALSE(policy_.IsStaff(alice_));
  EXPECT_FALSE(policy_.IsStaff(bot_alone_));
  EXPECT_TRUE(policy_.IsStaff(desk_agent_));
  EXPECT_TRUE(policy_.IsStaff(admin_));
  EXPECT_FALSE(policy_.IsAdmin(desk_agent_));
  EXPECT_TRUE(policy_.IsAdmin(admin_));
}

TEST_F(AccessPolicyTest, ConversationMatrix) {
  model::Conversation own;
  own.user_id = "alice";
  model::Conversation handed_off = own;
  handed_off.status = "handed_off";
  handed_off.team = "desk";
  model::Conversation taken = own;
  taken.agent = "nadia";
  model::Conversation agents_own;
  agents_own.user_id = "dana";

  struct Row {
    const Actor* actor;
    const model::Conversation* conversation;
    bool read;
  };
  const Row rows[] = {
      {&alice_, &own, true},
      {&bob_, &own, false},
      {&desk_agent_, &own, true},
      {&desk_agent_, &handed_off, true},
      {&other_agent_, &handed_off, true},
      {&other_agent_, &taken, true},
      {&desk_agent_, &taken, true},
      {&desk_agent_, &agents_own, true},
      {&admin_, &own, true},
      {&bot_for_alice_, &own, true},
      {&bot_for_bob_, &own, false},
      {&bot_alone_, &own, true},
      {&alice_, &handed_off, true},
      {&bob_, &handed_off, false},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.actor->id + " on conversation of " + row.conversation->user_id +
                 " team=" + row.conversation->team + " agent=" + row.conversation->agent);
    EXPECT_EQ(policy_.CanReadConversation(*row.actor, *row.conversation), row.read);
  }
}

TEST_F(AccessPolicyTest, ActingAsAUser) {
  EXPECT_TRUE(policy_.CanActAsUser(alice_, "alice"));
  EXPECT_TRUE(policy_.CanActAsUser(alice_, "ALICE"));
  EXPECT_FALSE(policy_.CanActAsUser(alice_, "bob"));
  EXPECT_FALSE(policy_.CanActAsUser(alice_, ""));
  EXPECT_TRUE(policy_.CanActAsUser(desk_agent_, "dana"));
  EXPECT_FALSE(policy_.CanActAsUser(desk_agent_, "alice"));
  EXPECT_TRUE(policy_.CanActAsUser(admin_, "alice"));
  EXPECT_TRUE(policy_.CanActAsUser(bot_alone_, "bob"));
}

TEST(RoleTest, NamesRoundTrip) {
  for (Role r : {Role::kUser, Role::kAgent, Role::kAdmin, Role::kIntegration}) {
    Role parsed = Role::kUser;
    ASSERT_TRUE(ParseRole(ToString(r), &parsed));
    EXPECT_EQ(parsed, r);
  }
  Role unchanged = Role::kAgent;
  EXPECT_FALSE(ParseRole("root", &unchanged));
  EXPECT_EQ(unchanged, Role::kAgent);
}

TEST(ActorTest, EffectiveUserIsOnBehalfOfWhenSet) {
  Actor a = MakeActor("slack-bot", Role::kIntegration, {}, "alice");
  EXPECT_EQ(a.EffectiveUser(), "alice");
  a.on_behalf_of.clear();
  EXPECT_EQ(a.EffectiveUser(), "slack-bot");
}

}  // namespace
}  // namespace sa::itsm
