// Who may do what: the access policy, in one place, used by the HTTP layer,
// the channels and the dialogue engine alike.
#pragma once

#include <string>
#include <vector>

#include "model/conversation.h"
#include "model/org.h"
#include "model/ticket.h"

namespace sa::itsm {

enum class Role { kUser, kAgent, kAdmin, kIntegration };
const char* ToString(Role role);
bool ParseRole(std::string_view text, Role* role);

// The authenticated caller of any operation.
struct Actor {
  std::string id;  // user id; token name for integration tokens
  Role role = Role::kUser;
  std::string channel = "api";
  std::vector<std::string> teams;  // teams the user is a member of (agents)
  // Integration tokens act for a user: set once the user is named.
  std::string on_behalf_of;
  // The user the action is for: on_behalf_of when set, else id.
  const std::string& EffectiveUser() const { return on_behalf_of.empty() ? id : on_behalf_of; }
};

// The rules (tests/itsm/access_test.cc proves each):
//  - user: reads, comments and hurries only tickets it requested, reads only
//    its own conversations; never edits a ticket beyond what TicketService
//    lets a requester do (cancel, confirm, reopen, rate).
//  - agent: reads every ticket; edits (and comments) those of its teams, those
//    assigned to it and those with no team yet, or all when
//    agents_edit_any_team; reads its own conversations, those handed off to a
//    team and those it took over.
//  - admin: everything.
//  - integration: a trusted channel acting for a user: with on_behalf_of set
//    it has exactly that user's rights; it may act as any user.
// Pure functions of their arguments; thread-safe.
struct AccessPolicy {
  // When true, agents may edit tickets of any team (org setting); otherwise
  // only those of the teams they belong to (they may still read all).
  bool agents_edit_any_team = false;

  bool CanReadTicket(const Actor& a, const model::Ticket& t) const;
  bool CanEditTicket(const Actor& a, const model::Ticket& t) const;
  bool CanCommentTicket(const Actor& a, const model::Ticket& t) const;  // requester or editors
  bool CanSeeInternalNotes(const Actor& a) const;                       // agents, admins
  // Agents may read every conversation (to watch and take over live ones); an
  // integration naming no user may read any (it relays them for every user).
  bool CanReadConversation(const Actor& a, const model::Conversation& c) const;
  bool CanActAsUser(const Actor& a, const std::string& user_id) const;  // integration, admin, self
  bool IsStaff(const Actor& a) const;                                   // agent or admin
  bool IsAdmin(const Actor& a) const;
  // The actor is the ticket's requester, or an integration acting for them.
  bool IsRequester(const Actor& a, const model::Ticket& t) const;
};

}  // namespace sa::itsm
