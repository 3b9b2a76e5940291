// Administration: org pack import, API tokens, the audit log.
#include "http/api.h"
#include "http/json_input.h"
#include "http/tokens.h"
#include "http/views.h"
#include "itsm/audit.h"
#include "itsm/pack.h"

namespace sa::http {

void Api::AddAdminRoutes() {
  Authed("POST", "/api/v1/admin/import",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireAdmin(caller));
           if (request.body.empty()) {
             return InvalidArgument("the request body must be the organization pack (YAML text)");
           }
           std::vector<std::string> errors;
           Result<itsm::ImportSummary> summary =
               itsm::ImportPack(deps_.store, deps_.clock, request.body, caller.actor.id,
                                caller.actor.channel, &errors);
           if (!summary.ok()) {
             if (errors.empty()) return summary.status();
             return ErrorResponse(Status(summary.status().code(),
                                         "the pack was rejected: " + std::to_string(errors.size()) +
                                             " error(s); nothing was imported"),
                                  request.request_id, errors);
           }
           const itsm::ImportSummary& s = *summary;
           return Response::MakeJson(200, {{"summary", s.ToString()},
                                           {"teams", s.teams},
                                           {"user_groups", s.user_groups},
                                           {"services", s.services},
                                           {"configuration_items", s.configuration_items},
                                           {"users", s.users},
                                           {"articles", s.articles},
                                           {"changes", s.changes},
                                           {"incidents", s.incidents},
                                           {"catalog_items", s.catalog_items}});
         });

  Authed("POST", "/api/v1/tokens",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireAdmin(caller));
           SA_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
           JsonReader in(body, {"name", "role", "user", "expires"});
           NewToken t;
           t.name = in.String("name");
           t.role = in.String("role");
           t.user_id = in.OptString("user").value_or("");
           std::optional<std::string> expires = in.OptString("expires");
           SA_RETURN_IF_ERROR(in.status());
           if (expires) {
             Result<TimePoint> at = ParseTime(*expires);
             if (!at.ok()) return InvalidArgument("field \"expires\": " + at.status().message());
             t.expires = *at;
           }
           t.created_by = caller.actor.id;
           t.channel = caller.actor.channel;
           SA_ASSIGN_OR_RETURN(IssuedToken issued, IssueToken(deps_.store, deps_.clock, t));
           Json j = TokenJson(issued.record);
           j["token"] = issued.token;
           Response r = Response::MakeJson(201, j);
           r.headers.emplace_back("Cache-Control", "no-store");
           return r;
         });

  Authed("GET", "/api/v1/tokens",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireAdmin(caller));
           SA_RETURN_IF_ERROR(QueryReader(request.query, {}).status());
           std::vector<model::ApiToken> tokens;
           SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
             SA_ASSIGN_OR_RETURN(tokens, tx.auth().ListTokens());
             return Status::Ok();
           }));
           Json items = Json::array();
           for (const model::ApiToken& t : tokens) items.push_back(TokenJson(t));
           return Response::MakeJson(200, {{"items", std::move(items)}});
         });

  Authed("DELETE", "/api/v1/tokens/{id}",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireAdmin(caller));
           SA_RETURN_IF_ERROR(RevokeToken(deps_.store, deps_.clock, request.params["id"],
                                          caller.actor.id, caller.actor.channel));
           live_.CloseCredential(LiveHub::TokenKey(request.params["id"]));
           return Response::NoContent();
         });

  Authed("GET", "/api/v1/audit/events",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireAdmin(caller));
           QueryReader q(request.query, {"from", "limit"});
           int64_t from = q.OptInt("from", 1, INT64_MAX).value_or(1);
           int limit = static_cast<int>(q.OptInt("limit", 1, 1000).value_or(100));
           SA_RETURN_IF_ERROR(q.status());
           std::vector<model::Event> events;
           SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
             SA_ASSIGN_OR_RETURN(events, tx.events().Range(from, limit));
             return Status::Ok();
           }));
           Json items = Json::array();
           for (const model::Event& e : events) items.push_back(EventJson(e));
           Json next =
               events.size() == static_cast<size_t>(limit) ? Json(from + limit) : Json(nullptr);
           return Response::MakeJson(200, {{"items", std::move(items)}, {"next", next}});
         });

  Authed("GET", "/api/v1/audit/verify", [this](Request&, const Caller& caller) -> Result<Response> {
    SA_RETURN_IF_ERROR(RequireAdmin(caller));
    SA_ASSIGN_OR_RETURN(itsm::ChainReport report, itsm::VerifyChain(deps_.store));
    return Response::MakeJson(
        200, {{"ok", report.ok},
              {"events", report.events},
              {"first_bad_seq", report.ok ? Json(nullptr) : Json(report.first_bad_seq)},
              {"problem", report.ok ? Json(nullptr) : Json(report.problem)}});
  });
}

}  // namespace sa::http
