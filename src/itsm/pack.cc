// ImportPack: writes a validated pack in one transaction (ParsePack is in
// pack_parse.cc).
#include "itsm/pack.h"

#include <chrono>

#include "core/ids.h"
#include "itsm/audit.h"

namespace sa::itsm {
namespace {

std::string Count(int n, const char* singular, const char* plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

// Same text and metadata: saving it again would only add a meaningless version.
bool SameContent(const model::Article& a, const model::Article& b) {
  return a.title == b.title && a.language == b.language && a.translations == b.translations &&
         a.audience == b.audience && a.services == b.services && a.tags == b.tags &&
         a.body == b.body;
}

ImportSummary Summarize(const model::OrgPack& pack) {
  ImportSummary s;
  s.organization = pack.organization.name;
  s.teams = static_cast<int>(pack.teams.size());
  s.user_groups = static_cast<int>(pack.user_groups.size());
  s.services = static_cast<int>(pack.services.size());
  s.configuration_items = static_cast<int>(pack.configuration_items.size());
  s.users = static_cast<int>(pack.users.size());
  s.articles = static_cast<int>(pack.knowledge.size());
  s.changes = static_cast<int>(pack.changes.size());
  s.incidents = static_cast<int>(pack.incidents.size());
  s.catalog_items = static_cast<int>(pack.request_catalog.size());
  return s;
}

// Saves the articles whose content differs from the stored one, as a new
// version; returns how many were saved.
Result<int> SaveChangedArticles(store::Tx& tx, const std::vector<model::Article>& articles,
                                TimePoint now) {
  int saved = 0;
  for (const model::Article& article : articles) {
    SA_ASSIGN_OR_RETURN(auto existing, tx.knowledge().Get(article.id));
    if (existing && SameContent(*existing, article)) continue;
    model::Article a = article;
    a.author = "import";
    a.updated = now;
    if (existing) {
      a.id = existing->id;
      a.version = existing->version + 1;
      a.status = existing->status;  // an admin's retire/draft decision stands
    } else {
      a.version = 1;
      a.status = "published";
    }
    SA_RETURN_IF_ERROR(tx.knowledge().Save(a));
    ++saved;
  }
  return saved;
}

}  // namespace

std::string ImportSummary::ToString() const {
  return "imported " + organization + ": " + Count(teams, "team", "teams") + ", " +
         Count(user_groups, "user group", "user groups") + ", " +
         Count(services, "service", "services") + ", " +
         Count(configuration_items, "configuration item", "configuration items") + ", " +
         Count(users, "user", "users") + ", " + Count(articles, "article", "articles") + ", " +
         Count(changes, "change", "changes") + ", " + Count(incidents, "incident", "incidents") +
         ", " + Count(catalog_items, "catalog item", "catalog items");
}

Result<ImportSummary> ImportPack(store::Store& store, const Clock& clock,
                                 std::string_view yaml_text, std::string_view actor,
                                 std::string_view channel, std::vector<std::string>* errors) {
  SA_ASSIGN_OR_RETURN(model::OrgPack pack, ParsePack(yaml_text, errors));
  ImportSummary summary = Summarize(pack);
  const TimePoint now = std::chrono::floor<std::chrono::seconds>(clock.Now());
  model::OrgPack org = pack;
  org.knowledge.clear();  // articles go through KnowledgeRepo, to keep versions meaningful
  Status status = store.Transact([&](store::Tx& tx) -> Status {
    SA_RETURN_IF_ERROR(tx.org().UpsertPack(org));
    SA_ASSIGN_OR_RETURN(int saved, SaveChangedArticles(tx, pack.knowledge, now));
    model::Event event;
    event.at = now;
    event.actor = std::string(actor);
    event.channel = std::string(channel);
    event.entity = "org";
    event.entity_id = "organization";
    event.action = "imported";
    event.changes = Json{{"organization", pack.organization.name},
                         {"teams", summary.teams},
                         {"user_groups", summary.user_groups},
                         {"services", summary.services},
                         {"configuration_items", summary.configuration_items},
                         {"users", summary.users},
                         {"articles", summary.articles},
                         {"articles_saved", saved},
                         {"changes", summary.changes},
                         {"incidents", summary.incidents},
                         {"catalog_items", summary.catalog_items}};
    event.reason = summary.ToString();
    return RecordEvent(tx, clock, std::move(event));
  });
  if (!status.ok()) {
    if (errors) errors->push_back(status.ToString());
    return status;
  }
  return summary;
}

}  // namespace sa::itsm
