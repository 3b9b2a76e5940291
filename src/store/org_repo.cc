#include "core/ids.h"
#include "store/repos.h"
#include "store/rows.h"

namespace sa::store {
namespace {

Json OrganizationToJson(const model::Organization& o) {
  return Json{{"name", o.name},
              {"languages", o.languages},
              {"timezone", o.timezone},
              {"business_hours", BusinessHoursToJson(o.business_hours)},
              {"holidays", o.holidays}};
}

std::vector<std::string> StringsOf(const Json& json, const char* key) {
  std::vector<std::string> out;
  if (!json.is_object()) return out;
  auto it = json.find(key);
  if (it == json.end() || !it->is_array()) return out;
  for (const auto& item : *it) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

model::Organization OrganizationFromJson(const Json& json) {
  model::Organization o;
  if (!json.is_object()) return o;
  o.name = json.value("name", "");
  o.languages = StringsOf(json, "languages");
  o.timezone = json.value("timezone", "UTC");
  if (auto it = json.find("business_hours"); it != json.end()) {
    o.business_hours = BusinessHoursFromJson(*it);
  }
  o.holidays = StringsOf(json, "holidays");
  return o;
}

Json AutomationsToJson(const model::Automations& a) {
  Json healing = Json::array();
  for (const auto& h : a.self_healing) {
    healing.push_back(Json{{"id", h.id},
                           {"services", h.services},
                           {"trigger", h.trigger},
                           {"command", h.command},
                           {"timeout_s", h.timeout_s}});
  }
  return Json{{"password_reset_enabled", a.password_reset_enabled},
              {"verification", a.verification},
              {"self_healing", healing}};
}

model::Automations AutomationsFromJson(const Json& json) {
  model::Automations a;
  if (!json.is_object()) return a;
  a.password_reset_enabled = json.value("password_reset_enabled", false);
  a.verification = StringsOf(json, "verification");
  if (auto it = json.find("self_healing"); it != json.end() && it->is_array()) {
    for (const auto& h : *it) {
      if (!h.is_object()) continue;
      model::SelfHealing s;
      s.id = h.value("id", "");
      s.services = StringsOf(h, "services");
      if (auto t = h.find("trigger"); t != h.end() && t->is_object()) {
        for (const auto& [k, v] : t->items()) {
          if (v.is_string()) s.trigger[k] = v.get<std::string>();
        }
      }
      s.command = StringsOf(h, "command");
      s.timeout_s = h.value("timeout_s", 60);
      a.self_healing.push_back(std::move(s));
    }
  }
  return a;
}

std::string CatalogFieldsText(const std::vector<model::CatalogField>& fields) {
  Json out = Json::array();
  for (const auto& f : fields) {
    out.push_back(Json{{"name", f.name},
                       {"prompt", f.prompt},
                       {"type", f.type},
                       {"options", f.options},
                       {"required", f.required}});
  }
  return out.dump();
}

std::vector<model::CatalogField> ParseCatalogFields(std::string_view text) {
  std::vector<model::CatalogField> out;
  Json json = ParseStoredJson(text);
  if (!json.is_array()) return out;
  for (const auto& f : json) {
    if (!f.is_object()) continue;
    model::CatalogField field;
    field.name = f.value("name", "");
    field.prompt = f.value("prompt", "");
    field.type = f.value("type", "text");
    field.options = StringsOf(f, "options");
    field.required = f.value("required", false);
    out.push_back(std::move(field));
  }
  return out;
}

constexpr const char* kUserColumns =
    "id, name, email, group_ids, language, manager, location, role, phone, directory_id";

model::User ReadUser(const sql::Row& row) {
  sql::RowReader r(row);
  model::User u;
  u.id = r.Text();
  u.name = r.Text();
  u.email = r.Text();
  u.groups = ParseList(r.Text());
  u.language = r.Text();
  u.manager = r.Text();
  u.location = r.Text();
  u.role = r.Text();
  u.phone = r.Text();
  u.directory_id = r.Text();
  return u;
}

class SqlOrgRepo : public OrgRepo {
 public:
  explicit SqlOrgRepo(sql::Connection& conn) : conn_(conn) {}

  Status UpsertPack(const model::OrgPack& pack) override {
    SA_RETURN_IF_ERROR(PutSetting("organization", OrganizationToJson(pack.organization).dump()));
    SA_RETURN_IF_ERROR(PutSetting("automations", AutomationsToJson(pack.automations).dump()));
    for (const auto& g : pack.user_groups) SA_RETURN_IF_ERROR(PutUserGroup(g));
    for (const auto& t : pack.teams) SA_RETURN_IF_ERROR(PutTeam(t));
    for (const auto& s : pack.services) SA_RETURN_IF_ERROR(PutService(s));
    for (const auto& c : pack.configuration_items) SA_RETURN_IF_ERROR(PutConfigItem(c));
    for (const auto& u : pack.users) SA_RETURN_IF_ERROR(PutUser(u));
    for (const auto& a : pack.knowledge) SA_RETURN_IF_ERROR(SaveArticle(conn_, a));
    for (const auto& c : pack.changes) SA_RETURN_IF_ERROR(PutChange(c));
    for (const auto& i : pack.incidents) SA_RETURN_IF_ERROR(PutIncident(i));
    for (const auto& c : pack.request_catalog) SA_RETURN_IF_ERROR(PutCatalogItem(c));
    return BumpOrgVersion(conn_);
  }

  Result<model::OrgPack> Load() override {
    model::OrgPack pack;
    SA_ASSIGN_OR_RETURN(auto settings, conn_.Query("SELECT name, value FROM settings"));
    for (const auto& row : settings) {
      if (row.Text(0) == "organization") {
        pack.organization = OrganizationFromJson(ParseStoredJson(row.Text(1)));
      } else if (row.Text(0) == "automations") {
        pack.automations = AutomationsFromJson(ParseStoredJson(row.Text(1)));
      }
    }
    SA_RETURN_IF_ERROR(LoadUserGroups(pack));
    SA_RETURN_IF_ERROR(LoadTeams(pack));
    SA_RETURN_IF_ERROR(LoadServices(pack));
    SA_RETURN_IF_ERROR(LoadConfigItems(pack));
    SA_ASSIGN_OR_RETURN(auto users, conn_.Query(std::string("SELECT ") + kUserColumns +
                                                " FROM users ORDER BY id_key"));
    for (const auto& row : users) pack.users.push_back(ReadUser(row));
    SA_ASSIGN_OR_RETURN(auto articles, conn_.Query(std::string("SELECT ") + kArticleColumns +
                                                   " FROM articles ORDER BY id_key"));
    for (const auto& row : articles) pack.knowledge.push_back(ReadArticle(row));
    SA_RETURN_IF_ERROR(LoadChanges(pack));
    SA_RETURN_IF_ERROR(LoadIncidents(pack));
    SA_RETURN_IF_ERROR(LoadCatalog(pack));
    return pack;
  }

  Result<int64_t> Version() override { return OrgVersion(conn_); }
  Status BumpVersion() override { return BumpOrgVersion(conn_); }

  Result<std::optional<model::User>> GetUser(std::string_view id) override {
    SA_ASSIGN_OR_RETURN(auto rows, conn_.Query(std::string("SELECT ") + kUserColumns +
                                                   " FROM users WHERE id_key = $1",
                                               {FoldId(id)}));
    if (rows.empty()) return std::optional<model::User>();
    return std::optional<model::User>(ReadUser(rows[0]));
  }

  Result<std::optional<model::User>> FindUserByEmail(std::string_view email) override {
    SA_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query(std::string("SELECT ") + kUserColumns +
                                        " FROM users WHERE email_key = $1 ORDER BY id_key",
                                    {FoldId(email)}));
    if (rows.empty() || email.empty()) return std::optional<model::User>();
    return std::optional<model::User>(ReadUser(rows[0]));
  }

  Status UpsertTeam(const model::Team& team) override { return Bumped(PutTeam(team)); }
  Status UpsertService(const model::Service& service) override {
    return Bumped(PutService(service));
  }
  Status UpsertUser(const model::User& user) override { return Bumped(PutUser(user)); }
  Status UpsertChange(const model::Change& change) override { return Bumped(PutChange(change)); }
  Status UpsertIncident(const model::MajorIncident& incident) override {
    return Bumped(PutIncident(incident));
  }

 private:
  Status Bumped(Status written) {
    SA_RETURN_IF_ERROR(written);
    return BumpOrgVersion(conn_);
  }

  Status Run(std::string_view sql, const sql::Params& params) {
    return conn_.Exec(sql, params).status();
  }

  Status PutSetting(std::string_view name, const std::string& value) {
    return Run(R"(INSERT INTO settings (name, value) VALUES ($1, $2)
ON CONFLICT (name) DO UPDATE SET value = excluded.value)",
               {name, value});
  }

