#include "itsm/pack.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sa::itsm {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += "  " + l + "\n";
  return out;
}

// ---- data-driven: tests/itsm/packs/*.yaml -------------------------------------

struct PackFile {
  std::string name;
  fs::path path;
};

void PrintTo(const PackFile& file, std::ostream* os) { *os << file.path; }

std::vector<PackFile> ListPackFiles() {
  std::vector<PackFile> files;
  for (const auto& entry : fs::directory_iterator(fs::path(SA_ITSM_TEST_DATA) / "packs")) {
    if (entry.path().extension() != ".yaml") continue;
    files.push_back({entry.path().stem().string(), entry.path()});
  }
  std::sort(files.begin(), files.end(),
            [](const PackFile& a, const PackFile& b) { return a.name < b.name; });
  return files;
}

class PackFileTest : public testing::TestWithParam<PackFile> {};

TEST_P(PackFileTest, ReportsExactlyTheErrorsItsHeaderStates) {
  const std::string text = ReadFile(GetParam().path);
  std::vector<std::string> expected;
  bool valid = false;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("# error: ", 0) == 0) expected.push_back(line.substr(9));
    if (line == "# valid") valid = true;
  }
  ASSERT_NE(valid, !expected.empty()) << "state either '# valid' or '# error: ...' lines";

  std::vector<std::string> errors;
  auto pack = ParsePack(text, &errors);
  if (valid) {
    EXPECT_TRUE(pack.ok()) << JoinLines(errors);
    EXPECT_TRUE(errors.empty());
    return;
  }
  ASSERT_FALSE(pack.ok());
  EXPECT_EQ(pack.status().code(), Code::kInvalidArgument);
  std::sort(expected.begin(), expected.end());
  std::sort(errors.begin(), errors.end());
  EXPECT_EQ(errors, expected) << "got:\n" << JoinLines(errors);
}

