// The live-updates WebSocket (GET /api/v1/ws) over real sockets: handshake
// and authentication, subscriptions, and that every client receives what it
// may read and nothing else (itsm::AccessPolicy). Also EventBus itself.
//
// "Receives nothing" is shown without waiting on the clock: after the event
// that must not arrive, the test causes one that must, and checks that it is
// the next message (a session delivers events in publication order).
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "client.h"
#include "core/event_bus.h"
#include "core/ids.h"
#include "dialogue/engine.h"
#include "http/server.h"
#include "http/tokens.h"
#include "itsm/pack.h"

namespace sa::http::testing {
namespace {

namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

constexpr auto kWait = std::chrono::seconds(10);  // upper bound, never slept

// A dialogue::Engine that keeps its conversations in the store (as the real
// one does), so the hub can check who may read them. "broken ..." messages
// open an incident for the network team and set state.ticket_id.
class StoreEngine : public dialogue::Engine {
 public:
  StoreEngine(store::Store& store, const Clock& clock, itsm::TicketService& tickets)
      : store_(store), clock_(clock), tickets_(tickets) {}

  Result<dialogue::Turn> Open(const itsm::Actor& actor, std::string_view user,
                              std::string_view channel) override {
    model::Conversation c;
    c.id = NewUuid();
    c.user_id = std::string(user);
    c.channel = std::string(channel);
    c.language = "en";
    c.created = c.updated = clock_.Now();
    c.state = {{"status", "active"}, {"ticket_id", nullptr}};
    SA_RETURN_IF_ERROR(
        store_.Transact([&](store::Tx& tx) -> Status { return tx.conversations().Insert(c); }));
    return Turn(c, "hello");
  }

  Result<dialogue::Turn> Message(const itsm::Actor& actor, std::string_view id,
                                 std::string_view text, std::string_view) override {
    SA_ASSIGN_OR_RETURN(model::Conversation c, Load(id));
    if (text.rfind("broken", 0) == 0) {
      itsm::NewTicket t;
      t.title = std::string(text);
      t.team = "network";
      t.requester = c.user_id;
      t.conversation_id = c.id;
      t.reason = "test routing";
      SA_ASSIGN_OR_RETURN(model::Ticket created, tickets_.Create(actor, t));
      c.state["ticket_id"] = created.id;
    }
    SA_RETURN_IF_ERROR(Save(c, "user", c.user_id, text));
    return Turn(c, "noted");
  }

  Result<Json> Get(const itsm::Actor&, std::string_view id) override {
    SA_ASSIGN_OR_RETURN(model::Conversation c, Load(id));
    return Json{{"id", c.id}, {"user", c.user_id}, {"state", c.state}};
  }
  Result<Json> List(const itsm::Actor&, std::string_view, std::string_view, int) override {
    return Json::array();
  }
  Result<dialogue::Turn> TakeOver(const itsm::Actor& agent, std::string_view id) override {
    SA_ASSIGN_OR_RETURN(model::Conversation c, Load(id));
    c.agent = agent.id;
    c.status = "handed_off";
    SA_RETURN_IF_ERROR(Save(c, "system", agent.id, agent.id + " joined"));
    return Turn(c, agent.id + " joined");
  }
  Result<dialogue::Turn> AgentMessage(const itsm::Actor& agent, std::string_view id,
                                      std::string_view text) override {
    SA_ASSIGN_OR_RETURN(model::Conversation c, Load(id));
    SA_RETURN_IF_ERROR(Save(c, "agent", agent.id, text));
    return Turn(c, std::string(text));
  }
  Result<dialogue::Turn> Release(const itsm::Actor& agent, std::string_view id) override {
    SA_ASSIGN_OR_RETURN(model::Conversation c, Load(id));
    c.agent.clear();
    c.status = "active";
    SA_RETURN_IF_ERROR(Save(c, "system", agent.id, "bot is back"));
    return Turn(c, "bot is back");
  }

