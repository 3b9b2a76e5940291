// The two search indexes the knowledge API answers from:
//  - the ranked article index (knowledge::KnowledgeIndex). When the app gives
//    a provider (ServerDeps::knowledge_index, the org snapshot's index) it is
//    used; otherwise, or when the provider fails, an index built here from the
//    organization as OrgCache last loaded it, rebuilt whenever that changes.
//    Both are rebuilt when the org version moves, which KnowledgeRepo::Save
//    bumps, so an article saved through the API is found by the next search.
//  - the case library (knowledge::CaseIndex) of resolved tickets with a
//    resolution note: built from the store on first use; then every Cases()
//    first catches up with the audit log (each ticket change, on any path:
//    API, bot, another server, is an event), and TicketChanged applies the
//    API's own updates at once.
// Private to src/http. Thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <mutex>

#include "core/status.h"
#include "http/org_cache.h"
#include "model/ticket.h"
#include "store/store.h"

namespace sa::knowledge {
class KnowledgeIndex;
class CaseIndex;
}  // namespace sa::knowledge

namespace sa::http {

using KnowledgeIndexProvider =
    std::function<Result<std::shared_ptr<const knowledge::KnowledgeIndex>>()>;

class KbIndexes {
 public:
  // `provider` may be null. `store` and `org` must outlive this object.
  KbIndexes(store::Store& store, OrgCache& org, KnowledgeIndexProvider provider);
  ~KbIndexes();

  // The article index of the current organization. Fails only when the
  // organization cannot be loaded or the engine cannot be created.
  Result<std::shared_ptr<const knowledge::KnowledgeIndex>> Articles();

  // The case library, built on first call and brought up to date with the
  // tickets changed since (audit events). kUnavailable when the store cannot
  // be read.
  Result<std::shared_ptr<const knowledge::CaseIndex>> Cases();

  // Adds a ticket that is now resolved with a note to the library, or takes
  // out one that no longer is (reopened). No-op before the first Cases().
  void TicketChanged(const model::Ticket& ticket);

 private:
  store::Store& store_;
  OrgCache& org_;
  KnowledgeIndexProvider provider_;

  std::mutex articles_mu_;  // guards the two below; held while building
  std::shared_ptr<const model::OrgPack> indexed_pack_;
  std::shared_ptr<const knowledge::KnowledgeIndex> articles_;

  Status BuildCasesLocked();
  Status CatchUpCasesLocked();
  void ApplyLocked(const model::Ticket& ticket);

  std::mutex cases_mu_;  // guards the two below; held while building
  std::shared_ptr<knowledge::CaseIndex> cases_;
  int64_t cases_seq_ = 0;  // the last audit event the library has seen
};

}  // namespace sa::http
