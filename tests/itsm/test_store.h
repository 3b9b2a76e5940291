// Test helper: a fresh embedded (SQLite) store in its own temporary directory,
// deleted afterwards. Not thread-safe; one per test.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "store/store.h"

namespace sa::itsm::testing {

class TempStore {
 public:
  TempStore();
  ~TempStore();
  TempStore(const TempStore&) = delete;
  TempStore& operator=(const TempStore&) = delete;

  store::Store& store() { return *store_; }
  // The SQLite file, to tamper with it behind the store's back.
  std::string DatabasePath() const { return (dir_ / "smartassist.db").string(); }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
};

}  // namespace sa::itsm::testing
