// /api/v1/articles, reading: the knowledge base as people browse and search it.
// A search is the bot's ranked search (knowledge::KnowledgeIndex, KbIndexes)
// with the caller's groups as the audience; an article comes with its
// Markdown rendered to sanitized HTML (knowledge/markdown.h); "did this help?"
// feedback is stored per article and per query, and shown to agents and admins
// (counts and the recent questions). Editing: api_articles_edit.cc.
#include <algorithm>

#include "core/ids.h"
#include "http/api.h"
#include "http/articles.h"
#include "http/json_input.h"
#include "knowledge/knowledge.h"

namespace sa::http {

namespace {

// Cuts at a UTF-8 character boundary.
std::string Cut(const std::string& text, size_t max) {
  if (text.size() <= max) return text;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

}  // namespace

void Api::AddKnowledgeRoutes() {
  Authed("GET", "/api/v1/articles",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           QueryReader in(request.query, {"q", "lang", "limit", "include_drafts", "service"});
           std::string q = in.String("q"), lang = in.String("lang"), service = in.String("service");
           int limit = static_cast<int>(in.OptInt("limit", 1, 100).value_or(20));
           bool include_drafts = in.OptBool("include_drafts").value_or(false);
           SA_RETURN_IF_ERROR(in.status());
           SA_ASSIGN_OR_RETURN(auto org, Org());
           const std::vector<std::string>& languages = org->organization.languages;
           if (!lang.empty() &&
               std::find(languages.begin(), languages.end(), lang) == languages.end()) {
             return InvalidArgument("parameter \"lang\": \"" + lang +
                                    "\" is not one of the organization's languages");
           }
           bool staff = deps_.tickets.policy().IsStaff(caller.actor);
           std::vector<std::string> groups = GroupsOf(*org, caller.actor.EffectiveUser());
           Json items = Json::array();
           if (q.find_first_not_of(" \t\r\n") == std::string::npos) {
             // Browsing: every article the caller may read, by title. Staff who
             // ask for drafts (the editor) get every article, retired too.
             std::vector<const model::Article*> shown;
             for (const model::Article& a : org->knowledge) {
               if (!MayRead(a, staff, groups, include_drafts)) continue;
               if (staff && !include_drafts && a.status != "published") continue;
               if (!lang.empty() && a.language != lang) continue;
               if (!service.empty() &&
                   std::none_of(a.services.begin(), a.services.end(),
                                [&](const std::string& s) { return SameId(s, service); })) {
                 continue;
               }
               shown.push_back(&a);
             }
             std::sort(shown.begin(), shown.end(),
                       [](const auto* x, const auto* y) { return x->title < y->title; });
             for (const model::Article* a : shown) {
               if (static_cast<int>(items.size()) >= limit) break;
               Json j = ArticleMetaJson(*a);
               j["snippet"] = Cut(knowledge::PlainText(a->body), 240);
               items.push_back(std::move(j));
             }
             return Response::MakeJson(200, {{"items", std::move(items)}});
           }
           SA_ASSIGN_OR_RETURN(auto index, kb_.Articles());
           knowledge::SearchQuery query;
           query.text = q;
           query.language = lang;
           query.user_groups = groups;
           query.staff = staff;
           query.include_drafts = staff && include_drafts;
           if (!service.empty()) query.services = {service};
           query.limit = std::min(limit, 50);
           std::vector<knowledge::SearchHit> hits = index->Search(query);
           for (const knowledge::SearchHit& hit : hits) items.push_back(SearchHitJson(hit));
           std::string decision;
           switch (knowledge::Decide(hits)) {
             case knowledge::AnswerDecision::kAnswer:
               decision = "answer";
               break;
             case knowledge::AnswerDecision::kSuggest:
               decision = "suggest";
               break;
             case knowledge::AnswerDecision::kHandOver:
               decision = "none";
               break;
           }
           return Response::MakeJson(200, {{"items", std::move(items)}, {"decision", decision}});
         });

