// The organization, read side (users, teams, services, catalog) and the
// planned changes and major incidents, which staff also create and update.
#include "core/ids.h"
#include "http/api.h"
#include "http/json_input.h"
#include "http/views.h"
#include "itsm/audit.h"

namespace sa::http {

namespace {

template <typename T, typename View>
Response ListOf(const std::vector<T>& items, View view) {
  Json out = Json::array();
  for (const T& item : items) out.push_back(view(item));
  return Response::MakeJson(200, {{"items", std::move(out)}});
}

Status CheckServices(const model::OrgPack& org, const std::vector<std::string>& services) {
  for (const std::string& s : services) {
    if (model::FindById(org.services, s) == nullptr) {
      return InvalidArgument("field \"services\": unknown service \"" + s + "\"");
    }
  }
  return Status::Ok();
}

Result<TimePoint> ReadTime(const std::optional<std::string>& text, const char* field) {
  Result<TimePoint> t = ParseTime(text.value_or(""));
  if (!t.ok())
    return InvalidArgument(std::string("field \"") + field + "\": " + t.status().message());
  return t;
}

bool OneOf(const std::string& v, std::initializer_list<const char*> options) {
  for (const char* o : options) {
    if (v == o) return true;
  }
  return false;
}

// Applies the JSON fields of a change create/update to `change`.
Status ReadChange(const Json& body, bool create, model::Change* change) {
  JsonReader in(
      body, create
                ? std::initializer_list<std::string_view>{"id", "title", "description", "services",
                                                          "start", "end", "outage", "status"}
                : std::initializer_list<std::string_view>{"title", "description", "services",
                                                          "start", "end", "outage", "status"});
  if (create) change->id = in.String("id");
  std::optional<std::string> title =
      create ? std::optional(in.String("title")) : in.OptString("title");
  std::optional<std::string> description = in.OptString("description");
  std::optional<std::vector<std::string>> services = in.OptStringList("services");
  std::optional<std::string> start = in.OptString("start"), end = in.OptString("end");
  std::optional<bool> outage = in.OptBool("outage");
  std::optional<std::string> status = in.OptString("status");
  if (create && in.status().ok()) {
    if (!start) return InvalidArgument("field \"start\": required");
    if (!end) return InvalidArgument("field \"end\": required");
  }
  SA_RETURN_IF_ERROR(in.status());
  if (create && !IsValidId(change->id)) return InvalidArgument("field \"id\": not a valid id");
  if (title) change->title = *title;
  if (description) change->description = *description;
  if (services) change->services = *services;
  if (start) {
    SA_ASSIGN_OR_RETURN(change->start, ReadTime(start, "start"));
  }
  if (end) {
    SA_ASSIGN_OR_RETURN(change->end, ReadTime(end, "end"));
  }
  if (outage) change->outage = *outage;
  if (status) {
    if (!OneOf(*status, {"scheduled", "in_progress", "completed", "cancelled"})) {
      return InvalidArgument(
          "field \"status\": expected scheduled, in_progress, completed or "
          "cancelled");
    }
    change->status = *status;
  }
  if (change->end <= change->start) return InvalidArgument("field \"end\": must be after start");
  return Status::Ok();
}

Status ReadIncident(const Json& body, bool create, model::MajorIncident* incident) {
  JsonReader in(body, create
                          ? std::initializer_list<std::string_view>{"id", "title", "services",
                                                                    "started", "status", "message"}
                          : std::initializer_list<std::string_view>{"title", "services", "started",
                                                                    "status", "message"});
  if (create) incident->id = in.String("id");
  std::optional<std::string> title =
      create ? std::optional(in.String("title")) : in.OptString("title");
  std::optional<std::vector<std::string>> services = in.OptStringList("services");
  std::optional<std::string> started = in.OptString("started");
  std::optional<std::string> status = in.OptString("status");
  std::optional<std::string> message = in.OptString("message");
  SA_RETURN_IF_ERROR(in.status());
  if (create && !IsValidId(incident->id)) return InvalidArgument("field \"id\": not a valid id");
  if (title) incident->title = *title;
  if (services) incident->services = *services;
  if (started) {
    SA_ASSIGN_OR_RETURN(incident->started, ReadTime(started, "started"));
  }
  if (status) {
    if (!OneOf(*status, {"investigating", "identified", "monitoring", "resolved"})) {
      return InvalidArgument(
          "field \"status\": expected investigating, identified, monitoring "
          "or resolved");
    }
    incident->status = *status;
  }
  if (message) incident->message = *message;
  return Status::Ok();
}

model::Event OrgEvent(const itsm::Actor& actor, std::string entity, std::string id,
                      std::string action, Json changes) {
  model::Event e;
  e.actor = actor.id;
  e.channel = actor.channel;
  e.entity = std::move(entity);
  e.entity_id = std::move(id);
  e.action = std::move(action);
  e.changes = std::move(changes);
  return e;
}

}  // namespace

void Api::AddOrgRoutes() {
  Authed("GET", "/api/v1/users",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(QueryReader(request.query, {}).status());
           SA_ASSIGN_OR_RETURN(auto org, Org());
           if (caller.actor.role == itsm::Role::kUser) {
             const model::User* self = model::FindById(org->users, caller.actor.id);
             std::vector<model::User> only;
             if (self != nullptr) only.push_back(*self);
             return ListOf(only, UserJson);
           }
           return ListOf(org->users, UserJson);
         });
  Authed("GET", "/api/v1/users/{id}",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           const std::string& id = request.params["id"];
           SA_ASSIGN_OR_RETURN(auto org, Org());
           const model::User* user = model::FindById(org->users, id);
           if (user == nullptr ||
               (caller.actor.role == itsm::Role::kUser && !SameId(user->id, caller.actor.id))) {
             return NotFound("unknown user \"" + id + "\"");
           }
           return Response::MakeJson(200, UserJson(*user));
         });

  // Read-only collections: any authenticated caller.
  auto collection = [this](const std::string& name, auto member, auto view) {
    Authed("GET", "/api/v1/" + name,
           [this, member, view](Request& request, const Caller&) -> Result<Response> {
             SA_RETURN_IF_ERROR(QueryReader(request.query, {}).status());
             SA_ASSIGN_OR_RETURN(auto org, Org());
             return ListOf((*org).*member, view);
           });
    Authed("GET", "/api/v1/" + name + "/{id}",
           [this, name, member, view](Request& request, const Caller&) -> Result<Response> {
             SA_ASSIGN_OR_RETURN(auto org, Org());
             const auto* item = model::FindById((*org).*member, request.params["id"]);
             if (item == nullptr) {
               return NotFound("no " + name + " entry \"" + request.params["id"] + "\"");
             }
             return Response::MakeJson(200, view(*item));
           });
  };
  collection("teams", &model::OrgPack::teams, TeamJson);
  collection("services", &model::OrgPack::services, ServiceJson);
  collection("catalog", &model::OrgPack::request_catalog, CatalogItemJson);
  collection("changes", &model::OrgPack::changes, ChangeJson);
  collection("incidents", &model::OrgPack::incidents, IncidentJson);

  Authed("POST", "/api/v1/changes",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireStaff(caller));
           SA_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
           model::Change change;
           SA_RETURN_IF_ERROR(ReadChange(body, /*create=*/true, &change));
           SA_ASSIGN_OR_RETURN(auto org, Org());
           if (model::FindById(org->changes, change.id) != nullptr) {
             return AlreadyExists("change \"" + change.id + "\" already exists");
           }
           SA_RETURN_IF_ERROR(CheckServices(*org, change.services));
           SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
             SA_RETURN_IF_ERROR(tx.org().UpsertChange(change));
             SA_RETURN_IF_ERROR(tx.org().BumpVersion());
             return itsm::RecordEvent(
                 tx, deps_.clock,
                 OrgEvent(caller.actor, "change", change.id, "created", ChangeJson(change)));
           }));
           return Response::MakeJson(201, ChangeJson(change));
         });
  Authed("PATCH", "/api/v1/changes/{id}",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireStaff(caller));
           SA_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
           SA_ASSIGN_OR_RETURN(auto org, Org());
           const model::Change* existing = model::FindById(org->changes, request.params["id"]);
           if (existing == nullptr) return NotFound("no change \"" + request.params["id"] + "\"");
           model::Change change = *existing;
           SA_RETURN_IF_ERROR(ReadChange(body, /*create=*/false, &change));
           SA_RETURN_IF_ERROR(CheckServices(*org, change.services));
           SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
             SA_RETURN_IF_ERROR(tx.org().UpsertChange(change));
             SA_RETURN_IF_ERROR(tx.org().BumpVersion());
             return itsm::RecordEvent(tx, deps_.clock,
                                      OrgEvent(caller.actor, "change", change.id, "updated", body));
           }));
           return Response::MakeJson(200, ChangeJson(change));
         });

  Authed("POST", "/api/v1/incidents",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireStaff(caller));
           SA_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
           model::MajorIncident incident;
           incident.started = deps_.clock.Now();
           SA_RETURN_IF_ERROR(ReadIncident(body, /*create=*/true, &incident));
           SA_ASSIGN_OR_RETURN(auto org, Org());
           if (model::FindById(org->incidents, incident.id) != nullptr) {
             return AlreadyExists("incident \"" + incident.id + "\" already exists");
           }
           SA_RETURN_IF_ERROR(CheckServices(*org, incident.services));
           SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
             SA_RETURN_IF_ERROR(tx.org().UpsertIncident(incident));
             SA_RETURN_IF_ERROR(tx.org().BumpVersion());
             return itsm::RecordEvent(tx, deps_.clock,
                                      OrgEvent(caller.actor, "major_incident", incident.id,
                                               "created", IncidentJson(incident)));
           }));
           return Response::MakeJson(201, IncidentJson(incident));
         });
  Authed("PATCH", "/api/v1/incidents/{id}",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireStaff(caller));
           SA_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
           SA_ASSIGN_OR_RETURN(auto org, Org());
           const model::MajorIncident* existing = model::FindById(org->incidents, request.params["id"]);
           if (existing == nullptr) return NotFound("no incident \"" + request.params["id"] + "\"");
           model::MajorIncident incident = *existing;
           SA_RETURN_IF_ERROR(ReadIncident(body, /*create=*/false, &incident));
           SA_RETURN_IF_ERROR(CheckServices(*org, incident.services));
           SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
             SA_RETURN_IF_ERROR(tx.org().UpsertIncident(incident));
             SA_RETURN_IF_ERROR(tx.org().BumpVersion());
             return itsm::RecordEvent(
                 tx, deps_.clock,
                 OrgEvent(caller.actor, "major_incident", incident.id, "updated", body));
           }));
           return Response::MakeJson(200, IncidentJson(incident));
         });
}

}  // namespace sa::http
