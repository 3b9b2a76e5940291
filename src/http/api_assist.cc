// Agent assist (agents and admins): for one ticket, similar resolved cases
// from the case library and the articles its requester could be sent; and a
// resolved case turned into a draft article in one step.
#include "core/ids.h"
#include "http/api.h"
#include "http/articles.h"
#include "http/json_input.h"
#include "knowledge/knowledge.h"

namespace sa::http {

namespace {

Json CaseHitJson(const knowledge::CaseHit& hit) {
  const knowledge::ResolvedCase& c = hit.resolved_case;
  return {{"ticket_id", c.ticket_id},
          {"title", c.title},
          {"resolution", c.resolution},
          {"service", c.service},
          {"team", c.team},
          {"language", c.language},
          {"score", hit.score},
          {"similarity", hit.similarity}};
}

}  // namespace

void Api::AddAssistRoutes() {
  Authed("GET", "/api/v1/tickets/{id}/assist",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireStaff(caller));
           QueryReader in(request.query, {"limit"});
           int limit = static_cast<int>(in.OptInt("limit", 1, 20).value_or(5));
           SA_RETURN_IF_ERROR(in.status());
           SA_ASSIGN_OR_RETURN(model::Ticket ticket,
                               deps_.tickets.Get(caller.actor, request.params["id"]));
           std::string text = ticket.title + "\n" + ticket.description;

           SA_ASSIGN_OR_RETURN(auto cases, kb_.Cases());
           Json similar = Json::array();
           for (const knowledge::CaseHit& hit : cases->Search(text, ticket.service, limit + 1)) {
             if (SameId(hit.resolved_case.ticket_id, ticket.id)) continue;  // itself, once resolved
             if (static_cast<int>(similar.size()) >= limit) break;
             similar.push_back(CaseHitJson(hit));
           }

           // Articles the requester may read, so the agent can send them.
           SA_ASSIGN_OR_RETURN(auto org, Org());
           SA_ASSIGN_OR_RETURN(auto index, kb_.Articles());
           knowledge::SearchQuery query;
           query.text = text;
           query.user_groups = GroupsOf(*org, ticket.requester);
           if (!ticket.service.empty()) query.services = {ticket.service};
           query.limit = limit;
           Json articles = Json::array();
           for (const knowledge::SearchHit& hit : index->Search(query)) {
             articles.push_back(SearchHitJson(hit));
           }
           return Response::MakeJson(200, {{"ticket_id", ticket.id},
                                           {"cases", std::move(similar)},
                                           {"articles", std::move(articles)}});
         });

  Authed("POST", "/api/v1/tickets/{id}/draft-article",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireStaff(caller));
           SA_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body, /*empty_is_object=*/true));
           SA_RETURN_IF_ERROR(JsonReader(body, {}).status());
           SA_ASSIGN_OR_RETURN(model::Ticket ticket,
                               deps_.tickets.Get(caller.actor, request.params["id"]));
           std::optional<knowledge::ResolvedCase> resolved = knowledge::CaseFromTicket(ticket);
           if (!resolved) {
             return Conflict("ticket " + ticket.id +
                             " is not a case yet: it needs to be resolved with a resolution note");
           }
           SA_ASSIGN_OR_RETURN(auto org, Org());
           model::Article article =
               knowledge::DraftArticleFromCase(*resolved, caller.actor.id, deps_.clock.Now());
           const std::vector<std::string>& languages = org->organization.languages;
           if (std::find(languages.begin(), languages.end(), article.language) == languages.end()) {
             article.language = languages.empty() ? "en" : languages.front();
           }
           if (!article.services.empty() &&
               !ValidateArticle(*org, &article).ok()) {  // a service since removed from the org
             article.services.clear();
           }
           SA_RETURN_IF_ERROR(ValidateArticle(*org, &article));
           SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
             SA_ASSIGN_OR_RETURN(std::optional<model::Article> existing,
                                 tx.knowledge().Get(article.id));
             if (existing) {
               return Conflict("ticket " + ticket.id + " already has a draft article \"" +
                               existing->id + "\"");
             }
             return SaveArticleChange(tx, deps_.clock, caller.actor, std::nullopt, &article,
                                      "created", "draft from case " + ticket.id);
           }));
           Json j = ArticleMetaJson(article);
           j["body"] = article.body;
           Response r = Response::MakeJson(201, j);
           r.headers.emplace_back("Location", "/api/v1/articles/" + article.id);
           return r;
         });
}

}  // namespace sa::http