 private:
  Result<model::Conversation> Load(std::string_view id) {
    std::optional<model::Conversation> c;
    SA_RETURN_IF_ERROR(store_.Transact([&](store::Tx& tx) -> Status {
      SA_ASSIGN_OR_RETURN(c, tx.conversations().Get(id));
      return Status::Ok();
    }));
    if (!c) return NotFound("no conversation");
    return *c;
  }
  Status Save(model::Conversation& c, std::string role, std::string author, std::string_view text) {
    c.updated = clock_.Now();
    c.version += 1;
    model::TranscriptEntry e;
    e.conversation_id = c.id;
    e.role = std::move(role);
    e.author = std::move(author);
    e.text = std::string(text);
    e.at = c.updated;
    return store_.Transact([&](store::Tx& tx) -> Status {
      SA_ASSIGN_OR_RETURN(auto seq, tx.conversations().Append(e));
      (void)seq;
      return tx.conversations().Update(c);
    });
  }
  static dialogue::Turn Turn(const model::Conversation& c, std::string text) {
    dialogue::Turn t;
    t.conversation_id = c.id;
    t.replies = Json::array({{{"kind", "text"}, {"text", std::move(text)}}});
    t.state = c.state;
    t.state["status"] = c.status;
    return t;
  }

  store::Store& store_;
  const Clock& clock_;
  itsm::TicketService& tickets_;
};

// A WebSocket client on its own io_context; every wait is bounded by kWait.
class WsClient {
 public:
  explicit WsClient(uint16_t port) : ws_(ioc_) {
    tcp::resolver resolver(ioc_);
    beast::get_lowest_layer(ws_).connect(resolver.resolve("127.0.0.1", std::to_string(port)));
    port_ = port;
  }

  // Handshake; returns the HTTP status of the answer (101 when upgraded).
  int Handshake(const std::map<std::string, std::string>& headers) {
    websocket::response_type res;
    ws_.set_option(websocket::stream_base::decorator([headers](websocket::request_type& req) {
      for (const auto& [k, v] : headers) req.set(k, v);
    }));
    beast::error_code ec;
    ws_.handshake(res, "127.0.0.1:" + std::to_string(port_), "/api/v1/ws", ec);
    return static_cast<int>(res.result_int());
  }
  int HandshakeWithToken(const std::string& token) {
    return Handshake({{"Authorization", "Bearer " + token}});
  }

  void Send(const Json& message) { ws_.write(net::buffer(message.dump())); }

  // The next message, or null after kWait / when the connection closed.
  Json Next() {
    beast::flat_buffer buffer;
    bool done = false;
    beast::error_code error;
    ws_.async_read(buffer, [&](beast::error_code ec, size_t) {
      done = true;
      error = ec;
    });
    ioc_.restart();
    ioc_.run_for(kWait);
    if (!done) {
      beast::get_lowest_layer(ws_).cancel();
      ioc_.restart();
      ioc_.run();
      return nullptr;
    }
    last_error_ = error;
    if (error) return nullptr;
    return Json::parse(beast::buffers_to_string(buffer.data()), nullptr, false);
  }

  // The next message whose "type" is not one of the acknowledgements.
  Json NextEvent() {
    for (;;) {
      Json m = Next();
      if (m.is_null()) return m;
      std::string type = m.value("type", "");
      if (type != "ready" && type != "subscribed" && type != "unsubscribed") return m;
    }
  }

  // Subscribes and waits for the acknowledgement.
  void Subscribe(Json conversations, Json teams) {
    Send({{"op", "subscribe"}, {"conversations", conversations}, {"teams", teams}});
    for (;;) {
      Json m = Next();
      ASSERT_FALSE(m.is_null()) << "no acknowledgement";
      if (m.value("type", "") == "subscribed") return;
    }
  }

  beast::error_code last_error() const { return last_error_; }

