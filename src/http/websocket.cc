// LiveHub (websocket.h) and its WebSocket sessions (websocket_session.h):
// Boost.Beast websocket streams on the connection's strand.
#include "http/websocket.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>

#include "http/api.h"
#include "http/views.h"
#include "http/websocket_session.h"

namespace sa::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace websocket = boost::beast::websocket;
namespace net = boost::asio;

namespace {

constexpr size_t kMaxMessageBytes = 64 * 1024;  // from the client
constexpr size_t kMaxQueued = 256;              // events waiting to be written
constexpr size_t kMaxFollowed = 200;            // conversations or teams per session

bool Contains(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

// ---- LiveHub -----------------------------------------------------------------

LiveHub::LiveHub(store::Store& store, const itsm::AccessPolicy& policy)
    : store_(store), policy_(policy) {}

LiveHub::~LiveHub() { CloseAll(); }

void LiveHub::TicketChanged(std::string type, const model::Ticket& ticket, bool internal) {
  if (!bus_.HasSubscribers()) return;
  LiveEvent event;
  event.type = std::move(type);
  event.ticket = ticket;
  event.internal = internal;
  bus_.Publish(event);
}

void LiveHub::TicketChanged(std::string type, std::string_view ticket_id, bool internal) {
  if (!bus_.HasSubscribers()) return;
  std::optional<model::Ticket> ticket;
  Status st = store_.Transact([&](store::Tx& tx) -> Status {
    SA_ASSIGN_OR_RETURN(ticket, tx.tickets().Get(ticket_id));
    return Status::Ok();
  });
  if (st.ok() && ticket) TicketChanged(std::move(type), *ticket, internal);
}

std::string LiveHub::TicketOfConversation(std::string_view conversation_id) {
  if (!bus_.HasSubscribers()) return "";
  std::optional<model::Conversation> conversation;
  Status st = store_.Transact([&](store::Tx& tx) -> Status {
    SA_ASSIGN_OR_RETURN(conversation, tx.conversations().Get(conversation_id));
    return Status::Ok();
  });
  if (!st.ok() || !conversation) return "";
  const Json& id =
      conversation->state.contains("ticket_id") ? conversation->state["ticket_id"] : Json();
  return id.is_string() ? id.get<std::string>() : "";
}

void LiveHub::ConversationChanged(std::string_view conversation_id,
                                  std::string_view ticket_before) {
  if (!bus_.HasSubscribers()) return;
  std::optional<model::Conversation> conversation;
  std::optional<model::Ticket> ticket;
  Status st = store_.Transact([&](store::Tx& tx) -> Status {
    SA_ASSIGN_OR_RETURN(conversation, tx.conversations().Get(conversation_id));
    if (!conversation) return Status::Ok();
    const Json& id =
        conversation->state.contains("ticket_id") ? conversation->state["ticket_id"] : Json();
    if (id.is_string() && id.get<std::string>() != ticket_before) {
      SA_ASSIGN_OR_RETURN(ticket, tx.tickets().Get(id.get<std::string>()));
    }
    return Status::Ok();
  });
  if (!st.ok() || !conversation) return;
  LiveEvent event;
  event.type = "conversation.message";
  event.conversation = std::move(conversation);
  bus_.Publish(event);
  if (ticket) TicketChanged("ticket.created", *ticket);
}

bool LiveHub::Visible(const itsm::Actor& actor, const Interest& interest,
                      const LiveEvent& event) const {
  if (event.ticket) {
    const model::Ticket& t = *event.ticket;
    if (!policy_.CanReadTicket(actor, t)) return false;
    if (event.internal && !policy_.CanSeeInternalNotes(actor)) return false;
    if (policy_.IsRequester(actor, t)) return true;
    return Contains(interest.teams, "*") || (!t.team.empty() && Contains(interest.teams, t.team));
  }
  if (event.conversation) {
    const model::Conversation& c = *event.conversation;
    if (!policy_.CanReadConversation(actor, c)) return false;
    if (Contains(interest.conversations, c.id)) return true;
    return policy_.IsStaff(actor) &&
           (Contains(interest.teams, "*") || (!c.team.empty() && Contains(interest.teams, c.team)));
  }
  return false;
}

uint64_t LiveHub::Register(std::string credential, Closer closer) {
  std::lock_guard lock(mu_);
  closers_.push_back({++next_id_, std::move(credential), std::move(closer)});
  return next_id_;
}

void LiveHub::Unregister(uint64_t id) {
  std::lock_guard lock(mu_);
  std::erase_if(closers_, [id](const Registration& r) { return r.id == id; });
}

void LiveHub::CloseAll() {
  std::vector<Closer> closers;
  {
    std::lock_guard lock(mu_);
    for (const Registration& r : closers_) closers.push_back(r.close);
  }
  for (const Closer& close : closers) close(false);
}

size_t LiveHub::CloseCredential(std::string_view credential) {
  std::vector<Closer> closers;
  {
    std::lock_guard lock(mu_);
    for (const Registration& r : closers_) {
      if (r.credential == credential) closers.push_back(r.close);
    }
  }
  for (const Closer& close : closers) close(true);
  return closers.size();
}

std::string LiveHub::SessionKey(std::string_view session_hash) {
  return "s:" + std::string(session_hash);
}

std::string LiveHub::TokenKey(std::string_view token_id) { return "t:" + std::string(token_id); }

size_t LiveHub::connections() const {
  std::lock_guard lock(mu_);
  return closers_.size();
}

Json LiveEventJson(const LiveEvent& event) {
  Json j = {{"type", event.type}};
  if (event.ticket) j["ticket"] = TicketJson(*event.ticket);
  if (event.conversation) {
    const model::Conversation& c = *event.conversation;
    j["conversation_id"] = c.id;
    j["status"] = c.status;
    j["team"] = c.team.empty() ? Json() : Json(c.team);
    j["agent"] = c.agent.empty() ? Json() : Json(c.agent);
    j["ticket_id"] = c.state.contains("ticket_id") ? c.state["ticket_id"] : Json();
  }
  return j;
}

// ---- WebSocket sessions --------------------------------------------------------

namespace {

class LiveSession : public std::enable_shared_from_this<LiveSession> {
 public:
  LiveSession(LiveHub& hub, beast::tcp_stream stream, Caller caller)
      : ws_(std::move(stream)), hub_(hub), caller_(std::move(caller)) {}

  ~LiveSession() {
    if (registration_ != 0) hub_.Unregister(registration_);
  }

  void Start(bhttp::request<bhttp::string_body> request) {
    beast::get_lowest_layer(ws_).expires_never();  // the websocket keeps its own timeouts
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(bhttp::field::server, "smartassist"); }));
    ws_.read_message_max(kMaxMessageBytes);
    auto req = std::make_shared<bhttp::request<bhttp::string_body>>(std::move(request));
    ws_.async_accept(*req, [self = shared_from_this(), req](beast::error_code ec) {
      if (ec) return;
      self->OnAccepted();
    });
  }