INSTANTIATE_TEST_SUITE_P(Packs, PackFileTest, testing::ValuesIn(ListPackFiles()),
                         [](const testing::TestParamInfo<PackFile>& info) {
                           std::string name = info.param.name;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

// ---- behaviour on whole packs -------------------------------------------------

class PackTest : public testing::Test {
 protected:
  static model::OrgPack MustParse(const std::string& text) {
    std::vector<std::string> errors;
    auto pack = ParsePack(text, &errors);
    EXPECT_TRUE(pack.ok()) << JoinLines(errors);
    return pack.ok() ? *pack : model::OrgPack{};
  }
  static std::string Acme() { return ReadFile(fs::path(SA_EXAMPLES_DIR) / "acme.yaml"); }

  static constexpr const char* kMinimal = R"(format: smartassist-orgpack/1
organization:
  name: Mini
teams:
  - id: Desk
    name: Desk
    default: true
  - id: network
    name: Network
    members: [DANA]
services:
  - id: VPN
    name: VPN
  - id: wifi
    name: Wi-Fi
    owner_team: NETWORK
    depends_on: [vpn, ap-1]
configuration_items:
  - id: AP-1
user_groups:
  - id: Staff
    name: Staff
users:
  - id: dana
    groups: [staff]
knowledge:
  - id: kb-1
    title: One
    body: text
request_catalog:
  - id: laptop
    name: Laptop
)";
};

TEST_F(PackTest, AcmeSampleParsesWithEverySection) {
  model::OrgPack pack = MustParse(Acme());
  EXPECT_EQ(pack.organization.name, "Acme Corp");
  EXPECT_EQ(pack.organization.languages, (std::vector<std::string>{"en", "ru", "zh"}));
  EXPECT_EQ(pack.organization.timezone, "Europe/Paris");
  EXPECT_EQ(pack.organization.business_hours.days, (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(pack.organization.business_hours.from_minute, 8 * 60);
  EXPECT_EQ(pack.organization.business_hours.to_minute, 18 * 60);
  EXPECT_EQ(pack.organization.holidays, (std::vector<std::string>{"2026-12-25", "2027-01-01"}));
  ASSERT_EQ(pack.teams.size(), 7u);
  EXPECT_TRUE(pack.teams[0].is_default);
  ASSERT_TRUE(pack.teams[0].business_hours.has_value());
  EXPECT_EQ(pack.teams[0].business_hours->from_minute, 2 * 60);
  EXPECT_FALSE(pack.teams[1].business_hours.has_value());  // inherit
  EXPECT_FALSE(pack.services.empty());
  EXPECT_FALSE(pack.users.empty());
  EXPECT_FALSE(pack.knowledge.empty());
  EXPECT_EQ(pack.changes.size(), 5u);
  EXPECT_EQ(pack.incidents.size(), 1u);
  EXPECT_EQ(pack.request_catalog.size(), 7u);
  EXPECT_TRUE(pack.automations.password_reset_enabled);
  EXPECT_EQ(pack.automations.self_healing.size(), 1u);
  EXPECT_EQ(pack.automations.self_healing[0].timeout_s, 120);
}

TEST_F(PackTest, AcmeValuesAreReadIntoTheModel) {
  model::OrgPack pack = MustParse(Acme());
  auto sap = std::find_if(pack.services.begin(), pack.services.end(),
                          [](const model::Service& s) { return s.id == "sap-fi"; });
  ASSERT_NE(sap, pack.services.end());
  EXPECT_EQ(sap->owner_team, "erp");
  EXPECT_EQ(sap->criticality, "critical");
  EXPECT_NE(std::find(sap->aliases.begin(), sap->aliases.end(), "财务系统"), sap->aliases.end());
  const model::Change& change = pack.changes[0];
  EXPECT_EQ(FormatTime(change.start), "2026-12-12T17:00:00Z");
  EXPECT_TRUE(change.outage);
  const model::CatalogItem& laptop = pack.request_catalog[0];
  EXPECT_EQ(laptop.approval, "manager");
  ASSERT_FALSE(laptop.fields.empty());
  EXPECT_EQ(laptop.fields[0].type, "choice");
  EXPECT_EQ(laptop.fields[0].options[0], "standard 14\"");
  EXPECT_TRUE(laptop.fields[0].required);
  auto mes = std::find_if(pack.knowledge.begin(), pack.knowledge.end(),
                          [](const model::Article& a) { return a.id == "kb-mes-terminal-login"; });
  ASSERT_NE(mes, pack.knowledge.end());
  EXPECT_EQ(mes->translations.at("zh"), "kb-mes-terminal-login-zh");
  EXPECT_EQ(mes->audience, (std::vector<std::string>{"plant"}));
}

TEST_F(PackTest, FillsDefaultsForOptionalSettings) {
  model::OrgPack pack = MustParse(kMinimal);
  EXPECT_EQ(pack.organization.languages, (std::vector<std::string>{"en"}));
  EXPECT_EQ(pack.organization.timezone, "UTC");
  EXPECT_EQ(pack.organization.business_hours.days, (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(pack.services[0].owner_team, "Desk");  // no owner: the default team
  EXPECT_EQ(pack.services[0].criticality, "medium");
  EXPECT_EQ(pack.request_catalog[0].team, "Desk");
  EXPECT_EQ(pack.request_catalog[0].approval, "none");
  EXPECT_EQ(pack.knowledge[0].language, "en");
  EXPECT_EQ(pack.knowledge[0].audience, (std::vector<std::string>{"all"}));
  EXPECT_EQ(pack.users[0].role, "user");
  EXPECT_EQ(pack.users[0].name, "dana");
  EXPECT_EQ(pack.configuration_items[0].name, "AP-1");
}

TEST_F(PackTest, ReferencesIgnoreCaseAndTakeTheDeclaredSpelling) {
  model::OrgPack pack = MustParse(kMinimal);
  EXPECT_EQ(pack.teams[1].members, (std::vector<std::string>{"dana"}));
  EXPECT_EQ(pack.services[1].owner_team, "network");
  EXPECT_EQ(pack.services[1].depends_on, (std::vector<std::string>{"VPN", "AP-1"}));
  EXPECT_EQ(pack.users[0].groups, (std::vector<std::string>{"Staff"}));
}

TEST_F(PackTest, FailureStatusCountsErrorsAndQuotesTheFirst) {
  std::vector<std::string> errors;
  auto pack = ParsePack("format: smartassist-orgpack/1\nfoo: 1\nbar: 2\n", &errors);
  ASSERT_FALSE(pack.ok());
  ASSERT_EQ(errors.size(), 4u);  // foo, bar, organization, teams
  EXPECT_NE(pack.status().message().find("4 errors"), std::string::npos);
  EXPECT_NE(pack.status().message().find(errors[0]), std::string::npos);
}

TEST_F(PackTest, SyntaxErrorNamesLineAndColumn) {
  std::vector<std::string> errors;
  auto pack = ParsePack("format: x\nteams:\n  - id: [a\n", &errors);
  ASSERT_FALSE(pack.ok());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].rfind("line ", 0), 0u) << errors[0];
  EXPECT_NE(errors[0].find("column"), std::string::npos);
}

TEST_F(PackTest, EmptyTextIsRejected) {
  std::vector<std::string> errors;
  EXPECT_FALSE(ParsePack("", &errors).ok());
  EXPECT_FALSE(errors.empty());
}

TEST_F(PackTest, ErrorsMayBeIgnoredWithNullOutput) {
  auto pack = ParsePack("format: 1\n", nullptr);
  EXPECT_FALSE(pack.ok());
}

}  // namespace
}  // namespace sa::itsm
