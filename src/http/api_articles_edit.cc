// /api/v1/articles, writing (agents and admins): create, edit (a new version
// with author and date; optimistic `version` check), status changes, the
// version history, and the Markdown preview the editor shows. Every change is
// validated against the organization (articles.h) and audited in the same
// transaction as the save; the next search finds it (KbIndexes).
#include "core/ids.h"
#include "http/api.h"
#include "http/articles.h"
#include "http/json_input.h"
#include "knowledge/knowledge.h"

namespace sa::http {

namespace {

// The editable fields of a request body; absent ones leave the article as is.
struct ArticleFields {
  std::optional<std::string> title, body, language, status;
  std::optional<std::vector<std::string>> audience, services, tags;
  std::optional<Json> translations;

  void Read(JsonReader& in) {
    title = in.OptString("title");
    body = in.OptString("body");
    language = in.OptString("language");
    status = in.OptString("status");
    audience = in.OptStringList("audience");
    services = in.OptStringList("services");
    tags = in.OptStringList("tags");
    translations = in.OptObject("translations");
  }

  void ApplyTo(model::Article* a) const {
    if (title) a->title = *title;
    if (body) a->body = *body;
    if (language) a->language = *language;
    if (status) a->status = *status;
    if (audience) a->audience = *audience;
    if (services) a->services = *services;
    if (tags) a->tags = *tags;
    if (translations) {
      a->translations.clear();
      for (const auto& [lang, target] : translations->items()) {
        // A non-string target becomes "" and fails validation, naming the field.
        a->translations[lang] = target.is_string() ? target.get<std::string>() : "";
      }
    }
  }
};

// A slug id for a new article from its title: "kb-" + ASCII letters and
// digits, dashes between words (non-Latin titles give "kb-<random>").
std::string IdFromTitle(const std::string& title) {
  std::string slug;
  for (char c : title) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) && u < 0x80) {
      slug += static_cast<char>(std::tolower(u));
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
    if (slug.size() >= 40) break;
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  if (slug.size() < 3) slug = RandomHex(4);
  return "kb-" + slug;
}

Json ArticleWithBody(const model::Article& a) {
  Json j = ArticleMetaJson(a);
  j["body"] = a.body;
  return j;
}

}  // namespace

