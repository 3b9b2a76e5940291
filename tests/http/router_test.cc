#include "http/router.h"

#include <gtest/gtest.h>

namespace sa::http {
namespace {

Handler Named(std::string name) {
  return [name](Request&) { return Response::Text(200, "text/plain", name); };
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add("GET", "/api/v1/tickets", Named("list"));
    router_.Add("POST", "/api/v1/tickets", Named("create"));
    router_.Add("GET", "/api/v1/tickets/{id}", Named("get"));
    router_.Add("PATCH", "/api/v1/tickets/{id}", Named("patch"));
    router_.Add("POST", "/api/v1/tickets/{id}/comments", Named("comment"));
    router_.Add("GET", "/api/v1/tickets/stats", Named("stats"));
  }
  std::string Call(const std::string& method, const std::string& path) {
    Router::Match m = router_.Find(method, path);
    if (m.route == nullptr) return m.allowed.empty() ? "404" : "405";
    Request r;
    return m.route->handler(r).body;
  }
  Router router_;
};

TEST_F(RouterTest, CapturesPathParameters) {
  Router::Match m = router_.Find("POST", "/api/v1/tickets/INC-000001/comments");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/api/v1/tickets/{id}/comments");
  EXPECT_EQ(m.params.at("id"), "INC-000001");
}

TEST_F(RouterTest, PrefersLiteralSegmentsOverCaptures) {
  EXPECT_EQ(Call("GET", "/api/v1/tickets/stats"), "stats");
  EXPECT_EQ(Call("GET", "/api/v1/tickets/INC-1"), "get");
}

TEST_F(RouterTest, ReportsAllowedMethodsForKnownPathWithOtherMethod) {
  Router::Match m = router_.Find("DELETE", "/api/v1/tickets/INC-1");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "PATCH"}));
}

TEST_F(RouterTest, UnknownPathMatchesNothing) {
  EXPECT_EQ(Call("GET", "/api/v1/nothing"), "404");
  EXPECT_EQ(Call("GET", "/api/v1/tickets/a/b/c"), "404");
}

TEST_F(RouterTest, IgnoresTrailingSlash) { EXPECT_EQ(Call("GET", "/api/v1/tickets/"), "list"); }

}  // namespace
}  // namespace sa::http
