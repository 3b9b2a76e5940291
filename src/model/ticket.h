// Tickets, their comments and the append-only event log: plain data.
// Behaviour (workflow, priority, hashing) lives in itsm; storage in store.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/json.h"

namespace sa::model {

enum class TicketType { kIncident, kRequest };
enum class TicketStatus { kNew, kAssigned, kInProgress, kWaiting, kResolved, kClosed };

// "incident" / "request"; "new", "assigned", "in_progress", "waiting", "resolved", "closed".
const char* ToString(TicketType t);
const char* ToString(TicketStatus s);
std::optional<TicketType> ParseTicketType(std::string_view s);
std::optional<TicketStatus> ParseTicketStatus(std::string_view s);

struct Ticket {
  std::string id;  // "INC-000123" / "REQ-000123"
  TicketType type = TicketType::kIncident;
  std::string title, description;
  TicketStatus status = TicketStatus::kNew;
  std::string priority = "P4";            // P1..P4
  std::string impact = "low";             // low | medium | high
  std::string urgency = "low";            // low | medium | high
  std::string team, assignee;             // empty = none
  std::string service, config_item;
  std::string requester;                  // user id
  std::string catalog_item;
  Json fields = Json::object();           // catalog fields collected
  std::string conversation_id;
  std::string parent_id;                  // e.g. the major incident it is linked to
  std::string resolution;                 // resolution note (case library)
  std::string channel;                    // channel it came from: api, web, terminal...
  int satisfaction = 0;                   // 1..5 once rated, 0 = not rated
  TimePoint created{}, updated{};
  TimePoint resolved_at{};                // epoch when not resolved
  int64_t version = 1;                    // optimistic concurrency
};

struct Comment {
  int64_t id = 0;
  std::string ticket_id;
  std::string author;     // user id
  std::string body;
  bool internal = false;  // internal notes are never shown to the requester
  std::string channel;
  TimePoint created{};
};

struct TicketFilter {
  std::optional<TicketStatus> status;
  std::optional<TicketType> type;
  std::vector<std::string> teams;  // any of; empty = all
  std::string requester, assignee, service;
  bool open_only = false;          // status not in {resolved, closed}
  int limit = 50;                  // 1..500
  int offset = 0;
};

// One entry of the append-only, hash-chained audit log.
struct Event {
  int64_t seq = 0;         // assigned by the store, 1, 2, 3... without gaps
  TimePoint at{};
  std::string actor;       // user id, token name, or "system"/"bot"
  std::string channel;     // api, web, terminal, cli, system...
  std::string entity;      // "ticket", "conversation", "org", "token", "article", "password_reset"...
  std::string entity_id;
  std::string action;      // "created", "updated", "commented", "assigned", "imported"...
  Json changes = Json::object();  // {"field": {"old": ..., "new": ...}} or free details
  std::string reason;      // why, e.g. the routing decision
  std::string prev_hash;   // hash of the event before (64 zeros for the first)
  std::string hash;        // SHA-256 over prev_hash and this event's canonical form
};

}  // namespace sa::model
