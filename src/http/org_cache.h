// The organization (teams, users, services...) as last loaded from the store,
// reloaded when OrgRepo::Version changes (so imports made by the CLI are seen
// without a restart). Thread-safe; returned snapshots are immutable.
#pragma once

#include <memory>
#include <mutex>

#include "core/status.h"
#include "model/org.h"
#include "store/store.h"

namespace sa::http {

class OrgCache {
 public:
  explicit OrgCache(store::Store& store) : store_(store) {}
  // The current organization: one cheap version query, a full load only when
  // the version moved.
  Result<std::shared_ptr<const model::OrgPack>> Get();

 private:
  store::Store& store_;
  std::mutex mu_;
  int64_t version_ = -1;
  std::shared_ptr<const model::OrgPack> pack_;
};

}  // namespace sa::http
