// /api/v1/articles: the knowledge base as people browse it in the portal. A
// simple term filter over the articles the caller may see (the bot's ranked
// search is knowledge::KnowledgeIndex, owned by the dialogue engine), and one
// article with its Markdown rendered to sanitized HTML (knowledge/markdown.h).
#include <algorithm>

#include "core/ids.h"
#include "http/api.h"
#include "http/json_input.h"
#include "knowledge/markdown.h"

namespace sa::http {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> Terms(const std::string& q) {
  std::vector<std::string> out;
  std::string word;
  for (char c : Lower(q) + " ") {
    if (std::isspace(static_cast<unsigned char>(c)) || c == ',' || c == '?' || c == '.') {
      if (word.size() >= 2) out.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  return out;
}

// Cuts at a UTF-8 character boundary.
std::string Cut(const std::string& text, size_t max) {
  if (text.size() <= max) return text;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

}  // namespace

void Api::AddKnowledgeRoutes() {
  // Who may see an article: staff every one; others published ones whose
  // audience is "all" or shares a group with them.
  auto visible =
      [this](const Caller& caller) -> Result<std::function<bool(const model::Article&)>> {
    bool staff = deps_.tickets.policy().IsStaff(caller.actor);
    std::vector<std::string> groups;
    if (!staff) {
      SA_ASSIGN_OR_RETURN(auto org, Org());
      for (const model::User& u : org->users) {
        if (SameId(u.id, caller.actor.EffectiveUser())) groups = u.groups;
      }
    }
    return std::function<bool(const model::Article&)>([staff, groups](const model::Article& a) {
      if (a.status == "retired") return false;
      if (staff) return true;
      if (a.status != "published") return false;
      for (const std::string& g : a.audience) {
        if (g == "all" || std::find(groups.begin(), groups.end(), g) != groups.end()) {
          return true;
        }
      }
      return false;
    });
  };

  Authed("GET", "/api/v1/articles",
         [this, visible](Request& request, const Caller& caller) -> Result<Response> {
           QueryReader in(request.query, {"q", "limit"});
           std::string q = in.String("q");
           int limit = static_cast<int>(in.OptInt("limit", 1, 100).value_or(20));
           SA_RETURN_IF_ERROR(in.status());
           SA_ASSIGN_OR_RETURN(auto may_see, visible(caller));
           std::vector<model::Article> articles;
           SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
             SA_ASSIGN_OR_RETURN(articles, tx.knowledge().List());
             return Status::Ok();
           }));
           std::vector<std::string> terms = Terms(q);
           std::vector<std::pair<int, const model::Article*>> hits;
           for (const model::Article& a : articles) {
             if (!may_see(a)) continue;
             int score = terms.empty() ? 1 : 0;
             std::string title = Lower(a.title), body = Lower(a.body);
             std::string keys = Lower(a.id);
             for (const auto& s : a.services) keys += " " + Lower(s);
             for (const auto& t : a.tags) keys += " " + Lower(t);
             for (const std::string& term : terms) {
               if (title.find(term) != std::string::npos) score += 3;
               if (keys.find(term) != std::string::npos) score += 2;
               if (body.find(term) != std::string::npos) score += 1;
             }
             if (score > 0) hits.emplace_back(score, &a);
           }
           std::stable_sort(hits.begin(), hits.end(),
                            [](const auto& x, const auto& y) { return x.first > y.first; });
           Json items = Json::array();
           for (const auto& [score, a] : hits) {
             if (static_cast<int>(items.size()) >= limit) break;
             items.push_back({{"id", a->id},
                              {"title", a->title},
                              {"language", a->language},
                              {"services", a->services},
                              {"snippet", Cut(knowledge::PlainText(a->body), 240)}});
           }
           return Response::MakeJson(200, {{"items", std::move(items)}});
         });

  Authed("GET", "/api/v1/articles/{id}",
         [this, visible](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(QueryReader(request.query, {}).status());
           SA_ASSIGN_OR_RETURN(auto may_see, visible(caller));
           std::optional<model::Article> article;
           SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
             SA_ASSIGN_OR_RETURN(article, tx.knowledge().Get(request.params["id"]));
             return Status::Ok();
           }));
           if (!article || !may_see(*article)) {
             return NotFound("no article \"" + request.params["id"] + "\"");
           }
           return Response::MakeJson(200, {{"id", article->id},
                                           {"title", article->title},
                                           {"language", article->language},
                                           {"translations", article->translations},
                                           {"services", article->services},
                                           {"tags", article->tags},
                                           {"status", article->status},
                                           {"updated", FormatTime(article->updated)},
                                           {"html", knowledge::RenderMarkdown(article->body)}});
         });
}

}  // namespace sa::http
