// /api/v1/tickets: create, read, list, update, comment, hurry. Access rules
// are TicketService's (itsm::AccessPolicy); this file only translates.
#include "core/ids.h"
#include "http/api.h"
#include "http/json_input.h"
#include "http/views.h"

namespace sa::http {

namespace {

// Splits "a,b" into {"a", "b"} (empty parts dropped).
std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size()) {
    size_t end = s.find(',', i);
    if (end == std::string::npos) end = s.size();
    if (end > i) out.push_back(s.substr(i, end - i));
    i = end + 1;
  }
  return out;
}

Status CheckLevel(const std::optional<std::string>& level, const char* field) {
  if (level && *level != "low" && *level != "medium" && *level != "high") {
    return InvalidArgument(std::string("field \"") + field +
                           "\": expected low, medium or high, got \"" + *level + "\"");
  }
  return Status::Ok();
}

Status CheckPriority(const std::optional<std::string>& p) {
  if (p && *p != "P1" && *p != "P2" && *p != "P3" && *p != "P4") {
    return InvalidArgument("field \"priority\": expected P1, P2, P3 or P4, got \"" + *p + "\"");
  }
  return Status::Ok();
}

}  // namespace

void Api::AddTicketRoutes() {
  Authed("POST", "/api/v1/tickets",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
           JsonReader in(
               body, {"type", "title", "description", "impact", "urgency", "priority", "team",
                      "assignee", "service", "config_item", "requester", "catalog_item", "fields",
                      "conversation_id", "parent_id", "reason"});
           itsm::NewTicket t;
           std::string type = in.OptString("type").value_or("incident");
           t.title = in.String("title");
           t.description = in.OptString("description").value_or("");
           std::optional<std::string> impact = in.OptString("impact"),
                                      urgency = in.OptString("urgency");
           std::optional<std::string> priority = in.OptString("priority");
           t.team = in.OptString("team").value_or("");
           t.assignee = in.OptString("assignee").value_or("");
           t.service = in.OptString("service").value_or("");
           t.config_item = in.OptString("config_item").value_or("");
           t.requester = in.OptString("requester").value_or("");
           t.catalog_item = in.OptString("catalog_item").value_or("");
           t.fields = in.OptObject("fields").value_or(Json::object());
           t.conversation_id = in.OptString("conversation_id").value_or("");
           t.parent_id = in.OptString("parent_id").value_or("");
           t.reason = in.OptString("reason").value_or("");
           SA_RETURN_IF_ERROR(in.status());
           std::optional<model::TicketType> parsed_type = model::ParseTicketType(type);
           if (!parsed_type) {
             return InvalidArgument("field \"type\": expected incident or request, got \"" + type +
                                    "\"");
           }
           t.type = *parsed_type;
           SA_RETURN_IF_ERROR(CheckLevel(impact, "impact"));
           SA_RETURN_IF_ERROR(CheckLevel(urgency, "urgency"));
           SA_RETURN_IF_ERROR(CheckPriority(priority));
           t.impact = impact.value_or("low");
           t.urgency = urgency.value_or("low");
           t.priority = priority.value_or("");

           itsm::Actor actor = caller.actor;
           switch (actor.role) {
             case itsm::Role::kIntegration:
               if (t.requester.empty()) {
                 return InvalidArgument("field \"requester\": required for integration tokens");
               }
               actor.on_behalf_of = t.requester;
               break;
             case itsm::Role::kUser:
               if (!t.requester.empty() && !SameId(t.requester, actor.id)) {
                 return PermissionDenied("users open tickets only for themselves");
               }
               t.requester = actor.id;
               break;
             default:
               if (t.requester.empty()) t.requester = actor.id;
           }
           SA_ASSIGN_OR_RETURN(model::Ticket created, deps_.tickets.Create(actor, t));
           live_.TicketChanged("ticket.created", created);
           Response r = Response::MakeJson(201, TicketJson(created));
           r.headers.emplace_back("Location", "/api/v1/tickets/" + created.id);
           return r;
         });

  Authed("GET", "/api/v1/tickets",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           QueryReader q(request.query, {"status", "team", "requester", "assignee", "service",
                                         "type", "open", "limit", "offset"});
           model::TicketFilter filter;
           std::string status = q.String("status"), type = q.String("type");
           filter.teams = SplitComma(q.String("team"));
           filter.requester = q.String("requester");
           filter.assignee = q.String("assignee");
           filter.service = q.String("service");
           filter.open_only = q.OptBool("open").value_or(false);
           filter.limit = static_cast<int>(q.OptInt("limit", 1, 500).value_or(50));
           filter.offset = static_cast<int>(q.OptInt("offset", 0, 1'000'000'000).value_or(0));
           SA_RETURN_IF_ERROR(q.status());
           if (!status.empty()) {
             filter.status = model::ParseTicketStatus(status);
             if (!filter.status) {
               return InvalidArgument("parameter \"status\": unknown status \"" + status + "\"");
             }
           }
           if (!type.empty()) {
             filter.type = model::ParseTicketType(type);
             if (!filter.type) {
               return InvalidArgument("parameter \"type\": expected incident or request");
             }
           }
           SA_ASSIGN_OR_RETURN(std::vector<model::Ticket> tickets,
                               deps_.tickets.List(caller.actor, filter));
           if (!deps_.tickets.policy().IsStaff(caller.actor)) {
             // The scope TicketService applied: end users (and integrations acting
             // for one) see only their own tickets.
             filter.requester = caller.actor.EffectiveUser();
           }
           int64_t total = 0;
           SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
             SA_ASSIGN_OR_RETURN(total, tx.tickets().Count(filter));
             return Status::Ok();
           }));
           Json items = Json::array();
           for (const model::Ticket& t : tickets) items.push_back(TicketJson(t));
           return Response::MakeJson(200, {{"items", std::move(items)},
                                           {"total", total},
                                           {"limit", filter.limit},
                                           {"offset", filter.offset}});
         });

  Authed("GET", "/api/v1/tickets/{id}",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(QueryReader(request.query, {}).status());
           const std::string& id = request.params["id"];
           SA_ASSIGN_OR_RETURN(model::Ticket ticket, deps_.tickets.Get(caller.actor, id));
           Json j = TicketJson(ticket);
           j["events"] = Json::array();
           Result<std::vector<model::Event>> events = deps_.tickets.Events(caller.actor, ticket.id);
           if (events.ok()) {
             for (const model::Event& e : *events) j["events"].push_back(EventJson(e));
           } else if (events.status().code() != Code::kPermissionDenied) {
             return events.status();
           }
           SA_ASSIGN_OR_RETURN(std::vector<model::Comment> comments,
                               deps_.tickets.Comments(caller.actor, ticket.id));
           j["comments"] = Json::array();
           for (const model::Comment& c : comments) j["comments"].push_back(CommentJson(c));
           return Response::MakeJson(200, j);
         });

  Authed("PATCH", "/api/v1/tickets/{id}",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
           JsonReader in(body, {"title", "description", "status", "priority", "impact", "urgency",
                                "team", "assignee", "service", "config_item", "resolution",
                                "fields", "satisfaction", "reason", "version"});
           itsm::TicketPatch p;
           p.title = in.OptString("title");
           p.description = in.OptString("description");
           p.status = in.OptString("status");
           p.priority = in.OptString("priority");
           p.impact = in.OptString("impact");
           p.urgency = in.OptString("urgency");
           p.team = in.OptStringOrNull("team");
           p.assignee = in.OptStringOrNull("assignee");
           p.service = in.OptStringOrNull("service");
           p.config_item = in.OptStringOrNull("config_item");
           p.resolution = in.OptString("resolution");
           p.fields = in.OptObject("fields");
           std::optional<int64_t> satisfaction = in.OptInt("satisfaction");
           p.reason = in.OptString("reason").value_or("");
           p.expected_version = in.OptInt("version");
           SA_RETURN_IF_ERROR(in.status());
           if (p.status && !model::ParseTicketStatus(*p.status)) {
             return InvalidArgument("field \"status\": unknown status \"" + *p.status + "\"");
           }
           if (p.title && p.title->empty())
             return InvalidArgument("field \"title\": must not be empty");
           SA_RETURN_IF_ERROR(CheckLevel(p.impact, "impact"));
           SA_RETURN_IF_ERROR(CheckLevel(p.urgency, "urgency"));
           SA_RETURN_IF_ERROR(CheckPriority(p.priority));
           if (satisfaction) {
             if (*satisfaction < 1 || *satisfaction > 5) {
               return InvalidArgument("field \"satisfaction\": must be between 1 and 5");
             }
             p.satisfaction = static_cast<int>(*satisfaction);
           }
           SA_ASSIGN_OR_RETURN(model::Ticket updated,
                               deps_.tickets.Update(caller.actor, request.params["id"], p));
           live_.TicketChanged("ticket.updated", updated);
           kb_.TicketChanged(updated);  // the case library learns resolutions at once
           return Response::MakeJson(200, TicketJson(updated));
         });

  Authed("POST", "/api/v1/tickets/{id}/comments",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
           JsonReader in(body, {"body", "internal"});
           std::string text = in.String("body");
           bool internal = in.OptBool("internal").value_or(false);
           SA_RETURN_IF_ERROR(in.status());
           SA_ASSIGN_OR_RETURN(model::Comment comment,
                               deps_.tickets.AddComment(caller.actor, request.params["id"],
                                                        std::move(text), internal));
           live_.TicketChanged("ticket.commented", comment.ticket_id, internal);
           return Response::MakeJson(201, CommentJson(comment));
         });

  Authed("POST", "/api/v1/tickets/{id}/hurry",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body, /*empty_is_object=*/true));
           JsonReader in(body, {"note"});
           std::string note = in.OptString("note").value_or("");
           SA_RETURN_IF_ERROR(in.status());
           SA_RETURN_IF_ERROR(deps_.tickets.Hurry(caller.actor, request.params["id"], note));
           return Response::MakeJson(200, {{"ticket_id", request.params["id"]}, {"hurried", true}});
         });
}

}  // namespace sa::http
