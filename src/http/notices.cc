#include "http/notices.h"

#include <algorithm>

#include "core/ids.h"

namespace sa::http {

namespace {

bool Intersects(const std::vector<std::string>& items, const std::set<std::string>& set) {
  for (const std::string& item : items) {
    for (const std::string& s : set) {
      if (SameId(item, s)) return true;
    }
  }
  return false;
}

bool ForGroups(const Announcement& a, const std::optional<model::User>& user) {
  if (!user) return true;
  for (const std::string& g : a.groups) {
    if (SameId(g, "all")) return true;
    for (const std::string& mine : user->groups) {
      if (SameId(g, mine)) return true;
    }
  }
  return false;
}

}  // namespace

std::set<std::string> ServicesOf(const model::OrgPack& org, const model::User& user,
                                 const std::vector<std::string>& subscriptions) {
  std::vector<std::string> todo = subscriptions;
  for (const std::string& g : user.groups) {
    if (const model::UserGroup* group = model::FindById(org.user_groups, g)) {
      todo.insert(todo.end(), group->services.begin(), group->services.end());
    }
  }
  std::set<std::string> out;
  while (!todo.empty()) {
    std::string id = std::move(todo.back());
    todo.pop_back();
    const model::Service* service = model::FindById(org.services, id);
    std::string key = service ? service->id : id;
    if (!out.insert(key).second) continue;
    if (service) todo.insert(todo.end(), service->depends_on.begin(), service->depends_on.end());
  }
  return out;
}

Notices NoticesFor(const model::OrgPack& org, const std::optional<model::User>& user,
                   const std::vector<std::string>& subscriptions,
                   const std::vector<Announcement>& announcements, TimePoint now) {
  std::set<std::string> mine;
  if (user) mine = ServicesOf(org, *user, subscriptions);
  auto concerns = [&](const std::vector<std::string>& services) {
    return !user || Intersects(services, mine);
  };
  Notices n;
  for (const model::MajorIncident& i : org.incidents) {
    if (i.status != "resolved" && concerns(i.services)) n.incidents.push_back(i);
  }
  for (const model::Change& c : org.changes) {
    bool open = c.status == "scheduled" || c.status == "in_progress";
    if (c.outage && open && c.end > now && c.start < now + kOutageHorizon && concerns(c.services)) {
      n.changes.push_back(c);
    }
  }
  for (const Announcement& a : announcements) {
    bool live = !a.withdrawn && a.published <= now && (!a.until || *a.until > now);
    if (live && ForGroups(a, user)) n.announcements.push_back(a);
  }
  std::sort(n.incidents.begin(), n.incidents.end(),
            [](const auto& a, const auto& b) { return a.started < b.started; });
  std::sort(n.changes.begin(), n.changes.end(),
            [](const auto& a, const auto& b) { return a.start < b.start; });
  return n;
}

Json AnnouncementJson(const Announcement& a) {
  return {{"id", a.id},
          {"title", a.title},
          {"message", a.message},
          {"groups", a.groups},
          {"published", FormatTime(a.published)},
          {"until", a.until ? Json(FormatTime(*a.until)) : Json()},
          {"author", a.author},
          {"withdrawn", a.withdrawn}};
}

}  // namespace sa::http
