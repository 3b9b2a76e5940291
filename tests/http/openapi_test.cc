// docs/openapi.yaml (as served by the server) documents exactly the routes
// of the router: every route documented, every documented path routed.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "fixture.h"

namespace sa::http::testing {
namespace {

class OpenApiTest : public ApiTest {};

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

TEST_F(OpenApiTest, DocumentsEveryRouteAndRoutesEveryDocumentedPath) {
  HttpResponse r = client_->Send("GET", "/api/v1/openapi.yaml");
  ASSERT_EQ(r.status, 200);
  YAML::Node doc = YAML::Load(r.body);
  ASSERT_TRUE(doc["openapi"]) << "not an OpenAPI document";
  EXPECT_EQ(doc["openapi"].as<std::string>().rfind("3.", 0), 0u);
  // Paths in the file are relative to the first server URL ("/" or "/api/v1").
  std::set<std::string> documented;
  for (const auto& path : doc["paths"]) {
    for (const auto& op : path.second) {
      std::string method = Lower(op.first.as<std::string>());
      if (method == "parameters" || method == "summary" || method == "description") continue;
      documented.insert(method + " " + path.first.as<std::string>());
    }
  }
  std::set<std::string> routed;
  for (const RouteInfo& route : server_->Routes()) {
    routed.insert(Lower(route.method) + " " + route.pattern);
  }
  for (const std::string& r : routed) {
    EXPECT_TRUE(documented.count(r)) << "route not documented in docs/openapi.yaml: " << r;
  }
  for (const std::string& d : documented) {
    EXPECT_TRUE(routed.count(d)) << "documented but not routed: " << d;
  }
  EXPECT_GT(routed.size(), 30u);
}

}  // namespace
}  // namespace sa::http::testing
