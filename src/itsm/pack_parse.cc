// ParsePack: reads an organization pack (shared/orgpack/FORMAT.md) with
// yaml-cpp and validates it whole, collecting every error with its path.
//
// Two passes: the first reads every entry (keeping list indexes aligned with
// the YAML even for broken entries, so paths stay right) and indexes ids; the
// second resolves references and rewrites them to the spelling of the id they
// name (ids compare ignoring case).
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "itsm/pack.h"

namespace sa::itsm {
namespace {

constexpr std::string_view kFormat = "smartassist-orgpack/1";
constexpr const char* kDayNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }
std::string Join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}
std::string At(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }
std::string OneOf(std::initializer_list<std::string_view> values) {
  std::string out;
  for (auto v : values) out += (out.empty() ? "" : ", ") + std::string(v);
  return out;
}
bool In(std::string_view v, std::initializer_list<std::string_view> values) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// "en", "zh", "pt-BR", "zh-Hans".
bool IsLanguageCode(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && s[i] >= 'a' && s[i] <= 'z') ++i;
  if (i < 2 || i > 3) return false;
  while (i < s.size()) {
    if (s[i] != '-') return false;
    size_t start = ++i;
    while (i < s.size() && std::isalnum(static_cast<unsigned char>(s[i]))) ++i;
    if (i - start < 2 || i - start > 8) return false;
  }
  return true;
}

// "HH:MM" -> minutes after midnight; "24:00" only when allow_24.
std::optional<int> ParseClock(std::string_view s, bool allow_24) {
  if (s.size() != 5 || !IsDigit(s[0]) || !IsDigit(s[1]) || s[2] != ':' || !IsDigit(s[3]) ||
      !IsDigit(s[4])) {
    return std::nullopt;
  }
  int h = (s[0] - '0') * 10 + (s[1] - '0');
  int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && (m != 0 || !allow_24))) return std::nullopt;
  return h * 60 + m;
}

bool IsCalendarDate(std::string_view s) {
  if (!ParseDate(s).ok()) return false;
  int y = std::stoi(std::string(s.substr(0, 4)));
  int m = std::stoi(std::string(s.substr(5, 2)));
  int d = std::stoi(std::string(s.substr(8, 2)));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

bool IsEmail(std::string_view s) {
  auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= s.size()) return false;
  if (s.find('@', at + 1) != std::string_view::npos) return false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == ',' || c == ';') return false;
  }
  return s.find('.', at) != std::string_view::npos;
}

// Folded id -> the id as spelled in the pack, plus where it was declared.
struct IdIndex {
  std::string what;  // "team", "user"...
  std::map<std::string, std::string> ids;
  bool broken = false;  // the list itself was malformed: references to it prove nothing
  const std::string* Find(std::string_view id) const {
    auto it = ids.find(FoldId(id));
    return it == ids.end() ? nullptr : &it->second;
  }
};

class PackParser {
 public:
  explicit PackParser(std::vector<std::string>* errors) : errors_(*errors) {}

  model::OrgPack Parse(const YAML::Node& root) {
    model::OrgPack pack;
    if (!root.IsMap()) {
      Error("", "expected a mapping with format, organization and teams");
      return pack;
    }
    CheckKeys(root, "",
              {"format", "organization", "user_groups", "teams", "services", "configuration_items",
               "users", "knowledge", "changes", "incidents", "request_catalog", "automations"});
    auto format = Str(root, "format", "", true);
    if (format && *format != kFormat) {
      Error("format", "expected " + Quote(kFormat) + ", got " + Quote(*format));
    }
    if (Node(root, "organization", "", true, YAML::NodeType::Map)) {
      pack.organization = ReadOrganization(root["organization"], "organization");
    }
    if (org_languages_.empty()) org_languages_ = {"en"};
    auto list = [&](const char* key, auto& out, auto read, IdIndex* index, bool required) {
      if (!Node(root, key, "", required, YAML::NodeType::Sequence)) {
        if (root[key].IsDefined() && !root[key].IsNull()) index->broken = true;
        return;
      }
      const YAML::Node seq = root[key];
      if (required && seq.size() == 0) Error(key, "must not be empty");
      for (size_t i = 0; i < seq.size(); ++i) {
        std::string path = At(key, i);
        out.push_back(IsMap(seq[i], path) ? (this->*read)(seq[i], path)
                                          : typename std::decay_t<decltype(out)>::value_type{});
        if (index) Declare(*index, out.back().id, Join(path, "id"));
      }
    };
    list("user_groups", pack.user_groups, &PackParser::ReadGroup, &groups_, false);
    list("teams", pack.teams, &PackParser::ReadTeam, &teams_, true);
    list("services", pack.services, &PackParser::ReadService, &services_, false);
    list("configuration_items", pack.configuration_items, &PackParser::ReadConfigItem, &cis_,
         false);
    list("users", pack.users, &PackParser::ReadUser, &users_, false);
    list("knowledge", pack.knowledge, &PackParser::ReadArticle, &articles_, false);
    list("changes", pack.changes, &PackParser::ReadChange, &changes_, false);
    list("incidents", pack.incidents, &PackParser::ReadIncident, &incidents_, false);
    list("request_catalog", pack.request_catalog, &PackParser::ReadCatalogItem, &catalog_, false);
    if (Node(root, "automations", "", false, YAML::NodeType::Map)) {
      pack.automations = ReadAutomations(root["automations"], "automations");
    }
    if (pack.organization.languages.empty()) pack.organization.languages = {"en"};
    Resolve(pack);
    return pack;
  }