 private:
  void OnAccepted() {
    std::weak_ptr<LiveSession> weak = weak_from_this();
    subscription_ = hub_.bus().Subscribe([weak](const LiveEvent& event) {
      if (auto self = weak.lock()) {
        net::post(self->ws_.get_executor(), [self, event] { self->Deliver(event); });
      }
    });
    // A stopping server says "going away"; a logout or revoked token says
    // "policy" (the credential is no longer valid: do not reconnect with it).
    const std::string credential = caller_.token_id.empty()
                                       ? LiveHub::SessionKey(caller_.session_hash)
                                       : LiveHub::TokenKey(caller_.token_id);
    registration_ = hub_.Register(credential, [weak](bool revoked) {
      if (auto self = weak.lock()) {
        net::post(self->ws_.get_executor(), [self, revoked] {
          self->Close(revoked ? websocket::close_code::policy_error
                              : websocket::close_code::going_away);
        });
      }
    });
    Json hello = {{"type", "ready"},
                  {"user", caller_.actor.id},
                  {"role", itsm::ToString(caller_.actor.role)},
                  {"teams", caller_.actor.teams}};
    Enqueue(hello.dump());
    Read();
  }

  void Read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->Stop();
      self->OnMessage(beast::buffers_to_string(self->buffer_.data()));
      self->buffer_.consume(self->buffer_.size());
      if (!self->closing_) self->Read();
    });
  }

  // {"op": "subscribe" | "unsubscribe", "conversations": [...], "teams": [...]}
  void OnMessage(const std::string& text) {
    Json msg = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!msg.is_object() || !msg.contains("op") || !msg["op"].is_string()) {
      return SendError("expected {\"op\": \"subscribe\"|\"unsubscribe\", ...}");
    }
    const std::string op = msg["op"].get<std::string>();
    if (op == "ping") return Enqueue(Json{{"type", "pong"}}.dump());
    if (op != "subscribe" && op != "unsubscribe") {
      return SendError("unknown op \"" + op + "\" (expected subscribe, unsubscribe or ping)");
    }
    for (const auto& [key, value] : msg.items()) {
      if (key != "op" && key != "conversations" && key != "teams") {
        return SendError("unknown field \"" + key + "\"");
      }
    }
    LiveHub::Interest change;
    for (auto [field, list] :
         {std::pair{"conversations", &change.conversations}, std::pair{"teams", &change.teams}}) {
      if (!msg.contains(field)) continue;
      const Json& items = msg[field];
      if (!items.is_array())
        return SendError(std::string("field \"") + field + "\": expected a list");
      for (const Json& item : items) {
        if (!item.is_string() || item.get<std::string>().empty() ||
            item.get<std::string>().size() > 128) {
          return SendError(std::string("field \"") + field + "\": expected non-empty strings");
        }
        list->push_back(item.get<std::string>());
      }
    }
    Apply(op == "subscribe", change.conversations, &interest_.conversations);
    Apply(op == "subscribe", change.teams, &interest_.teams);
    if (interest_.conversations.size() > kMaxFollowed || interest_.teams.size() > kMaxFollowed) {
      Apply(false, change.conversations, &interest_.conversations);
      Apply(false, change.teams, &interest_.teams);
      return SendError("too many subscriptions (at most " + std::to_string(kMaxFollowed) +
                       " each)");
    }
    Enqueue(Json{{"type", op == "subscribe" ? "subscribed" : "unsubscribed"},
                 {"conversations", interest_.conversations},
                 {"teams", interest_.teams}}
                .dump());
  }

  static void Apply(bool add, const std::vector<std::string>& items,
                    std::vector<std::string>* into) {
    for (const std::string& item : items) {
      bool present = Contains(*into, item);
      if (add && !present) into->push_back(item);
      if (!add && present) std::erase(*into, item);
    }
  }

  void SendError(const std::string& message) {
    Enqueue(Json{{"type", "error"}, {"message", message}}.dump());
  }

  void Deliver(const LiveEvent& event) {
    if (closing_ || !hub_.Visible(caller_.actor, interest_, event)) return;
    Enqueue(LiveEventJson(event).dump(-1, ' ', false, Json::error_handler_t::replace));
  }

  void Enqueue(std::string text) {
    if (closing_) return;
    if (queue_.size() >= kMaxQueued) {
      // A client that does not read: drop it rather than buffer without bound.
      return Close(websocket::close_code::policy_error);
    }
    queue_.push_back(std::make_shared<std::string>(std::move(text)));
    if (!writing_) Write();
  }

  void Write() {
    writing_ = true;
    auto text = queue_.front();
    ws_.text(true);
    ws_.async_write(net::buffer(*text),
                    [self = shared_from_this(), text](beast::error_code ec, size_t) {
                      self->writing_ = false;
                      if (ec) return self->Stop();
                      if (self->closing_) return self->FinishClose();  // Close() emptied the queue
                      self->queue_.pop_front();
                      if (!self->queue_.empty()) self->Write();
                    });
  }

  // Starts the closing handshake once pending writes are done.
  void Close(websocket::close_code code) {
    if (closing_) return;
    closing_ = true;
    close_code_ = code;
    queue_.clear();
    if (!writing_) FinishClose();
  }

  void FinishClose() {
    subscription_.Cancel();
    ws_.async_close(close_code_, [self = shared_from_this()](beast::error_code) { self->Stop(); });
  }

  // The connection is gone: stop receiving events.
  void Stop() {
    closing_ = true;
    subscription_.Cancel();
  }

  websocket::stream<beast::tcp_stream> ws_;
  LiveHub& hub_;
  Caller caller_;
  LiveHub::Interest interest_;
  beast::flat_buffer buffer_;
  std::deque<std::shared_ptr<std::string>> queue_;
  bool writing_ = false;
  bool closing_ = false;
  websocket::close_code close_code_ = websocket::close_code::normal;
  EventBus<LiveEvent>::Subscription subscription_;
  uint64_t registration_ = 0;
};

}  // namespace

