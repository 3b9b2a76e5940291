#include "fixture.h"

#include <fstream>
#include <sstream>

#include "core/ids.h"
#include "http/tokens.h"
#include "itsm/pack.h"
#include "tests/support/test_db.h"

namespace sa::http::testing {

void ApiTest::SetUp() {
  dir_ = std::filesystem::temp_directory_path() / ("sa_http_test_" + RandomHex(8));
  std::filesystem::create_directories(dir_);
  clock_ = std::make_unique<ManualClock>(*ParseTime("2026-11-23T10:00:00Z"));
  auto location = sa::testing::TestStoreLocation(dir_.string());
  ASSERT_TRUE(location.ok()) << location.status().ToString();
  auto store = store::OpenStore(*location);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  store_ = std::move(store).value();

  std::ifstream in(std::string(SA_SOURCE_DIR) + "/examples/acme.yaml");
  std::stringstream yaml;
  yaml << in.rdbuf();
  std::vector<std::string> errors;
  auto imported = itsm::ImportPack(*store_, *clock_, yaml.str(), "test", "cli", &errors);
  ASSERT_TRUE(imported.ok()) << imported.status().ToString()
                             << (errors.empty() ? "" : "\n" + errors.front());

  tickets_ = std::make_unique<itsm::TicketService>(*store_, *clock_, itsm::PriorityMatrix(),
                                                   itsm::AccessPolicy());
  alice_ = Token("user", "alice");
  carol_ = Token("user", "carol");
  franck_ = Token("agent", "franck");
  nadia_ = Token("agent", "nadia");
  hugo_ = Token("admin", "hugo");
  slack_ = Token("integration", "");

  options_.listen = "127.0.0.1:0";
  options_.threads = 2;
  options_.max_body_bytes = 64 * 1024;
  options_.access_log = (dir_ / "access.log").string();
  Configure(&options_);
  ServerDeps deps{*store_, *clock_, *tickets_, &engine_};
  automation::TotpVaultOptions totp;
  totp.dir = (dir_ / "totp").string();
  auto vault = automation::NewFileTotpVault(
      totp, std::shared_ptr<Clock>(std::shared_ptr<Clock>(), clock_.get()));  // not owned
  ASSERT_TRUE(vault.ok()) << vault.status().ToString();
  totp_ = std::move(vault).value();
  deps.totp = totp_.get();
  auto server = Server::Start(options_, deps);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  server_ = std::move(server).value();
  client_ = std::make_unique<Client>(server_->port());
}

void ApiTest::TearDown() {
  client_.reset();
  if (server_) {
    server_->Stop();
    server_->Wait();
    server_.reset();
  }
  tickets_.reset();
  store_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string ApiTest::Token(const std::string& role, const std::string& user) {
  auto token = CreateToken(*store_, *clock_, role + "-" + (user.empty() ? "slack" : user), role,
                           user, std::nullopt);
  EXPECT_TRUE(token.ok()) << token.status().ToString();
  return token.ok() ? *token : "";
}

std::string ApiTest::CreateTicket(const std::string& token, const Json& body) {
  HttpResponse r = client_->Call("POST", "/api/v1/tickets", token, body);
  EXPECT_EQ(r.status, 201) << r.body;
  return r.json().value("id", "");
}

}  // namespace sa::http::testing
