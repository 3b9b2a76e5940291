// Every class of bad input gets a JSON error that says what is wrong.
#include "fixture.h"

namespace sa::http::testing {
namespace {

class InputTest : public ApiTest {
 protected:
  HttpResponse PostRaw(const std::string& target, const std::string& body,
                       const std::string& token) {
    return client_->Send(
        "POST", target, body,
        {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}});
  }
  static std::string Message(const HttpResponse& r) {
    return r.json()["error"].value("message", "");
  }
};

TEST_F(InputTest, MalformedJsonIs400NamingTheParseError) {
  HttpResponse r = PostRaw("/api/v1/tickets", "{\"title\": \"x\",", alice_);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorCode(), "invalid_argument");
  EXPECT_NE(Message(r).find("malformed JSON"), std::string::npos) << r.body;
  EXPECT_FALSE(r.json()["error"].value("request_id", "").empty());
  EXPECT_EQ(r.json()["error"]["request_id"], r.Header("x-request-id"));
}

TEST_F(InputTest, UnknownFieldIs400NamingIt) {
  HttpResponse r = client_->Call("POST", "/api/v1/tickets", alice_, {{"title", "x"}, {"foo", 1}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Message(r), "unknown field \"foo\"");
}

TEST_F(InputTest, WrongTypeIs400NamingFieldAndType) {
  HttpResponse r = client_->Call("POST", "/api/v1/tickets", alice_, {{"title", 42}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Message(r), "field \"title\": expected string, got number");
  HttpResponse q = client_->Call("GET", "/api/v1/tickets?limit=ten", franck_);
  EXPECT_EQ(q.status, 400);
  EXPECT_EQ(Message(q), "parameter \"limit\": expected integer");
}

TEST_F(InputTest, UnknownQueryParameterAndBadEnumAre400) {
  EXPECT_EQ(Message(client_->Call("GET", "/api/v1/tickets?colour=red", franck_)),
            "unknown parameter \"colour\"");
  EXPECT_EQ(client_->Call("GET", "/api/v1/tickets?status=sleeping", franck_).status, 400);
  EXPECT_EQ(
      client_->Call("POST", "/api/v1/tickets", alice_, {{"title", "x"}, {"urgency", "max"}}).status,
      400);
}

TEST_F(InputTest, OversizedBodyIs413) {
  std::string big(options_.max_body_bytes + 1, 'x');
  HttpResponse r = PostRaw("/api/v1/tickets", big, alice_);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.ErrorCode(), "too_large");
  // The server still serves new connections afterwards.
  EXPECT_EQ(client_->Call("GET", "/healthz", "").status, 200);
}

TEST_F(InputTest, UnknownIdsAre404) {
  HttpResponse r = client_->Call("GET", "/api/v1/tickets/INC-999999", franck_);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.ErrorCode(), "not_found");
  EXPECT_EQ(client_->Call("GET", "/api/v1/teams/nope", franck_).status, 404);
  EXPECT_EQ(client_->Call("DELETE", "/api/v1/tokens/tok_nope", hugo_).status, 404);
  EXPECT_EQ(client_->Call("GET", "/api/v1/no-such-thing", franck_).status, 404);
}

TEST_F(InputTest, MissingOrBadCredentialsAre401) {
  HttpResponse none = client_->Call("GET", "/api/v1/tickets", "");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.ErrorCode(), "unauthenticated");
  EXPECT_FALSE(none.Header("www-authenticate").empty());
  EXPECT_EQ(client_->Call("GET", "/api/v1/tickets", "sat_" + std::string(64, '0')).status, 401);
  EXPECT_EQ(client_->Call("GET", "/api/v1/tickets", "garbage").status, 401);
  EXPECT_EQ(client_->Send("GET", "/api/v1/tickets", "", {{"Authorization", "Basic abc"}}).status,
            401);
}

TEST_F(InputTest, WrongMethodIs405WithAllow) {
  HttpResponse r = client_->Call("DELETE", "/api/v1/tickets", hugo_);
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.ErrorCode(), "method_not_allowed");
  EXPECT_EQ(r.Header("allow"), "GET, POST");
}

TEST_F(InputTest, WorkflowViolationIs409) {
  std::string id = CreateTicket(franck_, {{"title", "x"}, {"requester", "alice"}});
  HttpResponse r =
      client_->Call("PATCH", "/api/v1/tickets/" + id, franck_, {{"status", "waiting"}});
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.ErrorCode(), "conflict");
}

TEST_F(InputTest, MalformedHttpIs400) {
  HttpResponse r = client_->Raw("GARBAGE\r\n\r\n");
  EXPECT_EQ(r.status, 400);
}

TEST_F(InputTest, InvalidPackListsEveryError) {
  std::string pack =
      "format: smartassist-orgpack/1\norganization: {name: X}\n"
      "teams:\n  - {id: a, name: A, default: true}\n"
      "services:\n  - {id: s1, name: S1, owner_team: netwrk}\n"
      "  - {id: s2, name: S2, owner_team: nope}\n";
  HttpResponse r =
      client_->Send("POST", "/api/v1/admin/import", pack, {{"Authorization", "Bearer " + hugo_}});
  EXPECT_EQ(r.status, 400) << r.body;
  ASSERT_TRUE(r.json()["error"]["details"].is_array()) << r.body;
  EXPECT_GE(r.json()["error"]["details"].size(), 2u);
}

}  // namespace
}  // namespace sa::http::testing
