#include "model/ticket.h"

namespace sa::model {

const char* ToString(TicketType t) { return t == TicketType::kIncident ? "incident" : "request"; }

const char* ToString(TicketStatus s) {
  switch (s) {
    case TicketStatus::kNew: return "new";
    case TicketStatus::kAssigned: return "assigned";
    case TicketStatus::kInProgress: return "in_progress";
    case TicketStatus::kWaiting: return "waiting";
    case TicketStatus::kResolved: return "resolved";
    case TicketStatus::kClosed: return "closed";
  }
  return "new";
}

std::optional<TicketType> ParseTicketType(std::string_view s) {
  if (s == "incident") return TicketType::kIncident;
  if (s == "request") return TicketType::kRequest;
  return std::nullopt;
}

std::optional<TicketStatus> ParseTicketStatus(std::string_view s) {
  for (auto st : {TicketStatus::kNew, TicketStatus::kAssigned, TicketStatus::kInProgress,
                  TicketStatus::kWaiting, TicketStatus::kResolved, TicketStatus::kClosed}) {
    if (s == ToString(st)) return st;
  }
  return std::nullopt;
}

}  // namespace sa::model
