// The fixture of the store contract tests: a fresh, empty store of the
// parameter's backend per test (SQLite in a temp dir; a new database on the
// process's shared PostgreSQL test server), and helpers to read in one call.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "store/store.h"
#include "tests/support/postgres_server.h"

#define ASSERT_OK(expr)                                                  \
  do {                                                                   \
    ::sa::Status assert_ok_status_ = (expr);                             \
    ASSERT_TRUE(assert_ok_status_.ok()) << assert_ok_status_.ToString(); \
  } while (0)

namespace sa::store {

enum class Backend { kSqlite, kPostgres };

inline std::string BackendName(Backend b) { return b == Backend::kSqlite ? "Sqlite" : "Postgres"; }
inline void PrintTo(Backend b, std::ostream* os) { *os << BackendName(b); }

// A fresh temp dir, deleted when destroyed.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "sa-store-XXXXXX").string();
    path_ = mkdtemp(tmpl.data()) ? tmpl : "";
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

class StoreTestBase : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kSqlite) {
      ASSERT_FALSE(dir_.path().empty()) << "cannot create a temp dir";
      location_ = dir_.path() + "/db";
    } else {
      std::string error;
      testing::PostgresServer* server = testing::SharedPostgresServer(&error);
      ASSERT_NE(server, nullptr) << error;
      auto uri = server->CreateUniqueDatabase();
      ASSERT_TRUE(uri.ok()) << uri.status().ToString();
      location_ = *uri;
    }
    Reopen();
  }

  // Closes the store and opens `location_` again.
  void Reopen() {
    store_.reset();
    auto opened = OpenStore(location_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }

  Store& store() { return *store_; }

  // Runs `fn` in its own transaction and returns its value; a failure fails
  // the test (and returns T{}).
  template <typename T>
  T Read(const std::function<Result<T>(Tx&)>& fn) {
    std::optional<T> out;
    Status status = store_->Transact([&](Tx& tx) -> Status {
      auto result = fn(tx);
      if (!result.ok()) return result.status();
      out = std::move(result).value();
      return Status::Ok();
    });
    EXPECT_TRUE(status.ok()) << status.ToString();
    return out ? std::move(*out) : T{};
  }

  TempDir dir_;
  std::string location_;
  std::unique_ptr<Store> store_;
};

}  // namespace sa::store
