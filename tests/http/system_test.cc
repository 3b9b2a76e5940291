// Health, readiness, metrics, access logs, request ids, keep-alive, static
// files and graceful stop.
#include <fstream>
#include <sstream>

#include "fixture.h"

namespace sa::http::testing {
namespace {

class SystemTest : public ApiTest {
 protected:
  void Configure(ServerOptions* options) override {
    web_ = std::filesystem::temp_directory_path() / ("sa_http_web_" + RandomHex(6));
    std::filesystem::create_directories(web_ / "assets");
    std::ofstream(web_ / "index.html") << "<!doctype html><title>smartassist</title>";
    std::ofstream(web_ / "assets" / "app.js") << "console.log('hi')";
    std::ofstream(web_.parent_path() / ("secret_" + web_.filename().string()))
        << "TOP-SECRET-CONTENT";
    options->static_dir = web_.string();
  }
  void TearDown() override {
    ApiTest::TearDown();
    std::error_code ec;
    std::filesystem::remove_all(web_, ec);
    std::filesystem::remove(web_.parent_path() / ("secret_" + web_.filename().string()), ec);
  }
  std::filesystem::path web_;
};

TEST_F(SystemTest, HealthAndReadiness) {
  EXPECT_EQ(client_->Call("GET", "/healthz", "").status, 200);
  HttpResponse ready = client_->Call("GET", "/readyz", "");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.json()["store"], "sqlite");
}

TEST_F(SystemTest, MetricsExposeRequestsLatencyAndTicketsByStatus) {
  CreateTicket(franck_, {{"title", "x"}, {"requester", "alice"}, {"team", "identity"}});
  client_->Call("GET", "/api/v1/tickets/INC-000001", franck_);
  client_->Call("GET", "/api/v1/tickets/INC-999999", franck_);
  HttpResponse m = client_->Call("GET", "/metrics", "");
  ASSERT_EQ(m.status, 200);
  EXPECT_EQ(m.Header("content-type").rfind("text/plain; version=0.0.4", 0), 0u);
  const std::string& t = m.body;
  EXPECT_NE(t.find("# TYPE sa_http_requests_total counter"), std::string::npos);
  EXPECT_NE(t.find("sa_http_requests_total{route=\"/api/v1/tickets/{id}\",method=\"GET\","
                   "status=\"200\"} 1"),
            std::string::npos)
      << t;
  EXPECT_NE(t.find("sa_http_requests_total{route=\"/api/v1/tickets/{id}\",method=\"GET\","
                   "status=\"404\"} 1"),
            std::string::npos);
  EXPECT_NE(t.find("sa_http_requests_total{route=\"/api/v1/tickets\",method=\"POST\","
                   "status=\"201\"} 1"),
            std::string::npos);
  EXPECT_NE(t.find("# TYPE sa_http_request_duration_seconds histogram"), std::string::npos);
  EXPECT_NE(t.find("sa_http_request_duration_seconds_bucket{route=\"/api/v1/tickets/{id}\","
                   "method=\"GET\",le=\"+Inf\"} 2"),
            std::string::npos);
  EXPECT_NE(t.find("sa_tickets{status=\"assigned\"} 1"), std::string::npos) << t;
}

TEST_F(SystemTest, EveryResponseCarriesARequestIdThatTheAccessLogRecords) {
  HttpResponse r = client_->Call("GET", "/api/v1/teams", franck_);
  std::string id = r.Header("x-request-id");
  ASSERT_FALSE(id.empty());
  HttpResponse echoed = client_->Send("GET", "/healthz", "", {{"X-Request-Id", "abc-123"}});
  EXPECT_EQ(echoed.Header("x-request-id"), "abc-123");
  server_->Stop();
  server_->Wait();
  std::ifstream log(options_.access_log);
  std::string line;
  bool found = false;
  while (std::getline(log, line)) {
    Json j = Json::parse(line);  // every line is one JSON object
    if (j["request_id"] == id) {
      found = true;
      EXPECT_EQ(j["method"], "GET");
      EXPECT_EQ(j["route"], "/api/v1/teams");
      EXPECT_EQ(j["status"], 200);
      EXPECT_TRUE(j["duration_ms"].is_number());
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(SystemTest, KeepsConnectionsAlive) {
  for (int i = 0; i < 5; ++i) ASSERT_EQ(client_->Call("GET", "/healthz", "").status, 200);
  EXPECT_EQ(client_->connections(), 1);
}

TEST_F(SystemTest, ServesStaticFilesWithTypesAndSpaFallback) {
  HttpResponse js = client_->Send("GET", "/assets/app.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.Header("content-type"), "text/javascript; charset=utf-8");
  HttpResponse root = client_->Send("GET", "/");
  EXPECT_EQ(root.status, 200);
  EXPECT_EQ(root.Header("content-type"), "text/html; charset=utf-8");
  HttpResponse route = client_->Send("GET", "/tickets/INC-000001");
  EXPECT_EQ(route.status, 200);
  EXPECT_NE(route.body.find("smartassist"), std::string::npos);
  EXPECT_EQ(client_->Send("GET", "/assets/missing.css").status, 404);
}

TEST_F(SystemTest, RefusesDirectoryTraversal) {
  std::string secret = "secret_" + web_.filename().string();
  for (const std::string& target : {"/../" + secret, "/assets/../../" + secret, "/%2e%2e/" + secret,
                                    "/assets/%2E%2E/%2E%2E/" + secret}) {
    HttpResponse r = client_->Raw("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_NE(r.status, 200) << target;
    EXPECT_EQ(r.body.find("TOP-SECRET-CONTENT"), std::string::npos) << target;
  }
}

TEST_F(SystemTest, GracefulStopClosesIdleConnections) {
  ASSERT_EQ(client_->Call("GET", "/healthz", "").status, 200);  // an idle keep-alive connection
  server_->Stop();
  server_->Wait();  // returns although a connection was open
  SUCCEED();
}

TEST_F(SystemTest, ServesItsOpenApiDescription) {
  HttpResponse r = client_->Send("GET", "/api/v1/openapi.yaml");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type"), "application/yaml");
  EXPECT_EQ(r.body.rfind("openapi: 3", 0), 0u);
}

}  // namespace
}  // namespace sa::http::testing
