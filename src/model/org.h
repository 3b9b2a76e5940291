// The organization as configured by an org pack (shared/orgpack/FORMAT.md):
// plain data, no behaviour. Produced by itsm's pack import, stored by store's
// OrgRepo, read by routing, nlu (vocabulary), knowledge and dialogue.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/json.h"

namespace sa::model {

struct BusinessHours {
  std::vector<int> days;   // 0 = Monday .. 6 = Sunday
  int from_minute = 0;     // minutes after local midnight, e.g. 08:00 -> 480
  int to_minute = 0;
};

struct Organization {
  std::string name;
  std::vector<std::string> languages;  // first is the default; never empty after import ("en")
  std::string timezone = "UTC";
  BusinessHours business_hours;
  std::vector<std::string> holidays;   // "YYYY-MM-DD" local dates
};

struct UserGroup {
  std::string id, name, description;
  std::vector<std::string> channels;
  std::vector<std::string> services;
  bool vip = false;
};

struct Team {
  std::string id, name, description;
  bool is_default = false;
  std::vector<std::string> members;            // user ids
  std::vector<std::string> languages;
  std::optional<BusinessHours> business_hours;  // nullopt = inherit the organization's
};

struct Service {
  std::string id, name, description;
  std::vector<std::string> aliases;
  std::string owner_team;
  std::string request_team;  // empty = owner_team
  std::string criticality = "medium";  // low | medium | high | critical
  std::vector<std::string> depends_on;
};

struct ConfigItem {
  std::string id, name, type, owner_team;
  std::vector<std::string> hosts;
};

struct User {
  std::string id, name, email;
  std::vector<std::string> groups;
  std::string language;   // empty = organization default
  std::string manager, location;
  std::string role = "user";  // user | agent | admin
  std::string phone, directory_id;
};

struct Article {
  std::string id, title, language;
  std::map<std::string, std::string> translations;  // language -> article id
  std::vector<std::string> audience;                // group ids, or {"all"}
  std::vector<std::string> services;
  std::vector<std::string> tags;
  std::string body;                                 // Markdown
  std::string status = "published";                 // draft | published | retired
  int version = 1;
  std::string author;                               // user id, or "import"
  TimePoint updated{};
};

struct Change {
  std::string id, title, description;
  std::vector<std::string> services;
  TimePoint start{}, end{};
  bool outage = false;
  std::string status = "scheduled";  // scheduled | in_progress | completed | cancelled
};

struct MajorIncident {
  std::string id, title;
  std::vector<std::string> services;
  TimePoint started{};
  std::string status = "investigating";  // investigating | identified | monitoring | resolved
  std::string message;
};

struct CatalogField {
  std::string name, prompt;
  std::string type = "text";  // text | choice | date | number | email | user | service | yes_no
  std::vector<std::string> options;
  bool required = false;
};

struct CatalogItem {
  std::string id, name;
  std::vector<std::string> aliases;
  std::string team;
  std::string approval = "none";  // none | manager
  std::vector<CatalogField> fields;
};

struct SelfHealing {
  std::string id;
  std::vector<std::string> services;
  std::map<std::string, std::string> trigger;
  std::vector<std::string> command;
  int timeout_s = 60;
};

struct Automations {
  bool password_reset_enabled = false;
  std::vector<std::string> verification;  // email_code | totp
  std::vector<SelfHealing> self_healing;
};

// A whole pack, as imported.
struct OrgPack {
  Organization organization;
  std::vector<UserGroup> user_groups;
  std::vector<Team> teams;
  std::vector<Service> services;
  std::vector<ConfigItem> configuration_items;
  std::vector<User> users;
  std::vector<Article> knowledge;
  std::vector<Change> changes;
  std::vector<MajorIncident> incidents;
  std::vector<CatalogItem> request_catalog;
  Automations automations;
};

// The entity of `items` whose id equals `id` ignoring case (pack ids are
// case-insensitive), or nullptr; nullptr for an empty id.
template <typename T>
const T* FindById(const std::vector<T>& items, std::string_view id) {
  if (id.empty()) return nullptr;
  for (const T& item : items) {
    if (SameId(item.id, id)) return &item;
  }
  return nullptr;
}

}  // namespace sa::model
