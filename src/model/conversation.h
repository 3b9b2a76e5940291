// Conversations between a user and the bot (or a human agent who took over),
// and the entries of their transcript: plain data.
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/json.h"

namespace sa::model {

struct Conversation {
  std::string id;        // UUID
  std::string user_id;
  std::string channel;   // api, web, terminal, email, slack, teams
  std::string status = "active";  // active | awaiting_user | resolved | handed_off | closed
  std::string language;
  std::string team;      // set when handed off
  std::string agent;     // user id of the human who took over, if any
  Json state = Json::object();    // the dialogue engine's state (API-CONTRACT `state` + private)
  TimePoint created{}, updated{};
  int64_t version = 1;
};

struct TranscriptEntry {
  int64_t seq = 0;            // order within the conversation, assigned by the store
  std::string conversation_id;
  std::string role;           // user | bot | agent | system
  std::string author;         // user id, or "bot"
  std::string text;           // already masked of secrets
  Json replies = Json::array();  // for bot turns: the replies as sent
  std::string client_message_id;  // for user turns: the idempotency key
  Json response = nullptr;    // for user turns: the exact response returned (idempotent replay)
  TimePoint at{};
};

}  // namespace sa::model
