// GET /api/v1/articles and /api/v1/articles/{id} over real sockets, on the
// demo organization: audiences are enforced, Markdown arrives as sanitized
// HTML, terms filter and rank.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "client.h"
#include "core/ids.h"
#include "http/server.h"
#include "http/tokens.h"
#include "itsm/pack.h"

namespace sa::http::testing {
namespace {

class ArticlesApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("sa_articles_test_" + RandomHex(8));
    std::filesystem::create_directories(dir_);
    clock_ = std::make_unique<ManualClock>(*ParseTime("2026-11-23T10:00:00Z"));
    auto store = store::OpenStore(dir_.string());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    std::ifstream in(std::string(SA_SOURCE_DIR) + "/examples/acme.yaml");
    std::stringstream yaml;
    yaml << in.rdbuf();
    std::vector<std::string> errors;
    ASSERT_TRUE(itsm::ImportPack(*store_, *clock_, yaml.str(), "test", "cli", &errors).ok());
    tickets_ = std::make_unique<itsm::TicketService>(*store_, *clock_, itsm::PriorityMatrix(),
                                                     itsm::AccessPolicy());
    ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.access_log = "off";
    auto server = Server::Start(options, ServerDeps{*store_, *clock_, *tickets_, nullptr});
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
    client_ = std::make_unique<Client>(server_->port());
    carol_ = Token("user", "carol");  // accounting
    marc_ = Token("user", "marc");    // plant
    nadia_ = Token("agent", "nadia");
  }

  void TearDown() override {
    client_.reset();
    server_.reset();
    tickets_.reset();
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  std::string Token(const std::string& role, const std::string& user) {
    auto token = CreateToken(*store_, *clock_, role + "-" + user, role, user, std::nullopt);
    EXPECT_TRUE(token.ok());
    return token.ok() ? *token : "";
  }

  std::vector<std::string> Ids(const HttpResponse& r) {
    std::vector<std::string> ids;
    Json body = r.json();
    for (const Json& item : body["items"]) ids.push_back(item.value("id", ""));
    return ids;
  }

  std::filesystem::path dir_;
  std::unique_ptr<ManualClock> clock_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<itsm::TicketService> tickets_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<Client> client_;
  std::string carol_, marc_, nadia_;
};

TEST_F(ArticlesApiTest, ArticleComesAsSanitizedHtml) {
  HttpResponse r = client_->Call("GET", "/api/v1/articles/kb-vpn-setup", marc_);
  ASSERT_EQ(r.status, 200) << r.body;
  Json a = r.json();
  EXPECT_EQ(a.value("title", ""), "How to set up and connect AnyPath VPN");
  std::string html = a.value("html", "");
  EXPECT_NE(html.find("<p>"), std::string::npos) << html;
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST_F(ArticlesApiTest, SearchRanksTitleMatchesFirst) {
  HttpResponse r = client_->Call("GET", "/api/v1/articles?q=anypath%20vpn", marc_);
  ASSERT_EQ(r.status, 200) << r.body;
  std::vector<std::string> ids = Ids(r);
  ASSERT_FALSE(ids.empty()) << r.body;
  EXPECT_EQ(ids.front().rfind("kb-vpn", 0), 0u) << ids.front();
  EXPECT_FALSE(r.json()["items"][0].value("snippet", "").empty());
}

TEST_F(ArticlesApiTest, AudienceRestrictedArticlesOnlyForTheirGroups) {
  EXPECT_EQ(client_->Call("GET", "/api/v1/articles/kb-sap-invoice-posting", carol_).status, 200);
  EXPECT_EQ(client_->Call("GET", "/api/v1/articles/kb-sap-invoice-posting", marc_).status, 404);
  EXPECT_EQ(client_->Call("GET", "/api/v1/articles/kb-sap-invoice-posting", nadia_).status, 200);
  std::vector<std::string> marcs = Ids(client_->Call("GET", "/api/v1/articles?q=fb60", marc_));
  EXPECT_EQ(std::count(marcs.begin(), marcs.end(), "kb-sap-invoice-posting"), 0);
  std::vector<std::string> carols = Ids(client_->Call("GET", "/api/v1/articles?q=fb60", carol_));
  EXPECT_EQ(std::count(carols.begin(), carols.end(), "kb-sap-invoice-posting"), 1);
}

TEST_F(ArticlesApiTest, UnknownArticleIs404AndAnonymousIs401) {
  EXPECT_EQ(client_->Call("GET", "/api/v1/articles/kb-nope", marc_).status, 404);
  EXPECT_EQ(client_->Call("GET", "/api/v1/articles", "").status, 401);
  EXPECT_EQ(client_->Call("GET", "/api/v1/articles?limit=0", marc_).status, 400);
}

}  // namespace
}  // namespace sa::http::testing
