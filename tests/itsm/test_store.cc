#include "test_store.h"

#include <gtest/gtest.h>

#include "core/ids.h"

namespace sa::itsm::testing {

TempStore::TempStore()
    : dir_(std::filesystem::temp_directory_path() / ("sa_itsm_test_" + RandomHex(8))) {
  auto opened = store::OpenStore(dir_.string());
  if (!opened.ok()) {
    ADD_FAILURE() << "OpenStore(" << dir_ << "): " << opened.status().ToString();
    std::abort();
  }
  store_ = std::move(opened).value();
}

TempStore::~TempStore() {
  store_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

}  // namespace sa::itsm::testing