 private:
  net::io_context ioc_;
  websocket::stream<beast::tcp_stream> ws_;
  uint16_t port_ = 0;
  beast::error_code last_error_;
};

class WebSocketTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("sa_ws_test_" + RandomHex(8));
    std::filesystem::create_directories(dir_);
    clock_ = std::make_unique<ManualClock>(*ParseTime("2026-11-23T10:00:00Z"));
    auto store = store::OpenStore(dir_.string());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    std::ifstream in(std::string(SA_SOURCE_DIR) + "/examples/acme.yaml");
    std::stringstream yaml;
    yaml << in.rdbuf();
    std::vector<std::string> errors;
    auto imported = itsm::ImportPack(*store_, *clock_, yaml.str(), "test", "cli", &errors);
    ASSERT_TRUE(imported.ok()) << imported.status().ToString();
    tickets_ = std::make_unique<itsm::TicketService>(*store_, *clock_, itsm::PriorityMatrix(),
                                                     itsm::AccessPolicy());
    engine_ = std::make_unique<StoreEngine>(*store_, *clock_, *tickets_);
    alice_ = Token("user", "alice");
    carol_ = Token("user", "carol");
    nadia_ = Token("agent", "nadia");  // network team
    hugo_ = Token("admin", "hugo");

    ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.threads = 2;
    options.access_log = "off";
    options.stop_grace = std::chrono::seconds(30);
    auto server = Server::Start(options, ServerDeps{*store_, *clock_, *tickets_, engine_.get()});
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
    client_ = std::make_unique<Client>(server_->port());
  }