void Api::AddArticleEditRoutes() {
  Authed("POST", "/api/v1/articles",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireStaff(caller));
           SA_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
           JsonReader in(body, {"id", "title", "body", "language", "status", "audience", "services",
                                "tags", "translations", "reason"});
           SA_ASSIGN_OR_RETURN(auto org, Org());
           model::Article article;
           article.status = "draft";
           article.audience = {"all"};
           article.language =
               org->organization.languages.empty() ? "en" : org->organization.languages.front();
           std::optional<std::string> id = in.OptString("id");
           if (!in.Has("title")) return InvalidArgument("field \"title\": required");
           if (!in.Has("body")) return InvalidArgument("field \"body\": required");
           ArticleFields fields;
           fields.Read(in);
           fields.ApplyTo(&article);
           std::string reason = in.OptString("reason").value_or("");
           SA_RETURN_IF_ERROR(in.status());
           article.id = id ? *id : IdFromTitle(article.title);
           SA_RETURN_IF_ERROR(ValidateArticle(*org, &article));
           SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
             SA_ASSIGN_OR_RETURN(std::optional<model::Article> existing,
                                 tx.knowledge().Get(article.id));
             if (existing && !id) {
               // A generated id that is taken: make it unique.
               article.id += "-" + RandomHex(3);
               SA_ASSIGN_OR_RETURN(existing, tx.knowledge().Get(article.id));
             }
             if (existing) return Conflict("an article \"" + existing->id + "\" already exists");
             return SaveArticleChange(tx, deps_.clock, caller.actor, std::nullopt, &article,
                                      "created", reason);
           }));
           Response r = Response::MakeJson(201, ArticleWithBody(article));
           r.headers.emplace_back("Location", "/api/v1/articles/" + article.id);
           return r;
         });

  // Edits: the fields given replace the current ones; `version` (required)
  // must be the version the editor started from, else 409.
  Authed("PUT", "/api/v1/articles/{id}",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireStaff(caller));
           SA_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
           JsonReader in(body, {"version", "title", "body", "language", "status", "audience",
                                "services", "tags", "translations", "reason"});
           std::optional<int64_t> version = in.OptInt("version");
           std::string reason = in.OptString("reason").value_or("");
           ArticleFields fields;
           fields.Read(in);
           SA_RETURN_IF_ERROR(in.status());
           if (!version) return InvalidArgument("field \"version\": required");
           SA_ASSIGN_OR_RETURN(auto org, Org());
           model::Article article;
           SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
             SA_ASSIGN_OR_RETURN(std::optional<model::Article> before,
                                 tx.knowledge().Get(request.params["id"]));
             if (!before) return NotFound("no article \"" + request.params["id"] + "\"");
             if (before->version != *version) {
               return Conflict("article \"" + before->id + "\" is at version " +
                               std::to_string(before->version) + ", not " +
                               std::to_string(*version) + " (someone else saved it meanwhile)");
             }
             article = *before;
             fields.ApplyTo(&article);
             SA_RETURN_IF_ERROR(ValidateArticle(*org, &article));
             return SaveArticleChange(tx, deps_.clock, caller.actor, before, &article, "updated",
                                      reason);
           }));
           return Response::MakeJson(200, ArticleWithBody(article));
         });

  Authed("PATCH", "/api/v1/articles/{id}",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireStaff(caller));
           SA_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
           JsonReader in(body, {"status", "version", "reason"});
           std::optional<std::string> status = in.OptString("status");
           std::optional<int64_t> version = in.OptInt("version");
           std::string reason = in.OptString("reason").value_or("");
           SA_RETURN_IF_ERROR(in.status());
           if (!status) return InvalidArgument("field \"status\": required");
           SA_ASSIGN_OR_RETURN(auto org, Org());
           model::Article article;
           SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
             SA_ASSIGN_OR_RETURN(std::optional<model::Article> before,
                                 tx.knowledge().Get(request.params["id"]));
             if (!before) return NotFound("no article \"" + request.params["id"] + "\"");
             if (version && before->version != *version) {
               return Conflict("article \"" + before->id + "\" is at version " +
                               std::to_string(before->version) + ", not " +
                               std::to_string(*version));
             }
             article = *before;
             article.status = *status;
             SA_RETURN_IF_ERROR(ValidateArticle(*org, &article));
             if (article.status == before->status) return Status::Ok();  // nothing to save
             return SaveArticleChange(tx, deps_.clock, caller.actor, before, &article,
                                      "status_changed", reason);
           }));
           return Response::MakeJson(200, ArticleWithBody(article));
         });

  Authed("GET", "/api/v1/articles/{id}/versions",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireStaff(caller));
           SA_RETURN_IF_ERROR(QueryReader(request.query, {}).status());
           std::vector<model::Article> versions;
           SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
             SA_ASSIGN_OR_RETURN(std::optional<model::Article> article,
                                 tx.knowledge().Get(request.params["id"]));
             if (!article) return NotFound("no article \"" + request.params["id"] + "\"");
             SA_ASSIGN_OR_RETURN(versions, tx.knowledge().Versions(article->id));
             return Status::Ok();
           }));
           Json items = Json::array();
           for (auto it = versions.rbegin(); it != versions.rend(); ++it) {
             items.push_back(ArticleWithBody(*it));  // newest first
           }
           return Response::MakeJson(200, {{"items", std::move(items)}});
         });

  // The editor's preview: exactly what readers will get (sanitized HTML).
  Authed("POST", "/api/v1/articles/render",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireStaff(caller));
           SA_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
           JsonReader in(body, {"body"});
           std::string markdown = in.OptString("body").value_or("");
           SA_RETURN_IF_ERROR(in.status());
           if (markdown.size() > kMaxArticleBody) {
             return InvalidArgument("field \"body\": longer than 200000 bytes");
           }
           return Response::MakeJson(200, {{"html", knowledge::RenderMarkdown(markdown)}});
         });
}

}  // namespace sa::http
