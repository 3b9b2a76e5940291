#include "http/org_cache.h"

namespace sa::http {

Result<std::shared_ptr<const model::OrgPack>> OrgCache::Get() {
  int64_t version = 0;
  SA_RETURN_IF_ERROR(store_.Transact([&](store::Tx& tx) -> Status {
    SA_ASSIGN_OR_RETURN(version, tx.org().Version());
    return Status::Ok();
  }));
  {
    std::lock_guard lock(mu_);
    if (pack_ && version == version_) return pack_;
  }
  auto pack = std::make_shared<model::OrgPack>();
  SA_RETURN_IF_ERROR(store_.Transact([&](store::Tx& tx) -> Status {
    SA_ASSIGN_OR_RETURN(version, tx.org().Version());
    SA_ASSIGN_OR_RETURN(*pack, tx.org().Load());
    return Status::Ok();
  }));
  std::lock_guard lock(mu_);
  if (version >= version_) {
    version_ = version;
    pack_ = pack;
  }
  return std::shared_ptr<const model::OrgPack>(pack);
}

}  // namespace sa::http
