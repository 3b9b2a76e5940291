#include "itsm/access.h"

#include <algorithm>

#include "core/ids.h"

namespace sa::itsm {
namespace {

bool IsMemberOf(const Actor& a, std::string_view team) {
  return !team.empty() && std::any_of(a.teams.begin(), a.teams.end(),
                                      [&](const std::string& t) { return SameId(t, team); });
}

// The user an end-user actor stands for: itself, or the user an integration
// token acts for. Empty when an integration has named no user.
std::string EndUser(const Actor& a) {
  if (a.role == Role::kIntegration) return a.on_behalf_of;
  return a.EffectiveUser();
}

// A channel adapter's integration token that names no user may act for any
// user (it opens their conversations), so it may read what it answers them with.
bool ActsForAnyUser(const Actor& a) {
  return a.role == Role::kIntegration && a.on_behalf_of.empty();
}

}  // namespace

const char* ToString(Role role) {
  switch (role) {
    case Role::kUser:
      return "user";
    case Role::kAgent:
      return "agent";
    case Role::kAdmin:
      return "admin";
    case Role::kIntegration:
      return "integration";
  }
  return "user";
}

bool ParseRole(std::string_view text, Role* role) {
  for (Role r : {Role::kUser, Role::kAgent, Role::kAdmin, Role::kIntegration}) {
    if (text == ToString(r)) {
      *role = r;
      return true;
    }
  }
  return false;
}

bool AccessPolicy::IsStaff(const Actor& a) const {
  return a.role == Role::kAgent || a.role == Role::kAdmin;
}

bool AccessPolicy::IsAdmin(const Actor& a) const { return a.role == Role::kAdmin; }

bool AccessPolicy::IsRequester(const Actor& a, const model::Ticket& t) const {
  std::string user = EndUser(a);
  return !user.empty() && SameId(user, t.requester);
}

bool AccessPolicy::CanReadTicket(const Actor& a, const model::Ticket& t) const {
  return IsStaff(a) || ActsForAnyUser(a) || IsRequester(a, t);
}

bool AccessPolicy::CanEditTicket(const Actor& a, const model::Ticket& t) const {
  switch (a.role) {
    case Role::kAdmin:
      return true;
    case Role::kAgent:
      return agents_edit_any_team || t.team.empty() || IsMemberOf(a, t.team) ||
             (!t.assignee.empty() && SameId(t.assignee, a.id));
    case Role::kUser:
    case Role::kIntegration:
      return false;
  }
  return false;
}

bool AccessPolicy::CanCommentTicket(const Actor& a, const model::Ticket& t) const {
  return CanEditTicket(a, t) || IsRequester(a, t);
}

bool AccessPolicy::CanSeeInternalNotes(const Actor& a) const { return IsStaff(a); }

bool AccessPolicy::CanReadConversation(const Actor& a, const model::Conversation& c) const {
  switch (a.role) {
    case Role::kAdmin:
      return true;
    case Role::kAgent:
      return true;  // agents watch live conversations and take them over
    case Role::kIntegration:
      if (ActsForAnyUser(a)) return true;
      [[fallthrough]];
    case Role::kUser: {
      std::string user = EndUser(a);
      return !user.empty() && SameId(user, c.user_id);
    }
  }
  return false;
}

bool AccessPolicy::CanActAsUser(const Actor& a, const std::string& user_id) const {
  if (a.role == Role::kAdmin || a.role == Role::kIntegration) return true;
  return !user_id.empty() && SameId(a.id, user_id);
}

}  // namespace sa::itsm