 private:
  void Error(const std::string& path, const std::string& message) {
    errors_.push_back(path.empty() ? message : path + ": " + message);
  }

  // ---- generic readers --------------------------------------------------

  static const char* TypeName(YAML::NodeType::value type) {
    switch (type) {
      case YAML::NodeType::Map:
        return "a mapping";
      case YAML::NodeType::Sequence:
        return "a list";
      default:
        return "a string";
    }
  }

  bool IsMap(const YAML::Node& node, const std::string& path) {
    if (node.IsMap()) return true;
    Error(path, "expected a mapping");
    return false;
  }

  // True when map[key] exists, is not null and has `type`; reports a missing
  // required key or a wrong type.
  bool Node(const YAML::Node& map, std::string_view key, const std::string& path, bool required,
            YAML::NodeType::value type) {
    const YAML::Node node = map[std::string(key)];
    if (!node.IsDefined() || node.IsNull()) {
      if (required) Error(Join(path, key), "required");
      return false;
    }
    if (node.Type() != type) {
      Error(Join(path, key), std::string("expected ") + TypeName(type));
      return false;
    }
    return true;
  }

  void CheckKeys(const YAML::Node& map, const std::string& path,
                 std::initializer_list<std::string_view> allowed) {
    std::set<std::string> seen;
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (!it->first.IsScalar()) {
        Error(path, "keys must be strings");
        continue;
      }
      const std::string& key = it->first.Scalar();
      if (!seen.insert(key).second) {
        Error(Join(path, key), "duplicate key");
      } else if (!In(key, allowed)) {
        Error(Join(path, key), "unknown key");
      }
    }
  }

  std::optional<std::string> Str(const YAML::Node& map, std::string_view key,
                                 const std::string& path, bool required) {
    if (!Node(map, key, path, required, YAML::NodeType::Scalar)) return std::nullopt;
    std::string value = map[std::string(key)].Scalar();
    if (value.empty()) {
      if (required) Error(Join(path, key), "must not be empty");
      return std::nullopt;
    }
    return value;
  }

  std::string StrOr(const YAML::Node& map, std::string_view key, const std::string& path,
                    std::string fallback) {
    auto v = Str(map, key, path, false);
    return v ? *v : fallback;
  }

  std::string Required(const YAML::Node& map, std::string_view key, const std::string& path) {
    auto v = Str(map, key, path, true);
    return v ? *v : std::string();
  }

  // A list of strings; wrong items are reported and kept as "" so indexes match.
  std::vector<std::string> StrList(const YAML::Node& map, std::string_view key,
                                   const std::string& path) {
    std::vector<std::string> out;
    if (!Node(map, key, path, false, YAML::NodeType::Sequence)) return out;
    const YAML::Node seq = map[std::string(key)];
    for (size_t i = 0; i < seq.size(); ++i) {
      if (seq[i].IsScalar()) {
        out.push_back(seq[i].Scalar());
        if (out.back().empty()) Error(At(Join(path, key), i), "must not be empty");
      } else {
        Error(At(Join(path, key), i), "expected a string");
        out.emplace_back();
      }
    }
    return out;
  }

  std::map<std::string, std::string> StrMap(const YAML::Node& map, std::string_view key,
                                            const std::string& path) {
    std::map<std::string, std::string> out;
    if (!Node(map, key, path, false, YAML::NodeType::Map)) return out;
    const YAML::Node m = map[std::string(key)];
    std::set<std::string> seen;
    for (auto it = m.begin(); it != m.end(); ++it) {
      if (!it->first.IsScalar()) {
        Error(Join(path, key), "keys must be strings");
        continue;
      }
      std::string sub = Join(Join(path, key), it->first.Scalar());
      if (!seen.insert(it->first.Scalar()).second) {
        Error(sub, "duplicate key");
      } else if (!it->second.IsScalar() || it->second.Scalar().empty()) {
        Error(sub, "expected a string");
      } else {
        out[it->first.Scalar()] = it->second.Scalar();
      }
    }
    return out;
  }

  bool Bool(const YAML::Node& map, std::string_view key, const std::string& path, bool fallback) {
    if (!Node(map, key, path, false, YAML::NodeType::Scalar)) return fallback;
    const std::string& v = map[std::string(key)].Scalar();
    if (v == "true" || v == "True" || v == "TRUE" || v == "yes" || v == "on") return true;
    if (v == "false" || v == "False" || v == "FALSE" || v == "no" || v == "off") return false;
    Error(Join(path, key), "expected true or false, got " + Quote(v));
    return fallback;
  }

  int Int(const YAML::Node& map, std::string_view key, const std::string& path, int fallback,
          int min, int max) {
    if (!Node(map, key, path, false, YAML::NodeType::Scalar)) return fallback;
    const std::string& v = map[std::string(key)].Scalar();
    bool digits = !v.empty() && v.size() <= 9 && std::all_of(v.begin(), v.end(), IsDigit);
    int n = digits ? std::stoi(v) : -1;
    if (!digits || n < min || n > max) {
      Error(Join(path, key), "expected an integer from " + std::to_string(min) + " to " +
                                 std::to_string(max) + ", got " + Quote(v));
      return fallback;
    }
    return n;
  }

  std::string Enum(const YAML::Node& map, std::string_view key, const std::string& path,
                   std::initializer_list<std::string_view> values) {
    auto v = Str(map, key, path, false);
    if (!v) return std::string(*values.begin());
    if (!In(*v, values)) {
      Error(Join(path, key), Quote(*v) + " is not one of " + OneOf(values));
      return std::string(*values.begin());
    }
    return *v;
  }

  std::vector<std::string> EnumList(const YAML::Node& map, std::string_view key,
                                    const std::string& path,
                                    std::initializer_list<std::string_view> values) {
    auto list = StrList(map, key, path);
    for (size_t i = 0; i < list.size(); ++i) {
      if (!list[i].empty() && !In(list[i], values)) {
        Error(At(Join(path, key), i), Quote(list[i]) + " is not one of " + OneOf(values));
      }
    }
    return list;
  }

  TimePoint Time(const YAML::Node& map, std::string_view key, const std::string& path, bool* ok) {
    *ok = false;
    auto v = Str(map, key, path, true);
    if (!v) return {};
    auto t = ParseTime(*v);
    if (!t.ok()) {
      Error(Join(path, key), t.status().message());
      return {};
    }
    *ok = true;
    return *t;
  }

  std::vector<std::string> Languages(const YAML::Node& map, const std::string& path) {
    auto langs = StrList(map, "languages", path);
    std::set<std::string> seen;
    for (size_t i = 0; i < langs.size(); ++i) {
      if (langs[i].empty()) continue;
      if (!IsLanguageCode(langs[i])) {
        Error(At(Join(path, "languages"), i),
              "invalid language code " + Quote(langs[i]) + " (e.g. en, ru, zh, pt-BR)");
      } else if (!seen.insert(langs[i]).second) {
        Error(At(Join(path, "languages"), i), "duplicate language " + Quote(langs[i]));
      }
    }
    return langs;
  }

  // Reads `id` (required, id pattern); uniqueness is checked by Declare.
  std::string Id(const YAML::Node& map, const std::string& path) {
    auto id = Str(map, "id", path, true);
    if (!id) return {};
    if (!IsValidId(*id)) {
      Error(Join(path, "id"), "invalid id " + Quote(*id) +
                                  " (letters, digits, '.', '_', '-'; starts with a letter or "
                                  "digit; at most 64 characters)");
      return {};
    }
    return *id;
  }

  void Declare(IdIndex& index, const std::string& id, const std::string& path) {
    if (id.empty()) return;
    if (!index.ids.emplace(FoldId(id), id).second) Error(path, "duplicate id " + Quote(id));
  }

  // ---- sections ----------------------------------------------------------

  std::optional<model::BusinessHours> ReadHours(const YAML::Node& map, const std::string& path) {
    CheckKeys(map, path, {"days", "from", "to"});
    model::BusinessHours hours;
    bool ok = true;
    if (!map["days"].IsDefined() || map["days"].IsNull()) {
      Error(Join(path, "days"), "required");
      ok = false;
    }
    auto days = StrList(map, "days", path);
    for (size_t i = 0; i < days.size(); ++i) {
      auto it = std::find(std::begin(kDayNames), std::end(kDayNames), days[i]);
      if (days[i].empty()) {
        ok = false;
      } else if (it == std::end(kDayNames)) {
        Error(At(Join(path, "days"), i),
              Quote(days[i]) + " is not one of mon, tue, wed, thu, fri, sat, sun");
        ok = false;
      } else {
        int day = static_cast<int>(it - std::begin(kDayNames));
        if (std::find(hours.days.begin(), hours.days.end(), day) != hours.days.end()) {
          Error(At(Join(path, "days"), i), "duplicate day " + Quote(days[i]));
        } else {
          hours.days.push_back(day);
        }
      }
    }
    std::sort(hours.days.begin(), hours.days.end());
    auto clock = [&](const char* key, bool allow_24) -> std::optional<int> {
      auto v = Str(map, key, path, true);
      if (!v) return std::nullopt;
      auto minutes = ParseClock(*v, allow_24);
      if (!minutes) Error(Join(path, key), "expected a time \"HH:MM\", got " + Quote(*v));
      return minutes;
    };
    auto from = clock("from", false);
    auto to = clock("to", true);
    if (from && to && *from >= *to) {
      Error(Join(path, "to"), "must be after from (" + map["from"].Scalar() + ")");
      ok = false;
    }
    if (!from || !to || !ok) return std::nullopt;
    hours.from_minute = *from;
    hours.to_minute = *to;
    return hours;
  }

  model::Organization ReadOrganization(const YAML::Node& map, const std::string& path) {
    CheckKeys(map, path, {"name", "languages", "timezone", "business_hours", "holidays"});
    model::Organization org;
    org.name = Required(map, "name", path);
    org.languages = Languages(map, path);
    org.languages.erase(std::remove(org.languages.begin(), org.languages.end(), ""),
                        org.languages.end());
    if (org.languages.empty()) org.languages = {"en"};
    org_languages_ = org.languages;
    org.timezone = StrOr(map, "timezone", path, "UTC");
    if (!IsValidTimeZone(org.timezone)) {
      Error(Join(path, "timezone"), "unknown time zone " + Quote(org.timezone) +
                                        " (expected an IANA zone like Europe/Paris)");
    }
    org.business_hours = model::BusinessHours{{0, 1, 2, 3, 4}, 9 * 60, 17 * 60};
    if (Node(map, "business_hours", path, false, YAML::NodeType::Map)) {
      if (auto hours = ReadHours(map["business_hours"], Join(path, "business_hours"))) {
        org.business_hours = *hours;
      }
    }
    org.holidays = StrList(map, "holidays", path);
    for (size_t i = 0; i < org.holidays.size(); ++i) {
      if (!org.holidays[i].empty() && !IsCalendarDate(org.holidays[i])) {
        Error(At(Join(path, "holidays"), i),
              "expected a date YYYY-MM-DD, got " + Quote(org.holidays[i]));
      }
    }
    return org;
  }

  model::UserGroup ReadGroup(const YAML::Node& map, const std::string& path) {
    CheckKeys(map, path, {"id", "name", "description", "channels", "services", "vip"});
    model::UserGroup g;
    g.id = Id(map, path);
    g.name = Required(map, "name", path);
    g.description = StrOr(map, "description", path, "");
    g.channels =
        EnumList(map, "channels", path, {"web", "email", "slack", "teams", "api", "terminal"});
    g.services = StrList(map, "services", path);
    g.vip = Bool(map, "vip", path, false);
    return g;
  }

  model::Team ReadTeam(const YAML::Node& map, const std::string& path) {
    CheckKeys(map, path,
              {"id", "name", "description", "default", "members", "languages", "business_hours"});
    model::Team t;
    t.id = Id(map, path);
    t.name = Required(map, "name", path);
    t.description = StrOr(map, "description", path, "");
    t.is_default = Bool(map, "default", path, false);
    t.members = StrList(map, "members", path);
    t.languages = Languages(map, path);
    const YAML::Node hours = map["business_hours"];
    std::string hours_path = Join(path, "business_hours");
    if (!hours.IsDefined() || hours.IsNull()) {
      // inherit
    } else if (hours.IsScalar()) {
      if (hours.Scalar() != "inherit") {
        Error(hours_path, "expected \"inherit\" or a mapping with days, from and to");
      }
    } else if (hours.IsMap()) {
      t.business_hours = ReadHours(hours, hours_path);
    } else {
      Error(hours_path, "expected \"inherit\" or a mapping with days, from and to");
    }
    return t;
  }

  model::Service ReadService(const YAML::Node& map, const std::string& path) {
    CheckKeys(map, path,
              {"id", "name", "aliases", "description", "owner_team", "request_team", "criticality",
               "depends_on"});
    model::Service s;
    s.id = Id(map, path);
    s.name = Required(map, "name", path);
    s.aliases = StrList(map, "aliases", path);
    s.description = StrOr(map, "description", path, "");
    s.owner_team = StrOr(map, "owner_team", path, "");
    s.request_team = StrOr(map, "request_team", path, "");
    s.criticality = Enum(map, "criticality", path, {"medium", "low", "high", "critical"});
    s.depends_on = StrList(map, "depends_on", path);
    return s;
  }

  model::ConfigItem ReadConfigItem(const YAML::Node& map, const std::string& path) {
    CheckKeys(map, path, {"id", "name", "type", "owner_team", "hosts"});
    model::ConfigItem ci;
    ci.id = Id(map, path);
    ci.name = StrOr(map, "name", path, ci.id);
    ci.type = StrOr(map, "type", path, "");
    ci.owner_team = StrOr(map, "owner_team", path, "");
    ci.hosts = StrList(map, "hosts", path);
    return ci;
  }

  model::User ReadUser(const YAML::Node& map, const std::string& path) {
    CheckKeys(map, path,
              {"id", "name", "email", "groups", "language", "manager", "location", "role", "phone",
               "directory_id"});
    model::User u;
    u.id = Id(map, path);
    u.name = StrOr(map, "name", path, u.id);
    u.email = StrOr(map, "email", path, "");
    if (!u.email.empty() && !IsEmail(u.email)) {
      Error(Join(path, "email"), "invalid email address " + Quote(u.email));
    } else if (!u.email.empty() && !emails_.emplace(FoldId(u.email), path).second) {
      Error(Join(path, "email"),
            "duplicate email " + Quote(u.email) + " (also " + emails_[FoldId(u.email)] + ")");
    }
    u.groups = StrList(map, "groups", path);
    u.language = StrOr(map, "language", path, "");
    if (!u.language.empty() && !IsLanguageCode(u.language)) {
      Error(Join(path, "language"), "invalid language code " + Quote(u.language));
    }
    u.manager = StrOr(map, "manager", path, "");
    u.location = StrOr(map, "location", path, "");
    u.role = Enum(map, "role", path, {"user", "agent", "admin"});
    u.phone = StrOr(map, "phone", path, "");
    u.directory_id = StrOr(map, "directory_id", path, "");
    return u;
  }

  model::Article ReadArticle(const YAML::Node& map, const std::string& path) {
    CheckKeys(map, path,
              {"id", "title", "language", "translations", "audience", "services", "tags", "body"});
    model::Article a;
    a.id = Id(map, path);
    a.title = Required(map, "title", path);
    a.language = StrOr(map, "language", path, org_languages_.empty() ? "en" : org_languages_[0]);
    if (std::find(org_languages_.begin(), org_languages_.end(), a.language) ==
        org_languages_.end()) {
      Error(Join(path, "language"),
            Quote(a.language) + " is not one of the organization's languages");
    }
    a.translations = StrMap(map, "translations", path);
    if (map["audience"].IsDefined() && !map["audience"].IsNull()) {
      a.audience = StrList(map, "audience", path);
    } else {
      a.audience = {"all"};
    }
    a.services = StrList(map, "services", path);
    a.tags = StrList(map, "tags", path);
    a.body = Required(map, "body", path);
    a.author = "import";
    return a;
  }

  model::Change ReadChange(const YAML::Node& map, const std::string& path) {
    CheckKeys(map, path,
              {"id", "title", "description", "services", "start", "end", "outage", "status"});
    model::Change c;
    c.id = Id(map, path);
    c.title = Required(map, "title", path);
    c.description = StrOr(map, "description", path, "");
    c.services = StrList(map, "services", path);
    bool start_ok = false, end_ok = false;
    c.start = Time(map, "start", path, &start_ok);
    c.end = Time(map, "end", path, &end_ok);
    if (start_ok && end_ok && c.end <= c.start) {
      Error(Join(path, "end"), "must be after start (" + map["start"].Scalar() + ")");
    }
    c.outage = Bool(map, "outage", path, false);
    c.status = Enum(map, "status", path, {"scheduled", "in_progress", "completed", "cancelled"});
    return c;
  }

  model::MajorIncident ReadIncident(const YAML::Node& map, const std::string& path) {
    CheckKeys(map, path, {"id", "title", "services", "started", "status", "message"});
    model::MajorIncident m;
    m.id = Id(map, path);
    m.title = Required(map, "title", path);
    m.services = StrList(map, "services", path);
    bool ok = false;
    m.started = Time(map, "started", path, &ok);
    m.status = Enum(map, "status", path, {"investigating", "identified", "monitoring", "resolved"});
    m.message = StrOr(map, "message", path, "");
    return m;
  }

  model::CatalogField ReadField(const YAML::Node& map, const std::string& path) {
    CheckKeys(map, path, {"name", "prompt", "type", "options", "required"});
    model::CatalogField f;
    f.name = Required(map, "name", path);
    if (!f.name.empty() && !IsValidId(f.name)) {
      Error(Join(path, "name"),
            "invalid field name " + Quote(f.name) + " (letters, digits, '.', '_', '-')");
    }
    f.prompt = Required(map, "prompt", path);
    f.type = Enum(map, "type", path,
                  {"text", "choice", "date", "number", "email", "user", "service", "yes_no"});
    f.options = StrList(map, "options", path);
    if (f.type == "choice" && f.options.empty()) {
      Error(Join(path, "options"), "a choice field needs options");
    }
    f.required = Bool(map, "required", path, false);
    return f;
  }

  model::CatalogItem ReadCatalogItem(const YAML::Node& map, const std::string& path) {
    CheckKeys(map, path, {"id", "name", "aliases", "team", "approval", "fields"});
    model::CatalogItem item;
    item.id = Id(map, path);
    item.name = Required(map, "name", path);
    item.aliases = StrList(map, "aliases", path);
    item.team = StrOr(map, "team", path, "");
    item.approval = Enum(map, "approval", path, {"none", "manager"});
    if (Node(map, "fields", path, false, YAML::NodeType::Sequence)) {
      const YAML::Node fields = map["fields"];
      std::set<std::string> names;
      for (size_t i = 0; i < fields.size(); ++i) {
        std::string field_path = At(Join(path, "fields"), i);
        if (!IsMap(fields[i], field_path)) continue;
        item.fields.push_back(ReadField(fields[i], field_path));
        const std::string& name = item.fields.back().name;
        if (!name.empty() && !names.insert(FoldId(name)).second) {
          Error(Join(field_path, "name"), "duplicate field " + Quote(name));
        }
      }
    }
    return item;
  }

  model::SelfHealing ReadRunbook(const YAML::Node& map, const std::string& path) {
    CheckKeys(map, path, {"id", "services", "trigger", "command", "timeout_s"});
    model::SelfHealing r;
    r.id = Id(map, path);
    r.services = StrList(map, "services", path);
    r.trigger = StrMap(map, "trigger", path);
    if (!map["command"].IsDefined() || map["command"].IsNull()) {
      Error(Join(path, "command"), "required");
    } else {
      r.command = StrList(map, "command", path);
      if (map["command"].IsSequence() && r.command.empty()) {
        Error(Join(path, "command"), "must not be empty");
      }
    }
    r.timeout_s = Int(map, "timeout_s", path, 60, 1, 86400);
    return r;
  }

  model::Automations ReadAutomations(const YAML::Node& map, const std::string& path) {
    CheckKeys(map, path, {"password_reset", "self_healing"});
    model::Automations a;
    if (Node(map, "password_reset", path, false, YAML::NodeType::Map)) {
      const YAML::Node reset = map["password_reset"];
      std::string reset_path = Join(path, "password_reset");
      CheckKeys(reset, reset_path, {"enabled", "verification"});
      a.password_reset_enabled = Bool(reset, "enabled", reset_path, false);
      a.verification = EnumList(reset, "verification", reset_path, {"email_code", "totp"});
      if (a.password_reset_enabled && a.verification.empty()) {
        Error(Join(reset_path, "verification"),
              "password reset needs at least one verification method");
      }
    }
    if (Node(map, "self_healing", path, false, YAML::NodeType::Sequence)) {
      const YAML::Node seq = map["self_healing"];
      for (size_t i = 0; i < seq.size(); ++i) {
        std::string item_path = At(Join(path, "self_healing"), i);
        a.self_healing.push_back(IsMap(seq[i], item_path) ? ReadRunbook(seq[i], item_path)
                                                          : model::SelfHealing{});
        Declare(runbooks_, a.self_healing.back().id, Join(item_path, "id"));
      }
    }
    return a;
  }

  // ---- references ----------------------------------------------------------

  // Rewrites `value` to the declared spelling, or reports it unknown.
  void Ref(std::string& value, const std::string& path, const IdIndex& index) {
    if (value.empty()) return;
    if (const std::string* id = index.Find(value)) {
      value = *id;
    } else if (!index.broken) {
      Error(path, "unknown " + index.what + " " + Quote(value));
    }
  }
  void Refs(std::vector<std::string>& values, const std::string& path, const IdIndex& index) {
    for (size_t i = 0; i < values.size(); ++i) Ref(values[i], At(path, i), index);
  }
  // A service or a configuration item.
  void ServiceOrCiRefs(std::vector<std::string>& values, const std::string& path) {
    for (size_t i = 0; i < values.size(); ++i) {
      if (values[i].empty()) continue;
      if (const std::string* id = services_.Find(values[i])) {
        values[i] = *id;
      } else if (const std::string* ci = cis_.Find(values[i])) {
        values[i] = *ci;
      } else {
        Error(At(path, i), "unknown service or configuration item " + Quote(values[i]));
      }
    }
  }

  void Resolve(model::OrgPack& pack) {
    for (size_t i = 0; i < pack.user_groups.size(); ++i) {
      Refs(pack.user_groups[i].services, Join(At("user_groups", i), "services"), services_);
    }
    std::string default_team;
    for (size_t i = 0; i < pack.teams.size(); ++i) {
      model::Team& t = pack.teams[i];
      std::string path = At("teams", i);
      Refs(t.members, Join(path, "members"), users_);
      if (!t.is_default) continue;
      if (default_team.empty()) {
        default_team = t.id.empty() ? "?" : t.id;
      } else {
        Error(Join(path, "default"),
              "only one team may be the default (" + Quote(default_team) + " already is)");
      }
    }
    if (!pack.teams.empty() && default_team.empty()) {
      Error("teams", "no default team: exactly one team needs default: true");
    }
    if (default_team == "?") default_team.clear();
    for (size_t i = 0; i < pack.services.size(); ++i) {
      model::Service& s = pack.services[i];
      std::string path = At("services", i);
      Ref(s.owner_team, Join(path, "owner_team"), teams_);
      Ref(s.request_team, Join(path, "request_team"), teams_);
      ServiceOrCiRefs(s.depends_on, Join(path, "depends_on"));
      for (size_t d = 0; d < s.depends_on.size(); ++d) {
        if (!s.id.empty() && SameId(s.depends_on[d], s.id)) {
          Error(At(Join(path, "depends_on"), d), "a service cannot depend on itself");
        }
      }
      if (s.owner_team.empty()) s.owner_team = default_team;
    }
    for (size_t i = 0; i < pack.configuration_items.size(); ++i) {
      Ref(pack.configuration_items[i].owner_team, Join(At("configuration_items", i), "owner_team"),
          teams_);
    }
    for (size_t i = 0; i < pack.users.size(); ++i) {
      model::User& u = pack.users[i];
      std::string path = At("users", i);
      Refs(u.groups, Join(path, "groups"), groups_);
      Ref(u.manager, Join(path, "manager"), users_);
      if (!u.manager.empty() && !u.id.empty() && SameId(u.manager, u.id)) {
        Error(Join(path, "manager"), "a user cannot be their own manager");
      }
    }
    for (size_t i = 0; i < pack.knowledge.size(); ++i) ResolveArticle(pack, i);
    for (size_t i = 0; i < pack.changes.size(); ++i) {
      Refs(pack.changes[i].services, Join(At("changes", i), "services"), services_);
    }
    for (size_t i = 0; i < pack.incidents.size(); ++i) {
      Refs(pack.incidents[i].services, Join(At("incidents", i), "services"), services_);
    }
    for (size_t i = 0; i < pack.request_catalog.size(); ++i) {
      model::CatalogItem& item = pack.request_catalog[i];
      Ref(item.team, Join(At("request_catalog", i), "team"), teams_);
      if (item.team.empty()) item.team = default_team;
    }
    for (size_t i = 0; i < pack.automations.self_healing.size(); ++i) {
      Refs(pack.automations.self_healing[i].services,
           Join(At("automations.self_healing", i), "services"), services_);
    }
  }

  void ResolveArticle(model::OrgPack& pack, size_t i) {
    model::Article& a = pack.knowledge[i];
    std::string path = At("knowledge", i);
    for (size_t g = 0; g < a.audience.size(); ++g) {
      if (a.audience[g] == "all" || a.audience[g].empty()) continue;
      Ref(a.audience[g], At(Join(path, "audience"), g), groups_);
    }
    Refs(a.services, Join(path, "services"), services_);
    std::map<std::string, std::string> translations;
    for (auto [language, id] : a.translations) {
      std::string sub = Join(Join(path, "translations"), language);
      if (std::find(org_languages_.begin(), org_languages_.end(), language) ==
          org_languages_.end()) {
        Error(sub, Quote(language) + " is not one of the organization's languages");
      }
      const std::string* target = articles_.Find(id);
      if (!target) {
        Error(sub, "unknown article " + Quote(id));
      } else if (SameId(*target, a.id)) {
        Error(sub, "an article cannot be its own translation");
      } else {
        auto other = std::find_if(pack.knowledge.begin(), pack.knowledge.end(),
                                  [&](const model::Article& x) { return x.id == *target; });
        if (other != pack.knowledge.end() && other->language != language) {
          Error(sub, "article " + Quote(*target) + " is in " + Quote(other->language) + ", not " +
                         Quote(language));
        }
        id = *target;
      }
      translations[language] = id;
    }
    a.translations = std::move(translations);
  }

  std::vector<std::string>& errors_;
  std::vector<std::string> org_languages_;
  IdIndex groups_{"user group", {}}, teams_{"team", {}}, services_{"service", {}},
      cis_{"configuration item", {}}, users_{"user", {}}, articles_{"article", {}},
      changes_{"change", {}}, incidents_{"incident", {}}, catalog_{"catalog item", {}},
      runbooks_{"runbook", {}};
  std::map<std::string, std::string> emails_;  // folded email -> path of its user
};

}  // namespace

Result<model::OrgPack> ParsePack(std::string_view yaml_text, std::vector<std::string>* errors) {
  std::vector<std::string> local;
  if (errors == nullptr) errors = &local;
  errors->clear();
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::ParserException& e) {
    errors->push_back("line " + std::to_string(e.mark.line + 1) + ", column " +
                      std::to_string(e.mark.column + 1) + ": YAML syntax error: " + e.msg);
    return InvalidArgument(errors->front());
  } catch (const YAML::Exception& e) {
    errors->push_back(std::string("YAML error: ") + e.what());
    return InvalidArgument(errors->front());
  }
  model::OrgPack pack;
  try {
    pack = PackParser(errors).Parse(root);
  } catch (const YAML::Exception& e) {  // a reader bug must not crash the server
    errors->push_back(std::string("YAML error: ") + e.what());
  }
  if (!errors->empty()) {
    std::string message = std::to_string(errors->size()) + " error" +
                          (errors->size() == 1 ? "" : "s") + " in the pack: " + errors->front();
    if (errors->size() > 1) message += " (and more)";
    return InvalidArgument(message);
  }
  return pack;
}

}  // namespace sa::itsm
