// The portal's own endpoints: the notices banner narrowed to the caller
// (notices.h), a user's service subscriptions, and the service desk's
// announcements. Subscriptions and announcements are kept as audit events
// (entity "subscriptions" / "announcements"): every change is recorded and
// the current state is the fold of those events.
#include <algorithm>

#include "core/ids.h"
#include "http/api.h"
#include "http/json_input.h"
#include "http/notices.h"
#include "http/views.h"
#include "itsm/audit.h"

namespace sa::http {

namespace {

constexpr char kAnnouncementsEntity[] = "announcements";
constexpr char kAnnouncementsBoard[] = "board";
constexpr char kSubscriptionsEntity[] = "subscriptions";
constexpr size_t kMaxTitle = 200, kMaxMessage = 2000;

std::vector<std::string> StringsOf(const Json& j) {
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const Json& item : j) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

// Every announcement ever published, withdrawn ones flagged.
Result<std::vector<Announcement>> LoadAnnouncements(store::Tx& tx) {
  SA_ASSIGN_OR_RETURN(std::vector<model::Event> events,
                      tx.events().ForEntity(kAnnouncementsEntity, kAnnouncementsBoard));
  std::vector<Announcement> out;
  for (const model::Event& e : events) {
    const Json& c = e.changes;
    std::string id = c.value("id", "");
    if (e.action == "published") {
      Announcement a;
      a.id = id;
      a.title = c.value("title", "");
      a.message = c.value("message", "");
      a.groups = StringsOf(c.value("groups", Json::array()));
      a.published = e.at;
      a.author = e.actor;
      if (c.contains("until") && c["until"].is_string()) {
        Result<TimePoint> until = ParseTime(c["until"].get<std::string>());
        if (until.ok()) a.until = *until;
      }
      out.push_back(std::move(a));
    } else if (e.action == "withdrawn") {
      for (Announcement& a : out) {
        if (a.id == id) a.withdrawn = true;
      }
    }
  }
  return out;
}

// The services `user` subscribed to (the last "updated" event wins).
Result<std::vector<std::string>> LoadSubscriptions(store::Tx& tx, std::string_view user) {
  SA_ASSIGN_OR_RETURN(std::vector<model::Event> events,
                      tx.events().ForEntity(kSubscriptionsEntity, user));
  if (events.empty()) return std::vector<std::string>{};
  return StringsOf(events.back().changes.value("services", Json::array()));
}

model::Event PortalEvent(const itsm::Actor& actor, std::string entity, std::string entity_id,
                         std::string action, Json changes) {
  model::Event e;
  e.actor = actor.id;
  e.channel = actor.channel;
  e.entity = std::move(entity);
  e.entity_id = std::move(entity_id);
  e.action = std::move(action);
  e.changes = std::move(changes);
  return e;
}

}  // namespace

void Api::AddPortalRoutes() {
  // The banner: what concerns the caller. Staff (and integrations acting for
  // nobody) get everything.
  Authed("GET", "/api/v1/notices", [this](Request& request, const Caller& caller) -> Result<Response> {
    SA_RETURN_IF_ERROR(QueryReader(request.query, {}).status());
    SA_ASSIGN_OR_RETURN(auto org, Org());
    std::string user_id = caller.actor.role == itsm::Role::kUser ? caller.actor.id
                          : caller.actor.role == itsm::Role::kIntegration
                              ? caller.actor.on_behalf_of
                              : "";
    std::optional<model::User> user;
    if (!user_id.empty()) {
      const model::User* found = model::FindById(org->users, user_id);
      if (found == nullptr) return NotFound("unknown user \"" + user_id + "\"");
      user = *found;
    }
    std::vector<Announcement> announcements;
    std::vector<std::string> subscriptions;
    SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
      SA_ASSIGN_OR_RETURN(announcements, LoadAnnouncements(tx));
      if (!user) return Status::Ok();
      SA_ASSIGN_OR_RETURN(subscriptions, LoadSubscriptions(tx, user->id));
      return Status::Ok();
    }));
    Notices n = NoticesFor(*org, user, subscriptions, announcements, deps_.clock.Now());
    Json out = {{"incidents", Json::array()},
                {"changes", Json::array()},
                {"announcements", Json::array()},
                {"services", Json()}};
    for (const auto& i : n.incidents) out["incidents"].push_back(IncidentJson(i));
    for (const auto& c : n.changes) out["changes"].push_back(ChangeJson(c));
    for (const auto& a : n.announcements) out["announcements"].push_back(AnnouncementJson(a));
    if (user) out["services"] = ServicesOf(*org, *user, subscriptions);
    return Response::MakeJson(200, out);
  });

  // A user's subscriptions: the services whose outages they want to hear
  // about beyond those of their groups. The user themself or an admin may
  // change them; staff may read them too (the requester panel of a ticket).
  auto check_subscriber = [this](const Caller& caller, const std::string& id,
                                 bool read) -> Result<std::string> {
    SA_ASSIGN_OR_RETURN(auto org, Org());
    const model::User* user = model::FindById(org->users, id);
    bool self = caller.actor.role != itsm::Role::kIntegration && SameId(caller.actor.id, id);
    bool allowed = self || caller.actor.role == itsm::Role::kAdmin ||
                   (read && caller.actor.role == itsm::Role::kAgent);
    if (user == nullptr || !allowed) return NotFound("unknown user \"" + id + "\"");
    return user->id;
  };
  Authed("GET", "/api/v1/users/{id}/subscriptions",
         [this, check_subscriber](Request& request, const Caller& caller) -> Result<Response> {
           SA_ASSIGN_OR_RETURN(std::string user,
                               check_subscriber(caller, request.params["id"], /*read=*/true));
           std::vector<std::string> services;
           SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
             SA_ASSIGN_OR_RETURN(services, LoadSubscriptions(tx, user));
             return Status::Ok();
           }));
           // "uses": the services of the user's groups and those they follow.
           SA_ASSIGN_OR_RETURN(auto org, Org());
           std::vector<std::string> uses = services;
           if (const model::User* u = model::FindById(org->users, user)) {
             for (const std::string& g : u->groups) {
               if (const model::UserGroup* group = model::FindById(org->user_groups, g)) {
                 uses.insert(uses.end(), group->services.begin(), group->services.end());
               }
             }
           }
           std::sort(uses.begin(), uses.end());
           uses.erase(std::unique(uses.begin(), uses.end()), uses.end());
           return Response::MakeJson(200, {{"services", services}, {"uses", uses}});
         });
  Authed("PUT", "/api/v1/users/{id}/subscriptions",
         [this, check_subscriber](Request& request, const Caller& caller) -> Result<Response> {
           SA_ASSIGN_OR_RETURN(std::string user,
                               check_subscriber(caller, request.params["id"], /*read=*/false));
           SA_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
           JsonReader in(body, {"services"});
           std::vector<std::string> wanted = in.OptStringList("services").value_or(
               std::vector<std::string>{});
           SA_RETURN_IF_ERROR(in.status());
           SA_ASSIGN_OR_RETURN(auto org, Org());
           std::vector<std::string> services;
           for (const std::string& s : wanted) {
             const model::Service* service = model::FindById(org->services, s);
             if (service == nullptr) {
               return InvalidArgument("field \"services\": unknown service \"" + s + "\"");
             }
             if (std::find(services.begin(), services.end(), service->id) == services.end()) {
               services.push_back(service->id);
             }
           }
           SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
             return itsm::RecordEvent(tx, deps_.clock,
                                      PortalEvent(caller.actor, kSubscriptionsEntity, user,
                                                  "updated", {{"services", services}}));
           }));
           return Response::MakeJson(200, {{"services", services}});
         });

  // Announcements: staff publish and withdraw; the banner shows them to the
  // groups they name.
  Authed("GET", "/api/v1/announcements",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireStaff(caller));
           SA_RETURN_IF_ERROR(QueryReader(request.query, {}).status());
           std::vector<Announcement> all;
           SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
             SA_ASSIGN_OR_RETURN(all, LoadAnnouncements(tx));
             return Status::Ok();
           }));
           Json items = Json::array();
           for (auto it = all.rbegin(); it != all.rend(); ++it) {
             items.push_back(AnnouncementJson(*it));
           }
           return Response::MakeJson(200, {{"items", std::move(items)}});
         });
  Authed("POST", "/api/v1/announcements",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireStaff(caller));
           SA_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
           JsonReader in(body, {"title", "message", "groups", "until"});
           Announcement a;
           a.title = in.String("title");
           a.message = in.OptString("message").value_or("");
           a.groups = in.OptStringList("groups").value_or(std::vector<std::string>{"all"});
           std::optional<std::string> until = in.OptString("until");
           SA_RETURN_IF_ERROR(in.status());
           if (a.title.size() > kMaxTitle) return InvalidArgument("field \"title\": too long");
           if (a.message.size() > kMaxMessage) return InvalidArgument("field \"message\": too long");
           if (a.groups.empty()) return InvalidArgument("field \"groups\": name a group or \"all\"");
           SA_ASSIGN_OR_RETURN(auto org, Org());
           for (std::string& g : a.groups) {
             if (SameId(g, "all")) continue;
             const model::UserGroup* group = model::FindById(org->user_groups, g);
             if (group == nullptr) {
               return InvalidArgument("field \"groups\": unknown group \"" + g + "\"");
             }
             g = group->id;
           }
           if (until) {
             Result<TimePoint> t = ParseTime(*until);
             if (!t.ok()) return InvalidArgument("field \"until\": " + t.status().message());
             a.until = *t;
           }
           a.id = "ANN-" + RandomHex(4);
           a.published = deps_.clock.Now();
           a.author = caller.actor.id;
           Json record = {{"id", a.id}, {"title", a.title}, {"message", a.message},
                          {"groups", a.groups}};
           if (a.until) record["until"] = FormatTime(*a.until);
           SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
             return itsm::RecordEvent(tx, deps_.clock,
                                      PortalEvent(caller.actor, kAnnouncementsEntity,
                                                  kAnnouncementsBoard, "published", record));
           }));
           return Response::MakeJson(201, AnnouncementJson(a));
         });
  Authed("DELETE", "/api/v1/announcements/{id}",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireStaff(caller));
           const std::string& id = request.params["id"];
           SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
             SA_ASSIGN_OR_RETURN(std::vector<Announcement> all, LoadAnnouncements(tx));
             auto it = std::find_if(all.begin(), all.end(),
                                    [&](const Announcement& a) { return a.id == id; });
             if (it == all.end()) return NotFound("no announcement \"" + id + "\"");
             if (it->withdrawn) return Status::Ok();
             return itsm::RecordEvent(tx, deps_.clock,
                                      PortalEvent(caller.actor, kAnnouncementsEntity,
                                                  kAnnouncementsBoard, "withdrawn", {{"id", id}}));
           }));
           return Response::NoContent();
         });
}

}  // namespace sa::http
