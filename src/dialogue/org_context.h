// The organization as the bot sees it: the imported pack with lookup tables,
// the NLU engine built on its vocabulary, the knowledge index of its articles
// and the router trained on its teams and past tickets. Rebuilt whenever the
// org version in the store changes (an import, an article saved), so the
// server picks up what `smartassist import` wrote without a restart.
// Two cheaper refreshes keep the models learning (docs/NLU.md, "Learning
// loop"): when the learning generation moves (a ticket reassigned, a team
// correction) only the router is retrained; when the retrained intent model
// file changes on disk (`nlu retrain`, the periodic job) only the NLU engine
// is reloaded.
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
  int64_t learning_generation = -1;  // store::LearningRepo::Generation() the router saw
  std::string model_stamp;           // identity (mtime, size) of the model file loaded; "" none
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
  // A retrained intent model (nlu::Retrain): used instead of the built-in one
  // when the file exists, and reloaded when it changes. "" = none.
  std::string nlu_model_file;
};

class OrgContext {
 public:
  OrgContext(store::Store& store, OrgContextOptions options);

  // The newest snapshot, rebuilding it first when the stored org version moved
  // (or refreshing its router / NLU engine, see above). Callers that arrive
  // while a rebuild runs wait for it; those holding the previous snapshot keep
  // using it. Fails only when there is no usable snapshot at all (store down
  // at start, nothing imported yet gives an empty but valid organization).
  Result<std::shared_ptr<const OrgSnapshot>> Current();
  // Forces a rebuild on the next Current() (after a retrain, say).
  void Invalidate();

 private:
  // What a snapshot is built from; a snapshot is current when all three match.
  struct Stamp {
    int64_t version = 0;
    int64_t learning_generation = 0;
    std::string model_stamp;
  };
  static bool IsCurrent(const OrgSnapshot& snapshot, const Stamp& stamp);
  Result<std::shared_ptr<const OrgSnapshot>> Build(const Stamp& stamp);
  // A copy of `old` with a new router and/or NLU engine; the org is unchanged.
  Result<std::shared_ptr<const OrgSnapshot>> Refresh(const OrgSnapshot& old, const Stamp& stamp);
  Result<std::vector<routing::RoutedExample>> LoadRoutingHistory(store::Tx& tx);
  // Agents' service corrections into service_examples_ (they teach the NLU
  // engine's service matcher, nlu::Vocabulary::service_examples).
  Status LoadServiceCorrections(store::Tx& tx);
  void BuildRouter(OrgSnapshot& snap, const std::vector<routing::RoutedExample>& history);
  Status BuildNlu(OrgSnapshot& snap, const std::string& model_stamp);
  std::string ModelStamp() const;

  store::Store& store_;
  OrgContextOptions options_;
  std::mutex build_mu_;  // one rebuild at a time
  std::mutex mu_;        // guards snapshot_
  std::shared_ptr<const OrgSnapshot> snapshot_;
  std::shared_ptr<const nlu::Engine> nlu_cache_;  // reused when only articles changed
  std::string nlu_vocabulary_key_;                // vocabulary + model stamp of nlu_cache_
  std::vector<nlu::Example> service_examples_;    // guarded by build_mu_
};

}  // namespace sa::dialogue
