// /api/v1/me/totp: a signed-in user enrols their authenticator app (the
// secret shown once), confirms it with a code, and removes it; nobody else
// can, and every step is an audit event without the secret.
#include "automation/otp.h"
#include "fixture.h"

namespace sa::http::testing {
namespace {

class TotpApiTest : public ApiTest {};

TEST_F(TotpApiTest, UserEnrolsConfirmsAndRemovesTheirAuthenticator) {
  EXPECT_EQ(client_->Call("GET", "/api/v1/me/totp", alice_).json()["state"], "none");
  HttpResponse enrolled = client_->Call("POST", "/api/v1/me/totp", alice_, Json::object());
  ASSERT_EQ(enrolled.status, 201) << enrolled.body;
  const std::string uri = enrolled.json()["otpauth_uri"];
  const std::string secret = enrolled.json()["secret"];
  EXPECT_EQ(uri.rfind("otpauth://totp/", 0), 0u) << uri;
  EXPECT_NE(uri.find("secret=" + secret), std::string::npos);
  EXPECT_EQ(client_->Call("GET", "/api/v1/me/totp", alice_).json()["state"], "pending");

  auto code = automation::GenerateTotp(secret, clock_->Now());
  ASSERT_TRUE(code.ok());
  const std::string wrong = *code == "000000" ? "111111" : "000000";
  EXPECT_EQ(client_->Call("POST", "/api/v1/me/totp/confirm", alice_, {{"code", wrong}}).status,
            400);
  HttpResponse ok = client_->Call("POST", "/api/v1/me/totp/confirm", alice_, {{"code", *code}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(client_->Call("GET", "/api/v1/me/totp", alice_).json()["state"], "active");
  // Not shown again, not in the audit log.
  EXPECT_EQ(client_->Call("GET", "/api/v1/me/totp", alice_).body.find(secret), std::string::npos);
  std::string events;
  ASSERT_TRUE(store_
                  ->Transact([&](store::Tx& tx) -> Status {
                    SA_ASSIGN_OR_RETURN(auto list, tx.events().ForEntity("totp", "alice"));
                    for (const auto& e : list) events += e.action + " " + e.changes.dump() + "\n";
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_NE(events.find("enrolled"), std::string::npos) << events;
  EXPECT_NE(events.find("confirm_wrong"), std::string::npos) << events;
  EXPECT_NE(events.find("confirm_accepted"), std::string::npos) << events;
  EXPECT_EQ(events.find(secret), std::string::npos);

  EXPECT_EQ(client_->Call("DELETE", "/api/v1/me/totp", alice_).status, 204);
  EXPECT_EQ(client_->Call("GET", "/api/v1/me/totp", alice_).json()["state"], "none");
  EXPECT_EQ(client_->Call("DELETE", "/api/v1/me/totp", alice_).status, 404);
}

TEST_F(TotpApiTest, IntegrationsCannotEnrolAnyone) {
  EXPECT_EQ(client_->Call("POST", "/api/v1/me/totp", slack_, Json::object()).status, 403);
  EXPECT_EQ(client_->Call("GET", "/api/v1/me/totp", slack_).status, 403);
  EXPECT_EQ(client_->Call("POST", "/api/v1/me/totp", "", Json::object()).status, 401);
}

TEST_F(TotpApiTest, ConfirmingWithoutAPendingEnrolmentIsAConflict) {
  EXPECT_EQ(client_->Call("POST", "/api/v1/me/totp/confirm", carol_, {{"code", "123456"}}).status,
            409);
}

}  // namespace
}  // namespace sa::http::testing