  Status PutUserGroup(const model::UserGroup& g) {
    return Run(R"(INSERT INTO user_groups (id_key, id, name, description, channels, services, vip)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (id_key) DO UPDATE SET id = excluded.id, name = excluded.name,
  description = excluded.description, channels = excluded.channels,
  services = excluded.services, vip = excluded.vip)",
               {FoldId(g.id), g.id, g.name, g.description, ListText(g.channels),
                ListText(g.services), g.vip});
  }

  Status PutTeam(const model::Team& t) {
    sql::Value hours = t.business_hours ? sql::Value(BusinessHoursToJson(*t.business_hours).dump())
                                        : sql::Value(nullptr);
    return Run(R"(INSERT INTO teams (id_key, id, name, description, is_default, members,
  languages, business_hours)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (id_key) DO UPDATE SET id = excluded.id, name = excluded.name,
  description = excluded.description, is_default = excluded.is_default,
  members = excluded.members, languages = excluded.languages,
  business_hours = excluded.business_hours)",
               {FoldId(t.id), t.id, t.name, t.description, t.is_default, ListText(t.members),
                ListText(t.languages), hours});
  }

  Status PutService(const model::Service& s) {
    return Run(R"(INSERT INTO services (id_key, id, name, description, aliases, owner_team,
  request_team, criticality, depends_on)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (id_key) DO UPDATE SET id = excluded.id, name = excluded.name,
  description = excluded.description, aliases = excluded.aliases,
  owner_team = excluded.owner_team, request_team = excluded.request_team,
  criticality = excluded.criticality, depends_on = excluded.depends_on)",
               {FoldId(s.id), s.id, s.name, s.description, ListText(s.aliases), s.owner_team,
                s.request_team, s.criticality, ListText(s.depends_on)});
  }

  Status PutConfigItem(const model::ConfigItem& c) {
    return Run(R"(INSERT INTO configuration_items (id_key, id, name, type, owner_team, hosts)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (id_key) DO UPDATE SET id = excluded.id, name = excluded.name,
  type = excluded.type, owner_team = excluded.owner_team, hosts = excluded.hosts)",
               {FoldId(c.id), c.id, c.name, c.type, c.owner_team, ListText(c.hosts)});
  }

  Status PutUser(const model::User& u) {
    return Run(R"(INSERT INTO users (id_key, id, name, email, email_key, group_ids, language,
  manager, location, role, phone, directory_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
ON CONFLICT (id_key) DO UPDATE SET id = excluded.id, name = excluded.name,
  email = excluded.email, email_key = excluded.email_key, group_ids = excluded.group_ids,
  language = excluded.language, manager = excluded.manager, location = excluded.location,
  role = excluded.role, phone = excluded.phone, directory_id = excluded.directory_id)",
               {FoldId(u.id), u.id, u.name, u.email, FoldId(u.email), ListText(u.groups),
                u.language, u.manager, u.location, u.role, u.phone, u.directory_id});
  }

  Status PutChange(const model::Change& c) {
    return Run(R"(INSERT INTO changes (id_key, id, title, description, services, start_at,
  end_at, outage, status)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (id_key) DO UPDATE SET id = excluded.id, title = excluded.title,
  description = excluded.description, services = excluded.services,
  start_at = excluded.start_at, end_at = excluded.end_at, outage = excluded.outage,
  status = excluded.status)",
               {FoldId(c.id), c.id, c.title, c.description, ListText(c.services), TimeText(c.start),
                TimeText(c.end), c.outage, c.status});
  }

  Status PutIncident(const model::MajorIncident& i) {
    return Run(R"(INSERT INTO major_incidents (id_key, id, title, services, started, status,
  message)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (id_key) DO UPDATE SET id = excluded.id, title = excluded.title,
  services = excluded.services, started = excluded.started, status = excluded.status,
  message = excluded.message)",
               {FoldId(i.id), i.id, i.title, ListText(i.services), TimeText(i.started), i.status,
                i.message});
  }

  Status PutCatalogItem(const model::CatalogItem& c) {
    return Run(R"(INSERT INTO catalog_items (id_key, id, name, aliases, team, approval, fields)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (id_key) DO UPDATE SET id = excluded.id, name = excluded.name,
  aliases = excluded.aliases, team = excluded.team, approval = excluded.approval,
  fields = excluded.fields)",
               {FoldId(c.id), c.id, c.name, ListText(c.aliases), c.team, c.approval,
                CatalogFieldsText(c.fields)});
  }

  Status LoadUserGroups(model::OrgPack& pack) {
    SA_ASSIGN_OR_RETURN(auto rows, conn_.Query(R"(SELECT id, name, description, channels,
  services, vip FROM user_groups ORDER BY id_key)"));
    for (const auto& row : rows) {
      sql::RowReader r(row);
      model::UserGroup g;
      g.id = r.Text();
      g.name = r.Text();
      g.description = r.Text();
      g.channels = ParseList(r.Text());
      g.services = ParseList(r.Text());
      g.vip = r.Bool();
      pack.user_groups.push_back(std::move(g));
    }
    return Status::Ok();
  }

  Status LoadTeams(model::OrgPack& pack) {
    SA_ASSIGN_OR_RETURN(auto rows, conn_.Query(R"(SELECT id, name, description, is_default,
  members, languages, business_hours FROM teams ORDER BY id_key)"));
    for (const auto& row : rows) {
      sql::RowReader r(row);
      model::Team t;
      t.id = r.Text();
      t.name = r.Text();
      t.description = r.Text();
      t.is_default = r.Bool();
      t.members = ParseList(r.Text());
      t.languages = ParseList(r.Text());
      if (!r.IsNull()) t.business_hours = BusinessHoursFromJson(ParseStoredJson(r.Text()));
      pack.teams.push_back(std::move(t));
    }
    return Status::Ok();
  }

  Status LoadServices(model::OrgPack& pack) {
    SA_ASSIGN_OR_RETURN(auto rows, conn_.Query(R"(SELECT id, name, description, aliases,
  owner_team, request_team, criticality, depends_on FROM services ORDER BY id_key)"));
    for (const auto& row : rows) {
      sql::RowReader r(row);
      model::Service s;
      s.id = r.Text();
      s.name = r.Text();
      s.description = r.Text();
      s.aliases = ParseList(r.Text());
      s.owner_team = r.Text();
      s.request_team = r.Text();
      s.criticality = r.Text();
      s.depends_on = ParseList(r.Text());
      pack.services.push_back(std::move(s));
    }
    return Status::Ok();
  }

  Status LoadConfigItems(model::OrgPack& pack) {
    SA_ASSIGN_OR_RETURN(auto rows, conn_.Query(R"(SELECT id, name, type, owner_team, hosts
FROM configuration_items ORDER BY id_key)"));
    for (const auto& row : rows) {
      sql::RowReader r(row);
      model::ConfigItem c;
      c.id = r.Text();
      c.name = r.Text();
      c.type = r.Text();
      c.owner_team = r.Text();
      c.hosts = ParseList(r.Text());
      pack.configuration_items.push_back(std::move(c));
    }
    return Status::Ok();
  }

  Status LoadChanges(model::OrgPack& pack) {
    SA_ASSIGN_OR_RETURN(auto rows, conn_.Query(R"(SELECT id, title, description, services,
  start_at, end_at, outage, status FROM changes ORDER BY id_key)"));
    for (const auto& row : rows) {
      sql::RowReader r(row);
      model::Change c;
      c.id = r.Text();
      c.title = r.Text();
      c.description = r.Text();
      c.services = ParseList(r.Text());
      c.start = ParseStoredTime(r.Text());
      c.end = ParseStoredTime(r.Text());
      c.outage = r.Bool();
      c.status = r.Text();
      pack.changes.push_back(std::move(c));
    }
    return Status::Ok();
  }

  Status LoadIncidents(model::OrgPack& pack) {
    SA_ASSIGN_OR_RETURN(auto rows, conn_.Query(R"(SELECT id, title, services, started, status,
  message FROM major_incidents ORDER BY id_key)"));
    for (const auto& row : rows) {
      sql::RowReader r(row);
      model::MajorIncident i;
      i.id = r.Text();
      i.title = r.Text();
      i.services = ParseList(r.Text());
      i.started = ParseStoredTime(r.Text());
      i.status = r.Text();
      i.message = r.Text();
      pack.incidents.push_back(std::move(i));
    }
    return Status::Ok();
  }

  Status LoadCatalog(model::OrgPack& pack) {
    SA_ASSIGN_OR_RETURN(auto rows, conn_.Query(R"(SELECT id, name, aliases, team, approval,
  fields FROM catalog_items ORDER BY id_key)"));
    for (const auto& row : rows) {
      sql::RowReader r(row);
      model::CatalogItem c;
      c.id = r.Text();
      c.name = r.Text();
      c.aliases = ParseList(r.Text());
      c.team = r.Text();
      c.approval = r.Text();
      c.fields = ParseCatalogFields(r.Text());
      pack.request_catalog.push_back(std::move(c));
    }
    return Status::Ok();
  }

  sql::Connection& conn_;
};

}  // namespace

std::unique_ptr<OrgRepo> NewOrgRepo(sql::Connection& conn) {
  return std::make_unique<SqlOrgRepo>(conn);
}

}  // namespace sa::store
