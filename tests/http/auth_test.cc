// Credentials over real sockets: token lifecycle (create, use, revoke,
// expire), password login with session cookie and CSRF, rate limits.
#include "fixture.h"
#include "http/tokens.h"

namespace sa::http::testing {
namespace {

class AuthTest : public ApiTest {};

TEST_F(AuthTest, AdminCreatedTokenIsShownOnceAndWorks) {
  HttpResponse r = client_->Call("POST", "/api/v1/tokens", hugo_,
                                 {{"name", "teams-bot"}, {"role", "integration"}});
  ASSERT_EQ(r.status, 201) << r.body;
  std::string token = r.json()["token"];
  EXPECT_EQ(token.rfind("sat_", 0), 0u);
  EXPECT_EQ(token.size(), 4u + 64u);
  EXPECT_EQ(client_->Call("GET", "/api/v1/teams", token).status, 200);
  HttpResponse list = client_->Call("GET", "/api/v1/tokens", hugo_);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body.find(token), std::string::npos);  // never the secret again
  EXPECT_EQ(list.body.find("\"hash\""), std::string::npos);
}

TEST_F(AuthTest, RevokedTokenIsRefusedAtOnce) {
  HttpResponse created = client_->Call("POST", "/api/v1/tokens", hugo_,
                                       {{"name", "temp"}, {"role", "agent"}, {"user", "nadia"}});
  ASSERT_EQ(created.status, 201) << created.body;
  std::string token = created.json()["token"], id = created.json()["id"];
  EXPECT_EQ(client_->Call("GET", "/api/v1/tickets", token).status, 200);
  EXPECT_EQ(client_->Call("DELETE", "/api/v1/tokens/" + id, hugo_).status, 204);
  HttpResponse after = client_->Call("GET", "/api/v1/tickets", token);
  EXPECT_EQ(after.status, 401);
  EXPECT_NE(after.body.find("revoked"), std::string::npos);
}

TEST_F(AuthTest, ExpiredTokenIsRefused) {
  NewToken request;
  request.name = "short";
  request.role = "user";
  request.user_id = "alice";
  request.expires = clock_->Now() + std::chrono::hours(1);
  auto issued = IssueToken(*store_, *clock_, request);
  ASSERT_TRUE(issued.ok()) << issued.status().ToString();
  EXPECT_EQ(client_->Call("GET", "/api/v1/tickets", issued->token).status, 200);
  clock_->Advance(std::chrono::hours(2));
  HttpResponse r = client_->Call("GET", "/api/v1/tickets", issued->token);
  EXPECT_EQ(r.status, 401);
  EXPECT_NE(r.body.find("expired"), std::string::npos);
}

TEST_F(AuthTest, TokenRolesCannotExceedTheUsersRole) {
  EXPECT_FALSE(CreateToken(*store_, *clock_, "x", "admin", "alice", std::nullopt).ok());
  EXPECT_FALSE(CreateToken(*store_, *clock_, "x", "agent", "ghost", std::nullopt).ok());
  EXPECT_FALSE(CreateToken(*store_, *clock_, "x", "wizard", "", std::nullopt).ok());
  EXPECT_EQ(client_
                ->Call("POST", "/api/v1/tokens", hugo_,
                       {{"name", "x"}, {"role", "agent"}, {"user", "alice"}})
                .status,
            400);
}

TEST_F(AuthTest, StoresOnlyTheHashOfTokens) {
  auto issued = IssueToken(*store_, *clock_, NewToken{"n", "integration", "", std::nullopt});
  ASSERT_TRUE(issued.ok());
  EXPECT_EQ(issued->record.hash, Sha256Hex(issued->token));
  EXPECT_EQ(issued->record.hash.find(issued->token), std::string::npos);
}

class LoginTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_TRUE(SetPassword(*store_, *clock_, "alice", "correct horse", "test", "cli").ok());
  }
  HttpResponse Login(const std::string& user, const std::string& password) {
    return client_->Call("POST", "/api/v1/auth/login", "",
                         {{"user", user}, {"password", password}});
  }
  static std::string Cookie(const HttpResponse& r) {
    std::string set = r.Header("set-cookie");
    return set.substr(0, set.find(';'));
  }
};

TEST_F(LoginTest, LoginSetsHttpOnlyStrictCookieAndCookieNeedsCsrfForWrites) {
  HttpResponse login = Login("alice", "correct horse");
  ASSERT_EQ(login.status, 200) << login.body;
  std::string set = login.Header("set-cookie");
  EXPECT_NE(set.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set.find("SameSite=Strict"), std::string::npos);
  std::string cookie = Cookie(login), csrf = login.json()["csrf_token"];
  ASSERT_FALSE(csrf.empty());

  HttpResponse me = client_->Send("GET", "/api/v1/auth/me", "", {{"Cookie", cookie}});
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json()["id"], "alice");

  Json ticket = {{"title", "Screen flickers"}};
  HttpResponse no_csrf = client_->Send("POST", "/api/v1/tickets", ticket.dump(),
                                       {{"Cookie", cookie}, {"Content-Type", "application/json"}});
  EXPECT_EQ(no_csrf.status, 403);
  HttpResponse bad_csrf = client_->Send(
      "POST", "/api/v1/tickets", ticket.dump(),
      {{"Cookie", cookie}, {"X-CSRF-Token", "nope"}, {"Content-Type", "application/json"}});
  EXPECT_EQ(bad_csrf.status, 403);
  HttpResponse ok = client_->Send(
      "POST", "/api/v1/tickets", ticket.dump(),
      {{"Cookie", cookie}, {"X-CSRF-Token", csrf}, {"Content-Type", "application/json"}});
  EXPECT_EQ(ok.status, 201) << ok.body;
}