  void TearDown() override {
    client_.reset();
    server_.reset();
    engine_.reset();
    tickets_.reset();
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  std::string Token(const std::string& role, const std::string& user) {
    auto token = CreateToken(*store_, *clock_, role + "-" + user, role, user, std::nullopt);
    EXPECT_TRUE(token.ok()) << token.status().ToString();
    return token.ok() ? *token : "";
  }

  std::unique_ptr<WsClient> Connect(const std::string& token) {
    auto ws = std::make_unique<WsClient>(server_->port());
    EXPECT_EQ(ws->HandshakeWithToken(token), 101);
    Json ready = ws->Next();
    EXPECT_EQ(ready.value("type", ""), "ready") << ready.dump();
    return ws;
  }

  std::string CreateTicket(const std::string& token, const Json& body) {
    HttpResponse r = client_->Call("POST", "/api/v1/tickets", token, body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", "");
  }

  // A WebSocket upgrade request sent as plain HTTP (to read refusals).
  HttpResponse Upgrade(std::map<std::string, std::string> headers) {
    headers.emplace("Connection", "Upgrade");
    headers.emplace("Upgrade", "websocket");
    headers.emplace("Sec-WebSocket-Version", "13");
    headers.emplace("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
    return Client(server_->port()).Send("GET", "/api/v1/ws", "", headers);
  }

  std::string OpenConversation(const std::string& token) {
    HttpResponse r = client_->Call("POST", "/api/v1/conversations", token, Json::object());
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", "");
  }

  std::filesystem::path dir_;
  std::unique_ptr<ManualClock> clock_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<itsm::TicketService> tickets_;
  std::unique_ptr<StoreEngine> engine_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<Client> client_;
  std::string alice_, carol_, nadia_, hugo_;
};

TEST_F(WebSocketTest, RefusesUpgradeWithoutCredentials) {
  HttpResponse r = Upgrade({});
  EXPECT_EQ(r.status, 401) << r.body;
  EXPECT_EQ(r.ErrorCode(), "unauthenticated");
}

TEST_F(WebSocketTest, RefusesUpgradeWithUnknownToken) {
  EXPECT_EQ(Upgrade({{"Authorization", "Bearer not-a-token"}}).status, 401);
}

TEST_F(WebSocketTest, RefusesPagesOfOtherOrigins) {
  HttpResponse r =
      Upgrade({{"Authorization", "Bearer " + alice_}, {"Origin", "http://evil.example"}});
  EXPECT_EQ(r.status, 403) << r.body;
}

TEST_F(WebSocketTest, AcceptsPagesOfItsOwnOrigin) {
  std::string host = "127.0.0.1:" + std::to_string(server_->port());
  HttpResponse r = Upgrade(
      {{"Authorization", "Bearer " + alice_}, {"Origin", "http://" + host}, {"Host", host}});
  EXPECT_EQ(r.status, 101) << r.body;
}

TEST_F(WebSocketTest, PlainGetWithoutUpgradeAnswers426) {
  HttpResponse r = client_->Call("GET", "/api/v1/ws", alice_);
  EXPECT_EQ(r.status, 426) << r.body;
  EXPECT_EQ(r.Header("upgrade"), "websocket");
}

TEST_F(WebSocketTest, ReadyMessageNamesTheCaller) {
  WsClient ws(server_->port());
  ASSERT_EQ(ws.HandshakeWithToken(nadia_), 101);
  Json ready = ws.Next();
  EXPECT_EQ(ready.value("type", ""), "ready");
  EXPECT_EQ(ready.value("user", ""), "nadia");
  EXPECT_EQ(ready.value("role", ""), "agent");
}

TEST_F(WebSocketTest, MalformedSubscriptionGetsAnErrorAndKeepsTheConnection) {
  auto ws = Connect(nadia_);
  ws->Send({{"op", "subscribe"}, {"teams", "network"}});
  EXPECT_EQ(ws->Next().value("type", ""), "error");
  ws->Send({{"op", "dance"}});
  EXPECT_EQ(ws->Next().value("type", ""), "error");
  ws->Send({{"op", "ping"}});
  EXPECT_EQ(ws->Next().value("type", ""), "pong");
}

TEST_F(WebSocketTest, AgentFollowingTeamReceivesNewTicketOfThatTeam) {
  auto ws = Connect(nadia_);
  ws->Subscribe(Json::array(), {"network"});
  std::string id = CreateTicket(alice_, {{"title", "VPN drops"}, {"team", "network"}});
  Json event = ws->NextEvent();
  EXPECT_EQ(event.value("type", ""), "ticket.created") << event.dump();
  EXPECT_EQ(event["ticket"].value("id", ""), id);
  EXPECT_EQ(event["ticket"].value("team", ""), "network");
}

TEST_F(WebSocketTest, AgentDoesNotReceiveTicketsOfTeamsNotFollowed) {
  auto ws = Connect(nadia_);
  ws->Subscribe(Json::array(), {"network"});
  CreateTicket(alice_, {{"title", "printer jam"}, {"team", "workplace"}});
  std::string network = CreateTicket(alice_, {{"title", "wifi down"}, {"team", "network"}});
  Json event = ws->NextEvent();
  EXPECT_EQ(event["ticket"].value("id", ""), network) << event.dump();
}

TEST_F(WebSocketTest, UserReceivesOwnTicketsOnlyEvenWhenFollowingEveryTeam) {
  auto ws = Connect(carol_);
  ws->Subscribe(Json::array(), {"*"});
  CreateTicket(alice_, {{"title", "alice's secret"}, {"team", "network"}});
  std::string own = CreateTicket(carol_, {{"title", "carol's laptop"}, {"team", "workplace"}});
  Json event = ws->NextEvent();
  EXPECT_EQ(event.value("type", ""), "ticket.created");
  EXPECT_EQ(event["ticket"].value("id", ""), own) << event.dump();
}

TEST_F(WebSocketTest, RequesterGetsPublicRepliesButNotInternalNotes) {
  std::string id = CreateTicket(alice_, {{"title", "VPN drops"}, {"team", "network"}});
  auto ws = Connect(alice_);
  HttpResponse note = client_->Call("POST", "/api/v1/tickets/" + id + "/comments", nadia_,
                                    {{"body", "user is on an old client"}, {"internal", true}});
  ASSERT_EQ(note.status, 201) << note.body;
  HttpResponse patch =
      client_->Call("PATCH", "/api/v1/tickets/" + id, nadia_, {{"status", "in_progress"}});
  ASSERT_EQ(patch.status, 200) << patch.body;
  Json event = ws->NextEvent();
  EXPECT_EQ(event.value("type", ""), "ticket.updated") << event.dump();
  EXPECT_EQ(event["ticket"].value("status", ""), "in_progress");

  HttpResponse reply = client_->Call("POST", "/api/v1/tickets/" + id + "/comments", nadia_,
                                     {{"body", "please update the client"}});
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(ws->NextEvent().value("type", ""), "ticket.commented");
}

TEST_F(WebSocketTest, ConversationFollowerReceivesAgentMessages) {
  std::string conversation = OpenConversation(alice_);
  auto ws = Connect(alice_);
  ws->Subscribe({conversation}, Json::array());
  ASSERT_EQ(client_
                ->Call("POST", "/api/v1/conversations/" + conversation + "/takeover", hugo_,
                       Json::object())
                .status,
            200);
  Json joined = ws->NextEvent();
  EXPECT_EQ(joined.value("type", ""), "conversation.message") << joined.dump();
  EXPECT_EQ(joined.value("conversation_id", ""), conversation);
  EXPECT_EQ(joined.value("agent", ""), "hugo");
  ASSERT_EQ(client_
                ->Call("POST", "/api/v1/conversations/" + conversation + "/agent-messages", hugo_,
                       {{"text", "hello alice"}})
                .status,
            200);
  EXPECT_EQ(ws->NextEvent().value("type", ""), "conversation.message");
}

TEST_F(WebSocketTest, NobodyFollowsAConversationTheyMayNotRead) {
  std::string alices = OpenConversation(alice_);
  std::string carols = OpenConversation(carol_);
  auto ws = Connect(carol_);
  ws->Subscribe({alices, carols}, Json::array());
  ASSERT_EQ(client_
                ->Call("POST", "/api/v1/conversations/" + alices + "/messages", alice_,
                       {{"text", "my password is hunter2"}})
                .status,
            200);
  ASSERT_EQ(
      client_
          ->Call("POST", "/api/v1/conversations/" + carols + "/messages", carol_, {{"text", "hi"}})
          .status,
      200);
  Json event = ws->NextEvent();
  EXPECT_EQ(event.value("conversation_id", ""), carols) << event.dump();
}

TEST_F(WebSocketTest, TicketOpenedByTheBotIsAnnouncedToTheTeam) {
  std::string conversation = OpenConversation(alice_);
  auto ws = Connect(nadia_);
  ws->Subscribe(Json::array(), {"network"});
  HttpResponse r = client_->Call("POST", "/api/v1/conversations/" + conversation + "/messages",
                                 alice_, {{"text", "broken vpn since this morning"}});
  ASSERT_EQ(r.status, 200) << r.body;
  std::string id = r.json()["state"].value("ticket_id", "");
  ASSERT_FALSE(id.empty());
  Json event = ws->NextEvent();
  EXPECT_EQ(event.value("type", ""), "ticket.created") << event.dump();
  EXPECT_EQ(event["ticket"].value("id", ""), id);
  EXPECT_EQ(event["ticket"].value("conversation_id", ""), conversation);
}

TEST_F(WebSocketTest, UnsubscribedTeamIsNoLongerFollowed) {
  auto ws = Connect(nadia_);
  ws->Subscribe(Json::array(), {"network", "workplace"});
  ws->Send({{"op", "unsubscribe"}, {"teams", {"workplace"}}});
  Json ack = ws->Next();
  EXPECT_EQ(ack.value("type", ""), "unsubscribed");
  EXPECT_EQ(ack["teams"], Json::array({"network"}));
  CreateTicket(alice_, {{"title", "printer"}, {"team", "workplace"}});
  std::string network = CreateTicket(alice_, {{"title", "wifi"}, {"team", "network"}});
  EXPECT_EQ(ws->NextEvent()["ticket"].value("id", ""), network);
}

TEST_F(WebSocketTest, StoppingTheServerClosesLiveConnections) {
  auto ws = Connect(nadia_);
  server_->Stop();
  Json m = ws->Next();
  EXPECT_TRUE(m.is_null());
  EXPECT_EQ(ws->last_error(), websocket::error::closed) << ws->last_error().message();
  server_->Wait();
}

// Logs alice in with a password; returns {cookie, csrf}.
std::pair<std::string, std::string> LogIn(Client& client, store::Store& store, const Clock& clock) {
  EXPECT_TRUE(SetPassword(store, clock, "alice", "correct horse", "test", "cli").ok());
  HttpResponse login = client.Call("POST", "/api/v1/auth/login", "",
                                   {{"user", "alice"}, {"password", "correct horse"}});
  EXPECT_EQ(login.status, 200) << login.body;
  std::string set = login.Header("set-cookie");
  return {set.substr(0, set.find(';')), login.json().value("csrf_token", "")};
}

TEST_F(WebSocketTest, LogoutClosesTheSessionsWebSockets) {
  auto [cookie, csrf] = LogIn(*client_, *store_, *clock_);
  WsClient ws(server_->port());
  ASSERT_EQ(ws.Handshake({{"Cookie", cookie}}), 101);
  ASSERT_EQ(ws.Next().value("type", ""), "ready");
  auto other = Connect(alice_);  // alice's token: another credential, stays open

  HttpResponse out =
      client_->Send("POST", "/api/v1/auth/logout", "", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  ASSERT_EQ(out.status, 204) << out.body;

  EXPECT_TRUE(ws.Next().is_null());
  EXPECT_EQ(ws.last_error(), websocket::error::closed) << ws.last_error().message();
  // The token's socket still receives alice's events.
  std::string id = CreateTicket(alice_, {{"title", "Printer jams"}});
  EXPECT_EQ(other->NextEvent()["ticket"].value("id", ""), id);
  // And the logged-out cookie cannot open a new one.
  WsClient again(server_->port());
  EXPECT_EQ(again.Handshake({{"Cookie", cookie}}), 401);
}

TEST_F(WebSocketTest, RevokingATokenClosesItsWebSockets) {
  auto issued = IssueToken(*store_, *clock_, NewToken{"carol-2", "user", "carol", std::nullopt});
  ASSERT_TRUE(issued.ok()) << issued.status().ToString();
  auto ws = Connect(issued->token);
  HttpResponse r = client_->Call("DELETE", "/api/v1/tokens/" + issued->record.id, hugo_);
  ASSERT_EQ(r.status, 204) << r.body;
  EXPECT_TRUE(ws->Next().is_null());
  EXPECT_EQ(ws->last_error(), websocket::error::closed) << ws->last_error().message();
}

// ---- EventBus ------------------------------------------------------------------

TEST(EventBusTest, DeliversToEverySubscriberInOrder) {
  EventBus<int> bus;
  std::vector<std::string> seen;
  auto a = bus.Subscribe([&](const int& v) { seen.push_back("a" + std::to_string(v)); });
  auto b = bus.Subscribe([&](const int& v) { seen.push_back("b" + std::to_string(v)); });
  bus.Publish(1);
  bus.Publish(2);
  EXPECT_EQ(seen, (std::vector<std::string>{"a1", "b1", "a2", "b2"}));
  EXPECT_EQ(bus.SubscriberCount(), 2u);
}

TEST(EventBusTest, DestroyedSubscriptionReceivesNothing) {
  EventBus<int> bus;
  int calls = 0;
  {
    auto sub = bus.Subscribe([&](const int&) { ++calls; });
    bus.Publish(1);
  }
  bus.Publish(2);
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(bus.HasSubscribers());
}

TEST(EventBusTest, HandlerMayCancelItsOwnSubscription) {
  EventBus<int> bus;
  EventBus<int>::Subscription sub;
  int calls = 0;
  sub = bus.Subscribe([&](const int&) {
    ++calls;
    sub.Cancel();
  });
  bus.Publish(1);
  bus.Publish(2);
  EXPECT_EQ(calls, 1);
}

TEST(EventBusTest, SubscriptionMayOutliveTheBus) {
  EventBus<int>::Subscription sub;
  {
    EventBus<int> bus;
    sub = bus.Subscribe([](const int&) {});
    EXPECT_TRUE(sub.active());
  }
  EXPECT_FALSE(sub.active());
  sub.Cancel();  // no crash
}

TEST(EventBusTest, ConcurrentPublishersAndSubscribersAreSafe) {
  EventBus<int> bus;
  std::atomic<int> total{0};
  auto keep = bus.Subscribe([&](const int& v) { total += v; });
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        auto temp = bus.Subscribe([](const int&) {});
        bus.Publish(1);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(total.load(), 2000);
}

}  // namespace
}  // namespace sa::http::testing
