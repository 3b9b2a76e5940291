// Live updates: the hub behind the WebSocket endpoint GET /api/v1/ws.
//
// API handlers tell the hub what they changed (TicketChanged after a ticket
// create/update/comment, ConversationChanged after a conversation message,
// takeover, agent message or release); the hub publishes a LiveEvent on its
// EventBus, and every WebSocket session subscribed to it forwards the event
// to its client if, and only if, the client's caller may read it
// (itsm::AccessPolicy). Clients choose what they follow:
//   -> {"op": "subscribe" | "unsubscribe", "conversations": [id...], "teams": [team...|"*"]}
//   <- {"type": "ticket.created" | "ticket.updated" | "ticket.commented", "ticket": {...}}
//   <- {"type": "conversation.message", "conversation_id": "...", "status": "...",
//       "ticket_id": ..., "team": ..., "agent": ...}
// A requester always gets the events of their own tickets, without subscribing.
// Events say *that* something changed (with the ticket as the caller may read
// it); clients re-read details through the API.
//
// Thread-safety: all methods are thread-safe. Hooks cost one store read when
// at least one WebSocket client is connected, and nothing otherwise.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/event_bus.h"
#include "core/json.h"
#include "itsm/access.h"
#include "model/conversation.h"
#include "model/ticket.h"
#include "store/store.h"

namespace sa::http {

struct LiveEvent {
  std::string type;                                 // see the header comment
  std::optional<model::Ticket> ticket;              // ticket.* events
  bool internal = false;                            // an internal note: staff only
  std::optional<model::Conversation> conversation;  // conversation.* events
};

class LiveHub {
 public:
  LiveHub(store::Store& store, const itsm::AccessPolicy& policy);
  ~LiveHub();

  // Hooks for API handlers, called after the write succeeded.
  void TicketChanged(std::string type, const model::Ticket& ticket, bool internal = false);
  // Like TicketChanged, reading the ticket from the store first.
  void TicketChanged(std::string type, std::string_view ticket_id, bool internal = false);
  // The conversation's ticket id before a turn ("" when none, or when nobody
  // listens); pass it to ConversationChanged so a ticket the turn created is
  // announced as ticket.created.
  std::string TicketOfConversation(std::string_view conversation_id);
  void ConversationChanged(std::string_view conversation_id, std::string_view ticket_before = "");

  // Whether `actor` may receive `event`, given what the session follows.
  struct Interest {
    std::vector<std::string> conversations;
    std::vector<std::string> teams;  // "*" = every team
  };
  bool Visible(const itsm::Actor& actor, const Interest& interest, const LiveEvent& event) const;

  EventBus<LiveEvent>& bus() { return bus_; }
  const itsm::AccessPolicy& policy() const { return policy_; }

  // Sessions register a closer so a stopping server, a logout or a token
  // revocation can end them. `credential` names what authenticated the
  // session: CredentialKey() of its Caller.
  // The closer's argument is true when the credential was revoked (close
  // code 1008 "policy": do not reconnect with it), false on server stop (1001).
  using Closer = std::function<void(bool revoked)>;
  uint64_t Register(std::string credential, Closer closer);
  void Unregister(uint64_t id);
  // Asks every open WebSocket to close (server stop). Idempotent.
  void CloseAll();
  // Asks the WebSockets opened with `credential` to close (the session was
  // logged out, the token revoked). Returns how many were asked.
  size_t CloseCredential(std::string_view credential);
  size_t connections() const;

  // The credential a caller's WebSockets are registered under:
  // "s:<session hash>" for browser sessions, "t:<token id>" for tokens.
  static std::string SessionKey(std::string_view session_hash);
  static std::string TokenKey(std::string_view token_id);

 private:
  store::Store& store_;
  const itsm::AccessPolicy& policy_;
  EventBus<LiveEvent> bus_;
  mutable std::mutex mu_;
  uint64_t next_id_ = 0;
  struct Registration {
    uint64_t id;
    std::string credential;
    Closer close;
  };
  std::vector<Registration> closers_;
};

// The JSON sent to clients for an event.
Json LiveEventJson(const LiveEvent& event);

}  // namespace sa::http
