// Schema migrations: ordered, recorded, applied once, and a database newer
// than the program is refused.
#include <gtest/gtest.h>

#include "store/schema.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/store.h"
#include "tests/store/store_test_util.h"

namespace sa::store {
namespace {

TEST(MigrationTest, VersionsStrictlyAscendFromOne) {
  const auto& all = Migrations();
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all.front().version, 1);
  for (size_t i = 1; i < all.size(); ++i) EXPECT_GT(all[i].version, all[i - 1].version);
}

TEST(MigrationTest, OpeningRecordsEveryMigrationOnce) {
  TempDir dir;
  ASSERT_TRUE(OpenStore(dir.path()).ok());
  ASSERT_TRUE(OpenStore(dir.path()).ok());
  auto conn = sqlite::OpenConnection(dir.path() + "/smartassist.db");
  ASSERT_TRUE(conn.ok()) << conn.status().ToString();
  auto rows = (*conn)->Query("SELECT version FROM schema_migrations ORDER BY version", {});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), Migrations().size());
  for (size_t i = 0; i < rows->size(); ++i) {
    EXPECT_EQ((*rows)[i].Int(0), Migrations()[i].version);
  }
}

TEST(MigrationTest, ADatabaseNewerThanTheProgramIsRefused) {
  TempDir dir;
  ASSERT_TRUE(OpenStore(dir.path()).ok());
  {
    auto conn = sqlite::OpenConnection(dir.path() + "/smartassist.db");
    ASSERT_TRUE(conn.ok());
    auto inserted = (*conn)->Exec(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, 'future', '')",
        {Migrations().back().version + 1});
    ASSERT_TRUE(inserted.ok()) << inserted.status().ToString();
  }
  auto reopened = OpenStore(dir.path());
  ASSERT_FALSE(reopened.ok());
  EXPECT_EQ(reopened.status().code(), Code::kFailedPrecondition) << reopened.status().ToString();
}

TEST(MigrationTest, SqliteRejectsParametersAStatementDoesNotUse) {
  TempDir dir;
  auto conn = sqlite::OpenConnection(dir.path() + "/x.db");
  ASSERT_TRUE(conn.ok());
  EXPECT_EQ((*conn)->Query("SELECT $1", {1, 2}).status().code(), Code::kInternal);
  auto ok = (*conn)->Query("SELECT $2, $1", {"a", "b"});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ((*ok)[0].Text(0), "b");
}

}  // namespace
}  // namespace sa::store
