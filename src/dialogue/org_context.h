// The organization as the bot sees it: the imported pack with lookup tables,
// the NLU engine built on its vocabulary, the knowledge index of its articles
// and the router trained on its teams and past tickets. Rebuilt whenever the
// org version in the store changes (an import, an article saved), so the
// server picks up what `smartassist import` wrote without a restart.
//
// Thread-safe: Current() hands out an immutable snapshot that stays valid for
// as long as the caller holds it, even while a newer one is built.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "knowledge/knowledge.h"
#include "model/org.h"
#include "nlu/nlu.h"
#include "routing/router.h"
#include "store/store.h"

namespace sa::dialogue {

struct OrgSnapshot {
  int64_t version = -1;
  model::OrgPack pack;
  std::shared_ptr<const nlu::Engine> nlu;
  std::shared_ptr<const knowledge::KnowledgeIndex> kb;
  std::shared_ptr<const routing::Router> router;
  // Catalog item classifier (names + aliases -> item id); null without items.
  std::shared_ptr<const nlu::IntentClassifier> catalog;

  const model::User* User(std::string_view id) const;
  const model::User* UserByEmail(std::string_view email) const;
  const model::Team* Team(std::string_view id) const;
  const model::Service* Service(std::string_view id) const;
  const model::ConfigItem* ConfigItem(std::string_view id) const;
  const model::CatalogItem* CatalogItem(std::string_view id) const;
  const model::Article* Article(std::string_view id) const;
  const model::UserGroup* Group(std::string_view id) const;
  // Services of the user's groups, in pack order, without duplicates.
  std::vector<std::string> ServicesOfUser(const model::User& user) const;
  bool IsVip(const model::User& user) const;
  std::string DefaultLanguage() const;
};

struct OrgContextOptions {
  std::string nlu_resource_dir = "resources/nlu";
  std::string nlu_model_cache;  // "" = train in memory
};

class OrgContext {
 public:
  OrgContext(store::Store& store, OrgContextOptions options);

  // The newest snapshot, rebuilding it first when the stored org version moved.
  // Fails only when there is no usable snapshot at all (store down at start,
  // nothing imported yet gives an empty but valid organization).
  Result<std::shared_ptr<const OrgSnapshot>> Current();
  // Forces a rebuild on the next Current() (after a retrain, say).
  void Invalidate();

 private:
  Result<std::shared_ptr<const OrgSnapshot>> Build(int64_t version);

  store::Store& store_;
  OrgContextOptions options_;
  std::mutex build_mu_;  // one rebuild at a time
  std::mutex mu_;        // guards snapshot_
  std::shared_ptr<const OrgSnapshot> snapshot_;
  std::shared_ptr<const nlu::Engine> nlu_cache_;  // reused when only articles changed
  std::string nlu_vocabulary_key_;
};

}  // namespace sa::dialogue
