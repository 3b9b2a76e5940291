// What the portal's banner shows one user: open major incidents and planned
// outages on the services that concern them, and the announcements for their
// groups. Pure functions over the organization (no I/O); the announcements
// and a user's service subscriptions are kept in the audit log (api_portal.cc).
// Thread-safety: stateless.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/json.h"
#include "model/org.h"

namespace sa::http {

// A message from the service desk to some user groups ("all" = everyone),
// shown until `until` (or until withdrawn).
struct Announcement {
  std::string id, title, message;
  std::vector<std::string> groups;  // group ids or {"all"}
  TimePoint published{};
  std::optional<TimePoint> until;
  std::string author;
  bool withdrawn = false;
};

// How far ahead a planned outage is announced.
inline constexpr std::chrono::hours kOutageHorizon{14 * 24};

// The services whose trouble reaches `user`: those of the user's groups and
// those they subscribed to, plus everything these depend on (transitively,
// through Service::depends_on). Ids as spelled in the organization.
std::set<std::string> ServicesOf(const model::OrgPack& org, const model::User& user,
                                 const std::vector<std::string>& subscriptions);

struct Notices {
  std::vector<model::MajorIncident> incidents;  // not resolved
  std::vector<model::Change> changes;           // outages under way or within the horizon
  std::vector<Announcement> announcements;      // published, not withdrawn, not expired
};

// The notices for `user` at `now`; `user` nullopt = everything (staff, who
// answer for every service). Changes sorted by start, incidents by start.
Notices NoticesFor(const model::OrgPack& org, const std::optional<model::User>& user,
                   const std::vector<std::string>& subscriptions,
                   const std::vector<Announcement>& announcements, TimePoint now);

Json AnnouncementJson(const Announcement& a);

}  // namespace sa::http
