#include "dialogue/org_context.h"

#include <algorithm>
#include <set>

#include "core/ids.h"

namespace sa::dialogue {
namespace {

nlu::Vocabulary VocabularyOf(const model::OrgPack& pack) {
  nlu::Vocabulary v;
  v.languages = pack.organization.languages;
  if (v.languages.empty()) v.languages = {"en"};
  for (const auto& s : pack.services) {
    nlu::VocabularyEntry e{nlu::kService, s.id, {s.name}, {}};
    e.names.insert(e.names.end(), s.aliases.begin(), s.aliases.end());
    v.entries.push_back(std::move(e));
  }
  for (const auto& ci : pack.configuration_items) {
    v.entries.push_back({nlu::kConfigItem, ci.id, {ci.name}, ci.hosts});
  }
  for (const auto& item : pack.request_catalog) {
    nlu::VocabularyEntry e{nlu::kCatalogItem, item.id, {item.name}, {}};
    e.names.insert(e.names.end(), item.aliases.begin(), item.aliases.end());
    v.entries.push_back(std::move(e));
  }
  return v;
}

// A cheap identity of a vocabulary, to know when the NLU engine must be rebuilt.
std::string VocabularyKey(const nlu::Vocabulary& v) {
  std::string key;
  for (const auto& l : v.languages) key += l + ",";
  for (const auto& e : v.entries) {
    key += "|" + e.kind + ":" + e.id;
    for (const auto& n : e.names) key += "/" + n;
    for (const auto& h : e.hostnames) key += "@" + h;
  }
  return Sha256Hex(key);
}

std::vector<knowledge::ServiceTerms> ServiceTermsOf(const model::OrgPack& pack) {
  std::vector<knowledge::ServiceTerms> out;
  for (const auto& s : pack.services) {
    knowledge::ServiceTerms t{s.id, {s.name}};
    t.names.insert(t.names.end(), s.aliases.begin(), s.aliases.end());
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace

const model::User* OrgSnapshot::User(std::string_view id) const { return model::FindById(pack.users, id); }
const model::Team* OrgSnapshot::Team(std::string_view id) const { return model::FindById(pack.teams, id); }
const model::Service* OrgSnapshot::Service(std::string_view id) const {
  return model::FindById(pack.services, id);
}
const model::ConfigItem* OrgSnapshot::ConfigItem(std::string_view id) const {
  return model::FindById(pack.configuration_items, id);
}
const model::CatalogItem* OrgSnapshot::CatalogItem(std::string_view id) const {
  return model::FindById(pack.request_catalog, id);
}
const model::Article* OrgSnapshot::Article(std::string_view id) const {
  return model::FindById(pack.knowledge, id);
}
const model::UserGroup* OrgSnapshot::Group(std::string_view id) const {
  return model::FindById(pack.user_groups, id);
}

const model::User* OrgSnapshot::UserByEmail(std::string_view email) const {
  for (const auto& u : pack.users) {
    if (!u.email.empty() && SameId(u.email, email)) return &u;
  }
  return nullptr;
}

std::vector<std::string> OrgSnapshot::ServicesOfUser(const model::User& user) const {
  std::vector<std::string> out;
  for (const auto& gid : user.groups) {
    const auto* g = Group(gid);
    if (g == nullptr) continue;
    for (const auto& s : g->services) {
      if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    }
  }
  return out;
}

bool OrgSnapshot::IsVip(const model::User& user) const {
  for (const auto& gid : user.groups) {
    const auto* g = Group(gid);
    if (g != nullptr && g->vip) return true;
  }
  return false;
}

std::string OrgSnapshot::DefaultLanguage() const {
  return pack.organization.languages.empty() ? "en" : pack.organization.languages.front();
}

OrgContext::OrgContext(store::Store& store, OrgContextOptions options)
    : store_(store), options_(std::move(options)) {}

void OrgContext::Invalidate() {
  std::lock_guard lock(mu_);
  if (snapshot_) {
    auto copy = std::make_shared<OrgSnapshot>(*snapshot_);
    copy->version = -1;
    snapshot_ = std::move(copy);
  }
}

Result<std::shared_ptr<const OrgSnapshot>> OrgContext::Current() {
  int64_t version = 0;
  Status st = store_.Transact([&](store::Tx& tx) -> Status {
    SA_ASSIGN_OR_RETURN(version, tx.org().Version());
    return Status::Ok();
  });
  {
    std::lock_guard lock(mu_);
    if (!st.ok()) {
      if (snapshot_) return snapshot_;  // serve the last known organization
      return st;
    }
    if (snapshot_ && snapshot_->version == version) return snapshot_;
  }
  std::lock_guard build_lock(build_mu_);
  {
    std::lock_guard lock(mu_);
    if (snapshot_ && snapshot_->version == version) return snapshot_;
  }
  auto built = Build(version);
  if (!built.ok()) {
    std::lock_guard lock(mu_);
    if (snapshot_) return snapshot_;
    return built.status();
  }
  std::lock_guard lock(mu_);
  snapshot_ = *built;
  return snapshot_;
}

Result<std::shared_ptr<const OrgSnapshot>> OrgContext::Build(int64_t version) {
  auto snap = std::make_shared<OrgSnapshot>();
  snap->version = version;
  std::vector<routing::RoutedExample> history;
  SA_RETURN_IF_ERROR(store_.Transact([&](store::Tx& tx) -> Status {
    SA_ASSIGN_OR_RETURN(snap->pack, tx.org().Load());
    SA_ASSIGN_OR_RETURN(auto articles, tx.knowledge().List());
    if (!articles.empty()) snap->pack.knowledge = std::move(articles);
    model::TicketFilter filter;
    filter.limit = 500;
    SA_ASSIGN_OR_RETURN(auto tickets, tx.tickets().List(filter));
    for (const auto& t : tickets) {
      if (!t.team.empty()) history.push_back({t.title + ". " + t.description, t.team});
    }
    return Status::Ok();
  }));
  if (snap->pack.organization.languages.empty()) snap->pack.organization.languages = {"en"};

  nlu::Vocabulary vocabulary = VocabularyOf(snap->pack);
  std::string key = VocabularyKey(vocabulary);
  if (nlu_cache_ && key == nlu_vocabulary_key_) {
    snap->nlu = nlu_cache_;
  } else {
    nlu::EngineOptions options;
    options.resource_dir = options_.nlu_resource_dir;
    options.model_cache = options_.nlu_model_cache;
    SA_ASSIGN_OR_RETURN(auto engine, nlu::Engine::Create(options, vocabulary));
    snap->nlu = std::shared_ptr<const nlu::Engine>(std::move(engine));
    nlu_cache_ = snap->nlu;
    nlu_vocabulary_key_ = key;
  }

  SA_ASSIGN_OR_RETURN(auto kb, knowledge::KnowledgeIndex::Create({}));
  SA_RETURN_IF_ERROR(kb->Rebuild(snap->pack.knowledge, ServiceTermsOf(snap->pack)));
  snap->kb = std::shared_ptr<const knowledge::KnowledgeIndex>(std::move(kb));

  if (!snap->pack.teams.empty()) {
    auto router = routing::Router::Build(snap->pack, history);
    if (router.ok())
      snap->router = std::shared_ptr<const routing::Router>(std::move(router).value());
  }

  std::vector<nlu::Example> items;
  std::set<std::string> labels;
  for (const auto& item : snap->pack.request_catalog) {
    items.push_back({item.name, item.id, ""});
    for (const auto& alias : item.aliases) items.push_back({alias, item.id, ""});
    labels.insert(item.id);
  }
  if (labels.size() >= 2) {
    nlu::ClassifierOptions options;
    options.oos_label = "";
    options.oos_threshold = 0;
    options.threads = 1;
    auto trained = nlu::IntentClassifier::Train(items, options);
    if (trained.ok()) {
      snap->catalog = std::shared_ptr<const nlu::IntentClassifier>(std::move(trained).value());
    }
  }
  return std::shared_ptr<const OrgSnapshot>(snap);
}

}  // namespace sa::dialogue