TEST_F(LoginTest, LogoutEndsTheSession) {
  HttpResponse login = Login("alice.martin@acme.example", "correct horse");
  ASSERT_EQ(login.status, 200) << login.body;
  std::string cookie = Cookie(login), csrf = login.json()["csrf_token"];
  EXPECT_EQ(
      client_->Send("POST", "/api/v1/auth/logout", "", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}})
          .status,
      204);
  EXPECT_EQ(client_->Send("GET", "/api/v1/auth/me", "", {{"Cookie", cookie}}).status, 401);
}

TEST_F(LoginTest, SessionExpires) {
  HttpResponse login = Login("alice", "correct horse");
  ASSERT_EQ(login.status, 200);
  clock_->Advance(options_.session_ttl + std::chrono::seconds(1));
  EXPECT_EQ(client_->Send("GET", "/api/v1/auth/me", "", {{"Cookie", Cookie(login)}}).status, 401);
}

TEST_F(LoginTest, WrongPasswordAndUnknownUserGetTheSame401) {
  HttpResponse wrong = Login("alice", "wrong password");
  HttpResponse unknown = Login("nobody", "wrong password");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.json()["error"]["message"], unknown.json()["error"]["message"]);
}

TEST_F(LoginTest, TooManyLoginAttemptsFromOneAddressAre429UntilTimePasses) {
  int last = 0;
  HttpResponse r;
  for (int i = 0; i < 20 && last != 429; ++i) {
    r = Login("alice", "guess " + std::to_string(i));
    last = r.status;
  }
  ASSERT_EQ(last, 429);
  EXPECT_FALSE(r.Header("retry-after").empty());
  EXPECT_EQ(r.ErrorCode(), "resource_exhausted");
  // Even the right password is refused while limited...
  EXPECT_EQ(Login("alice", "correct horse").status, 429);
  // ...and accepted once the bucket refilled.
  clock_->Advance(std::chrono::seconds(std::stoi(r.Header("retry-after")) + 6));
  EXPECT_EQ(Login("alice", "correct horse").status, 200);
}

TEST_F(LoginTest, UsersChangeOwnPasswordWithTheCurrentOneAndAdminsAnyone) {
  Json change = {{"password", "a new long secret"}};
  EXPECT_EQ(client_->Call("PUT", "/api/v1/users/alice/password", alice_, change).status, 403);
  change["current_password"] = "correct horse";
  EXPECT_EQ(client_->Call("PUT", "/api/v1/users/alice/password", alice_, change).status, 204);
  EXPECT_EQ(Login("alice", "a new long secret").status, 200);
  EXPECT_EQ(client_->Call("PUT", "/api/v1/users/carol/password", alice_, change).status, 403);
  EXPECT_EQ(
      client_->Call("PUT", "/api/v1/users/carol/password", hugo_, {{"password", "carols secret"}})
          .status,
      204);
  EXPECT_EQ(
      client_->Call("PUT", "/api/v1/users/carol/password", hugo_, {{"password", "short"}}).status,
      400);
}

class RateLimitTest : public ApiTest {
 protected:
  void Configure(ServerOptions* options) override {
    options->per_token = RateLimit{1, 3};
    options->per_integration_token = RateLimit{1, 6};
  }
};

TEST_F(RateLimitTest, IntegrationTokensHaveTheirOwnLargerBucket) {
  for (int i = 0; i < 6; ++i) {
    ASSERT_EQ(client_->Call("GET", "/api/v1/teams", slack_).status, 200) << i;
  }
  EXPECT_EQ(client_->Call("GET", "/api/v1/teams", slack_).status, 429);
}

TEST_F(RateLimitTest, TokenOverItsRateGets429WithRetryAfter) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(client_->Call("GET", "/api/v1/teams", franck_).status, 200);
  }
  HttpResponse r = client_->Call("GET", "/api/v1/teams", franck_);
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.Header("retry-after"), "1");
  EXPECT_EQ(client_->Call("GET", "/api/v1/teams", nadia_).status, 200);  // others unaffected
  clock_->Advance(std::chrono::seconds(1));
  EXPECT_EQ(client_->Call("GET", "/api/v1/teams", franck_).status, 200);
}

}  // namespace
}  // namespace sa::http::testing