  Authed("GET", "/api/v1/articles/{id}",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(QueryReader(request.query, {}).status());
           SA_ASSIGN_OR_RETURN(auto org, Org());
           bool staff = deps_.tickets.policy().IsStaff(caller.actor);
           std::optional<model::Article> article;
           std::pair<int64_t, int64_t> feedback{0, 0};
           SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
             SA_ASSIGN_OR_RETURN(article, tx.knowledge().Get(request.params["id"]));
             if (article && staff) {
               SA_ASSIGN_OR_RETURN(feedback, tx.knowledge().FeedbackCounts(article->id));
             }
             return Status::Ok();
           }));
           if (!article ||
               !MayRead(*article, staff, GroupsOf(*org, caller.actor.EffectiveUser()), true)) {
             return NotFound("no article \"" + request.params["id"] + "\"");
           }
           Json j = ArticleMetaJson(*article);
           j["html"] = knowledge::RenderMarkdown(article->body);
           if (staff) {
             // What the editor needs: the source and how readers rated it.
             j["body"] = article->body;
             j["feedback"] = {{"helped", feedback.first}, {"not_helped", feedback.second}};
           } else {
             j.erase("audience");
             j.erase("author");
           }
           return Response::MakeJson(200, j);
         });

  // What readers said about an article (agents, admins): the counts and the
  // newest answers with the question each reader had asked, so an editor sees
  // which questions the article fails.
  Authed("GET", "/api/v1/articles/{id}/feedback",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireStaff(caller));
           QueryReader in(request.query, {"limit"});
           int limit = static_cast<int>(in.OptInt("limit", 1, 200).value_or(20));
           SA_RETURN_IF_ERROR(in.status());
           std::optional<model::Article> article;
           std::pair<int64_t, int64_t> counts{0, 0};
           std::vector<store::ArticleFeedback> recent;
           SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
             SA_ASSIGN_OR_RETURN(article, tx.knowledge().Get(request.params["id"]));
             if (!article) return NotFound("no article \"" + request.params["id"] + "\"");
             SA_ASSIGN_OR_RETURN(counts, tx.knowledge().FeedbackCounts(article->id));
             SA_ASSIGN_OR_RETURN(recent, tx.knowledge().RecentFeedback(article->id, limit));
             return Status::Ok();
           }));
           Json items = Json::array();
           for (const store::ArticleFeedback& f : recent) {
             items.push_back({{"query", f.query},
                              {"helped", f.helped},
                              {"user", f.user_id},
                              {"at", FormatTime(f.at)}});
           }
           return Response::MakeJson(200, {{"article_id", article->id},
                                           {"helped", counts.first},
                                           {"not_helped", counts.second},
                                           {"recent", std::move(items)}});
         });

  Authed("POST", "/api/v1/articles/{id}/feedback",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
           JsonReader in(body, {"helped", "query"});
           std::optional<bool> helped = in.OptBool("helped");
           std::string query = in.OptString("query").value_or("");
           SA_RETURN_IF_ERROR(in.status());
           if (!helped) return InvalidArgument("field \"helped\": required");
           if (query.size() > 1000)
             return InvalidArgument("field \"query\": longer than 1000 bytes");
           SA_ASSIGN_OR_RETURN(auto org, Org());
           bool staff = deps_.tickets.policy().IsStaff(caller.actor);
           std::vector<std::string> groups = GroupsOf(*org, caller.actor.EffectiveUser());
           std::string article_id;
           SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
             SA_ASSIGN_OR_RETURN(std::optional<model::Article> article,
                                 tx.knowledge().Get(request.params["id"]));
             if (!article || !MayRead(*article, staff, groups)) {
               return NotFound("no article \"" + request.params["id"] + "\"");
             }
             article_id = article->id;
             return tx.knowledge().AddFeedback(article->id, caller.actor.EffectiveUser(), query,
                                               *helped, deps_.clock.Now());
           }));
           return Response::MakeJson(
               201, {{"article_id", article_id}, {"helped", *helped}, {"query", query}});
         });
}

}  // namespace sa::http