void StartWebSocket(LiveHub& hub, beast::tcp_stream stream,
                    bhttp::request<bhttp::string_body> request, Caller caller) {
  auto session = std::make_shared<LiveSession>(hub, std::move(stream), std::move(caller));
  session->Start(std::move(request));
}

// ---- Api hooks -------------------------------------------------------------------

void Api::AddLiveRoutes() {
  // Reached only without an Upgrade header (server.cc hands upgrades to
  // StartWebSocket before routing).
  Authed("GET", kWebSocketPath, [](Request& request, const Caller&) -> Result<Response> {
    Response r = ErrorResponse(426, "upgrade_required",
                               "this endpoint speaks WebSocket: send a WebSocket upgrade request",
                               request.request_id);
    r.headers.emplace_back("Upgrade", "websocket");
    return r;
  });
}

Result<Caller> Api::AuthenticateLive(const Request& request) {
  // Browsers send Origin on WebSocket handshakes; refuse pages of other sites
  // (cross-site WebSocket hijacking), whatever cookies they carry.
  const std::string& origin = request.Header("origin");
  const std::string& host = request.Header("host");
  if (!origin.empty() && origin != "http://" + host && origin != "https://" + host) {
    return PermissionDenied("WebSocket from origin \"" + origin + "\" refused");
  }
  int64_t retry_after = 0;
  return auth_.Authenticate(request, &retry_after);
}

}  // namespace sa::http
