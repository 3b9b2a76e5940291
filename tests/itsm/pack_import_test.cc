#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "itsm/audit.h"
#include "itsm/pack.h"
#include "test_store.h"

namespace sa::itsm {
namespace {

std::string ReadAcme() {
  std::ifstream in(std::filesystem::path(SA_EXAMPLES_DIR) / "acme.yaml", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class PackImportTest : public ::testing::Test {
 protected:
  PackImportTest()
      : clock_(TimePoint(std::chrono::sys_days{std::chrono::year{2026} / 11 / 23})),
        acme_(ReadAcme()) {}

  Result<ImportSummary> Import(const std::string& text) {
    errors_.clear();
    return ImportPack(db_.store(), clock_, text, "admin", "cli", &errors_);
  }

  template <typename T>
  T Read(const std::function<Result<T>(store::Tx&)>& fn) {
    T out{};
    Status status = db_.store().Transact([&](store::Tx& tx) -> Status {
      SA_ASSIGN_OR_RETURN(out, fn(tx));
      return Status::Ok();
    });
    EXPECT_TRUE(status.ok()) << status.ToString();
    return out;
  }
  model::OrgPack Load() {
    return Read<model::OrgPack>([](store::Tx& tx) { return tx.org().Load(); });
  }
  int64_t OrgVersion() {
    return Read<int64_t>([](store::Tx& tx) { return tx.org().Version(); });
  }
  std::vector<model::Event> OrgEvents() {
    return Read<std::vector<model::Event>>(
        [](store::Tx& tx) { return tx.events().ForEntity("org", "organization"); });
  }
  std::vector<model::Article> Versions(const std::string& id) {
    return Read<std::vector<model::Article>>(
        [&](store::Tx& tx) { return tx.knowledge().Versions(id); });
  }

  testing::TempStore db_;
  ManualClock clock_;
  std::string acme_;
  std::vector<std::string> errors_;
};

TEST_F(PackImportTest, AcmeImportsEverything) {
  auto summary = Import(acme_);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_TRUE(errors_.empty());
  EXPECT_EQ(summary->teams, 7);
  EXPECT_EQ(summary->catalog_items, 7);
  EXPECT_EQ(summary->ToString().rfind("imported Acme Corp: 7 teams, ", 0), 0u)
      << summary->ToString();

  model::OrgPack stored = Load();
  EXPECT_EQ(stored.organization.name, "Acme Corp");
  EXPECT_EQ(stored.teams.size(), 7u);
  EXPECT_EQ(static_cast<int>(stored.services.size()), summary->services);
  EXPECT_EQ(static_cast<int>(stored.users.size()), summary->users);
  EXPECT_EQ(static_cast<int>(stored.knowledge.size()), summary->articles);
  EXPECT_EQ(stored.request_catalog.size(), 7u);
}

TEST_F(PackImportTest, ImportIsAuditedAsOrgImported) {
  ASSERT_TRUE(Import(acme_).ok());
  auto events = OrgEvents();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "imported");
  EXPECT_EQ(events[0].actor, "admin");
  EXPECT_EQ(events[0].channel, "cli");
  EXPECT_EQ(events[0].changes["teams"], 7);
  auto chain = VerifyChain(db_.store());
  ASSERT_TRUE(chain.ok());
  EXPECT_TRUE(chain->ok);
}

TEST_F(PackImportTest, ReimportIsIdempotent) {
  ASSERT_TRUE(Import(acme_).ok());
  model::OrgPack first = Load();
  int64_t version = OrgVersion();
  ASSERT_TRUE(Import(acme_).ok());
  model::OrgPack second = Load();
  EXPECT_EQ(second.teams.size(), first.teams.size());
  EXPECT_EQ(second.users.size(), first.users.size());
  EXPECT_EQ(second.knowledge.size(), first.knowledge.size());
  EXPECT_EQ(Versions("kb-vpn-setup").size(), 1u);
  for (const model::Article& a : second.knowledge) {
    EXPECT_EQ(a.version, 1) << a.id << " was saved again without a change";
  }
  EXPECT_GT(OrgVersion(), version);
  auto events = OrgEvents();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].changes["articles_saved"], 0);
}

TEST_F(PackImportTest, ChangedArticleGetsANewVersion) {
  ASSERT_TRUE(Import(acme_).ok());
  const std::string id = Load().knowledge.front().id;
  std::string changed = acme_;
  const std::string marker = "body: |\n";
  size_t pos = changed.find(marker, changed.find("id: " + id));
  ASSERT_NE(pos, std::string::npos);
  changed.insert(pos + marker.size(), "      Updated procedure.\n\n");
  ASSERT_TRUE(Import(changed).ok()) << ::testing::PrintToString(errors_);
  auto versions = Versions(id);
  ASSERT_EQ(versions.size(), 2u);
  model::OrgPack stored = Load();
  auto it = std::find_if(stored.knowledge.begin(), stored.knowledge.end(),
                         [&](const model::Article& a) { return a.id == id; });
  ASSERT_NE(it, stored.knowledge.end());
  EXPECT_EQ(it->version, 2);
  EXPECT_EQ(it->body.rfind("Updated procedure.", 0), 0u);
  EXPECT_EQ(OrgEvents().back().changes["articles_saved"], 1);
}

TEST_F(PackImportTest, PackWithAnErrorWritesNothing) {
  ASSERT_TRUE(Import(acme_).ok());
  int64_t version = OrgVersion();
  std::string broken = acme_;
  size_t pos = broken.find("owner_team: erp");
  ASSERT_NE(pos, std::string::npos);
  broken.replace(pos, 15, "owner_team: eerp");
  broken += "extra_section: true\n";
  auto result = Import(broken);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(errors_.size(), 2u) << ::testing::PrintToString(errors_);
  EXPECT_EQ(OrgVersion(), version);
  EXPECT_EQ(OrgEvents().size(), 1u);
}

TEST_F(PackImportTest, BrokenFirstImportLeavesTheStoreEmpty) {
  auto result = Import("format: smartassist-orgpack/1\norganization: {name: X}\nteams: []\n");
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(Load().teams.empty());
  EXPECT_TRUE(OrgEvents().empty());
}

}  // namespace
}  // namespace sa::itsm
