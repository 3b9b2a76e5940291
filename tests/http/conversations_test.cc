// The conversation routes are wired to dialogue::Engine (an EchoEngine here).
#include "fixture.h"

namespace sa::http::testing {
namespace {

class ConversationsTest : public ApiTest {};

TEST_F(ConversationsTest, IntegrationOpensForAUserAndTalks) {
  HttpResponse open = client_->Call("POST", "/api/v1/conversations", slack_,
                                    {{"user", "alice"}, {"channel", "api"}});
  ASSERT_EQ(open.status, 201) << open.body;
  std::string id = open.json()["id"];
  EXPECT_EQ(open.json()["replies"][0]["kind"], "text");
  EXPECT_TRUE(open.json()["state"].is_object());

  HttpResponse msg = client_->Call("POST", "/api/v1/conversations/" + id + "/messages", slack_,
                                   {{"text", "hello"}, {"client_message_id", "m1"}},
                                   {{"X-On-Behalf-Of", "alice"}});
  ASSERT_EQ(msg.status, 200) << msg.body;
  EXPECT_EQ(msg.json()["replies"][0]["text"], "echo: hello");

  HttpResponse get = client_->Call("GET", "/api/v1/conversations/" + id, alice_);
  ASSERT_EQ(get.status, 200);
  EXPECT_EQ(get.json()["user"], "alice");
  EXPECT_EQ(client_->Call("GET", "/api/v1/conversations/" + id, carol_).status, 404);
}

TEST_F(ConversationsTest, UserOpensForItselfOnly) {
  EXPECT_EQ(client_->Call("POST", "/api/v1/conversations", alice_, Json::object()).status, 201);
  EXPECT_EQ(client_->Call("POST", "/api/v1/conversations", alice_, {{"user", "carol"}}).status,
            403);
  EXPECT_EQ(client_->Call("POST", "/api/v1/conversations", slack_, Json::object()).status, 400);
}

TEST_F(ConversationsTest, AgentsTakeOverTalkAndRelease) {
  std::string id =
      client_->Call("POST", "/api/v1/conversations", alice_, Json::object()).json()["id"];
  EXPECT_EQ(client_->Call("POST", "/api/v1/conversations/" + id + "/takeover", alice_).status, 403);
  EXPECT_EQ(client_->Call("POST", "/api/v1/conversations/" + id + "/takeover", franck_).status,
            200);
  HttpResponse said = client_->Call("POST", "/api/v1/conversations/" + id + "/agent-messages",
                                    franck_, {{"text", "Hi Alice, Franck here"}});
  EXPECT_EQ(said.status, 200);
  EXPECT_EQ(said.json()["state"]["status"], "handed_off");
  EXPECT_EQ(client_->Call("POST", "/api/v1/conversations/" + id + "/release", franck_).status, 200);
  HttpResponse list = client_->Call("GET", "/api/v1/conversations", franck_);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json()["items"].size(), 1u);
}

TEST_F(ConversationsTest, MessageNeedsText) {
  std::string id =
      client_->Call("POST", "/api/v1/conversations", alice_, Json::object()).json()["id"];
  HttpResponse r = client_->Call("POST", "/api/v1/conversations/" + id + "/messages", alice_,
                                 {{"client_message_id", "x"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["error"]["message"], "field \"text\": required");
}

}  // namespace
}  // namespace sa::http::testing
