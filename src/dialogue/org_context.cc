#include "dialogue/org_context.h"

#include <sys/stat.h>

#include <algorithm>
#include <set>

#include "core/ids.h"
#include "dialogue/learning.h"

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
  for (const auto& x : v.service_examples) key += "#" + x.intent + ":" + x.text;
  return Sha256Hex(key);
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

bool OrgContext::IsCurrent(const OrgSnapshot& snapshot, const Stamp& stamp) {
  return snapshot.version == stamp.version &&
         snapshot.learning_generation == stamp.learning_generation &&
         snapshot.model_stamp == stamp.model_stamp;
}

std::string OrgContext::ModelStamp() const {
  if (options_.nlu_model_file.empty()) return "";
  struct stat st {};
  if (::stat(options_.nlu_model_file.c_str(), &st) != 0) return "";
  return std::to_string(st.st_ino) + ":" + std::to_string(st.st_size) + ":" +
         std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
}

Result<std::shared_ptr<const OrgSnapshot>> OrgContext::Current() {
  Stamp stamp;
  Status st = store_.Transact([&](store::Tx& tx) -> Status {
    SA_ASSIGN_OR_RETURN(stamp.version, tx.org().Version());
    SA_ASSIGN_OR_RETURN(stamp.learning_generation, tx.learning().Generation());
    return Status::Ok();
  });
  stamp.model_stamp = ModelStamp();
  {
    std::lock_guard lock(mu_);
    if (!st.ok()) {
      if (snapshot_) return snapshot_;  // serve the last known organization
      return st;
    }
    if (snapshot_ && IsCurrent(*snapshot_, stamp)) return snapshot_;
  }
  std::lock_guard build_lock(build_mu_);
  std::shared_ptr<const OrgSnapshot> old;
  {
    std::lock_guard lock(mu_);
    if (snapshot_ && IsCurrent(*snapshot_, stamp)) return snapshot_;
    old = snapshot_;
  }
  auto built = old && old->version == stamp.version ? Refresh(*old, stamp) : Build(stamp);
  if (!built.ok()) {
    std::lock_guard lock(mu_);
    if (snapshot_) return snapshot_;
    return built.status();
  }
  std::lock_guard lock(mu_);
  snapshot_ = *built;
  return snapshot_;
}

Result<std::vector<routing::RoutedExample>> OrgContext::LoadRoutingHistory(store::Tx& tx) {
  std::vector<routing::RoutedExample> history;
  // Past tickets with the team that finally handled them (after any reassignment).
  model::TicketFilter filter;
  filter.limit = 500;
  SA_ASSIGN_OR_RETURN(auto tickets, tx.tickets().List(filter));
  for (const auto& t : tickets) {
    if (!t.team.empty()) history.push_back({t.title + ". " + t.description, t.team});
  }
  // Agents' team corrections of conversations.
  SA_ASSIGN_OR_RETURN(auto corrections, tx.learning().List(kTeamKind, 5000));
  for (const auto& c : corrections) {
    if (!c.label.empty() && !c.text.empty()) history.push_back({c.text, c.label});
  }
  return history;
}

Status OrgContext::LoadServiceCorrections(store::Tx& tx) {
  SA_ASSIGN_OR_RETURN(auto corrections, tx.learning().List(kServiceKind, 5000));
  service_examples_.clear();
  for (const auto& c : corrections) {
    if (!c.label.empty() && !c.text.empty())
      service_examples_.push_back({c.text, c.label, c.language});
  }
  return Status::Ok();
}

void OrgContext::BuildRouter(OrgSnapshot& snap,
                             const std::vector<routing::RoutedExample>& history) {
  snap.router = nullptr;
  if (snap.pack.teams.empty()) return;
  auto router = routing::Router::Build(snap.pack, history);
  if (router.ok()) snap.router = std::shared_ptr<const routing::Router>(std::move(router).value());
}

Status OrgContext::BuildNlu(OrgSnapshot& snap, const std::string& model_stamp) {
  nlu::Vocabulary vocabulary = VocabularyOf(snap.pack);
  vocabulary.service_examples = service_examples_;
  std::string key = VocabularyKey(vocabulary) + "|" + model_stamp;
  snap.model_stamp = model_stamp;
  if (nlu_cache_ && key == nlu_vocabulary_key_) {
    snap.nlu = nlu_cache_;
    return Status::Ok();
  }
  nlu::EngineOptions options;
  options.resource_dir = options_.nlu_resource_dir;
  options.model_cache = options_.nlu_model_cache;
  Result<std::unique_ptr<nlu::Engine>> engine = Status(Code::kNotFound, "no retrained model");
  if (!model_stamp.empty()) {
    options.model_file = options_.nlu_model_file;
    engine = nlu::Engine::Create(options, vocabulary);
    options.model_file.clear();
  }
  // No retrained model, or an unreadable one: the built-in model. The stamp is
  // kept, so a bad file is not retried until it changes again.
  if (!engine.ok()) engine = nlu::Engine::Create(options, vocabulary);
  if (!engine.ok()) return engine.status();
  snap.nlu = std::shared_ptr<const nlu::Engine>(std::move(engine).value());
  nlu_cache_ = snap.nlu;
  nlu_vocabulary_key_ = key;
  return Status::Ok();
}

Result<std::shared_ptr<const OrgSnapshot>> OrgContext::Refresh(const OrgSnapshot& old,
                                                               const Stamp& stamp) {
  auto snap = std::make_shared<OrgSnapshot>(old);
  if (old.learning_generation != stamp.learning_generation) {
    std::vector<routing::RoutedExample> history;
    SA_RETURN_IF_ERROR(store_.Transact([&](store::Tx& tx) -> Status {
      SA_ASSIGN_OR_RETURN(history, LoadRoutingHistory(tx));
      return LoadServiceCorrections(tx);
    }));
    BuildRouter(*snap, history);
    snap->learning_generation = stamp.learning_generation;
  }
  // BuildNlu reuses the engine when neither the model nor the service corrections changed.
  SA_RETURN_IF_ERROR(BuildNlu(*snap, stamp.model_stamp));
  return std::shared_ptr<const OrgSnapshot>(snap);
}

Result<std::shared_ptr<const OrgSnapshot>> OrgContext::Build(const Stamp& stamp) {
  auto snap = std::make_shared<OrgSnapshot>();
  snap->version = stamp.version;
  snap->learning_generation = stamp.learning_generation;
  std::vector<routing::RoutedExample> history;
  SA_RETURN_IF_ERROR(store_.Transact([&](store::Tx& tx) -> Status {
    SA_ASSIGN_OR_RETURN(snap->pack, tx.org().Load());
    SA_ASSIGN_OR_RETURN(auto articles, tx.knowledge().List());
    if (!articles.empty()) snap->pack.knowledge = std::move(articles);
    SA_ASSIGN_OR_RETURN(history, LoadRoutingHistory(tx));
    return LoadServiceCorrections(tx);
  }));
  if (snap->pack.organization.languages.empty()) snap->pack.organization.languages = {"en"};
  SA_RETURN_IF_ERROR(BuildNlu(*snap, stamp.model_stamp));

  SA_ASSIGN_OR_RETURN(auto kb, knowledge::KnowledgeIndex::Create({}));
  SA_RETURN_IF_ERROR(kb->Rebuild(snap->pack.knowledge, knowledge::SearchVocabulary(snap->pack)));
  snap->kb = std::shared_ptr<const knowledge::KnowledgeIndex>(std::move(kb));

  BuildRouter(*snap, history);

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
