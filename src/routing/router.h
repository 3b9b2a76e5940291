// Routing: which team a ticket goes to, and why.
//
// Order of evidence: a catalog item's team; for a request the service's
// request team, for an incident its owner team; a configuration item's owner
// team; a text classifier trained on past tickets' final teams (so agents'
// reassignments teach it) and on what the pack says each team does; otherwise
// the default team. Every decision carries a human reason that is recorded on
// the ticket's "created" event ("service vpn (alias 'AnyPath') -> network").
//
// A Router is immutable once built; Route is thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/org.h"
#include "model/ticket.h"
#include "nlu/nlu.h"

namespace sa::routing {

struct RouteInput {
  model::TicketType type = model::TicketType::kIncident;
  std::string catalog_item;  // ids, empty when unknown
  std::string service;
  std::string config_item;
  std::string service_evidence;  // how the service was recognised, e.g. "alias 'AnyPath'"
  std::string text;              // what the user said, for the classifier
  std::string language;
};

struct RouteDecision {
  std::string team;
  std::string method;  // catalog_item | service | config_item | classifier | default
  std::string reason;  // for humans and the audit log
  double confidence = 1.0;
};

// A past ticket's text and the team that finally handled it.
struct RoutedExample {
  std::string text;
  std::string team;
};

class Router {
 public:
  // `history` are past tickets (title + description -> final team). Trains the
  // fallback classifier on them plus each team's and service's description.
  // kInvalidArgument when the pack has no default team.
  static Result<std::unique_ptr<Router>> Build(const model::OrgPack& org,
                                               const std::vector<RoutedExample>& history);

  RouteDecision Route(const RouteInput& input) const;
  // The team the bot hands conversations to (the pack's default team).
  const std::string& default_team() const { return default_team_; }

 private:
  Router() = default;
  const model::OrgPack* org_ = nullptr;
  model::OrgPack org_copy_;
  std::string default_team_;
  std::unique_ptr<nlu::IntentClassifier> classifier_;
};

// Minimum classifier score to trust its team over the default team.
inline constexpr double kClassifierMinScore = 0.45;

}  // namespace sa::routing
