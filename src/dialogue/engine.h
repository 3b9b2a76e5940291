// The conversation engine: the bot itself. Every channel (HTTP API, web chat,
// terminal, email...) talks to users only through this interface, so the
// experience is the same everywhere. Shapes of replies and state are those of
// shared/API-CONTRACT.md. Thread-safe; messages to one conversation are
// serialized inside the engine.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/status.h"
#include "itsm/access.h"

namespace sa::dialogue {

// What a message (or the opening) produced: `replies` is a JSON array of reply
// objects ({"kind", "text", ...}), `state` the contract's state object.
struct Turn {
  std::string conversation_id;
  Json replies = Json::array();
  Json state = Json::object();
};

class Engine {
 public:
  virtual ~Engine() = default;

  // Opens a conversation for `user` (a user id or email) on `channel` and
  // returns the greeting. kPermissionDenied when the actor may not act for that
  // user; kNotFound for an unknown user; kInvalidArgument for an unknown channel.
  virtual Result<Turn> Open(const itsm::Actor& actor, std::string_view user,
                            std::string_view channel) = 0;

  // Handles one user message. A repeated `client_message_id` (non-empty)
  // returns the first answer again and changes nothing.
  virtual Result<Turn> Message(const itsm::Actor& actor, std::string_view conversation_id,
                               std::string_view text, std::string_view client_message_id) = 0;

  // {"id", "user", "channel", "transcript": [...], "state": {...}} (+ "team", "agent").
  virtual Result<Json> Get(const itsm::Actor& actor, std::string_view conversation_id) = 0;

  // Conversations the actor may see: a user's own; staff filter by status/team.
  virtual Result<Json> List(const itsm::Actor& actor, std::string_view status,
                            std::string_view team, int limit) = 0;

  // A human agent takes the conversation over: the bot stops answering, the
  // user is told a person joined. Release gives it back to the bot.
  virtual Result<Turn> TakeOver(const itsm::Actor& agent, std::string_view conversation_id) = 0;
  virtual Result<Turn> AgentMessage(const itsm::Actor& agent, std::string_view conversation_id,
                                    std::string_view text) = 0;
  virtual Result<Turn> Release(const itsm::Actor& agent, std::string_view conversation_id) = 0;
};

}  // namespace sa::dialogue
