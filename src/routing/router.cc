#include "routing/router.h"

#include <algorithm>
#include <cstdio>

#include "core/ids.h"

namespace sa::routing {
namespace {

// What the pack says a team handles: its description, and the names, aliases
// and descriptions of the services, items and catalog entries it owns.
std::vector<nlu::Example> TeamProfiles(const model::OrgPack& org) {
  std::vector<nlu::Example> out;
  for (const auto& team : org.teams) {
    if (!team.description.empty())
      out.push_back({team.name + ". " + team.description, team.id, ""});
  }
  for (const auto& s : org.services) {
    out.push_back({s.name + ". " + s.description, s.owner_team, ""});
    for (const auto& alias : s.aliases) out.push_back({alias, s.owner_team, ""});
  }
  for (const auto& ci : org.configuration_items) {
    out.push_back({ci.name + " " + ci.type, ci.owner_team, ""});
  }
  for (const auto& item : org.request_catalog) {
    out.push_back({item.name, item.team, ""});
    for (const auto& alias : item.aliases) out.push_back({alias, item.team, ""});
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<Router>> Router::Build(const model::OrgPack& org,
                                              const std::vector<RoutedExample>& history) {
  std::unique_ptr<Router> router(new Router());
  router->org_copy_ = org;
  router->org_ = &router->org_copy_;
  for (const auto& team : org.teams) {
    if (team.is_default) router->default_team_ = team.id;
  }
  if (router->default_team_.empty()) return InvalidArgument("the organization has no default team");

  std::vector<nlu::Example> examples = TeamProfiles(org);
  for (const auto& h : history) {
    if (model::FindById(org.teams, h.team) != nullptr && !h.text.empty()) {
      examples.push_back({h.text, h.team, ""});
    }
  }
  size_t labels = 0;
  {
    std::vector<std::string> seen;
    for (const auto& e : examples) {
      if (std::find(seen.begin(), seen.end(), e.intent) == seen.end()) seen.push_back(e.intent);
    }
    labels = seen.size();
  }
  if (labels >= 2) {
    nlu::ClassifierOptions options;
    options.oos_label = "";
    options.oos_threshold = 0;
    options.threads = 1;
    auto trained = nlu::IntentClassifier::Train(examples, options);
    if (trained.ok()) router->classifier_ = std::move(trained).value();
  }
  return router;
}

RouteDecision Router::Route(const RouteInput& in) const {
  const model::OrgPack& org = *org_;
  if (const auto* item = model::FindById(org.request_catalog, in.catalog_item)) {
    return {item->team, "catalog_item", "catalog item " + item->id + " -> " + item->team, 1.0};
  }
  if (const auto* service = model::FindById(org.services, in.service)) {
    const bool request = in.type == model::TicketType::kRequest && !service->request_team.empty();
    const std::string& team = request ? service->request_team : service->owner_team;
    std::string how = in.service_evidence.empty() ? "" : " (" + in.service_evidence + ")";
    return {team, "service",
            "service " + service->id + how + " -> " + team +
                (request ? " (request team)" : " (owner team)"),
            1.0};
  }
  if (const auto* ci = model::FindById(org.configuration_items, in.config_item)) {
    return {ci->owner_team, "config_item",
            "configuration item " + ci->id + " -> " + ci->owner_team + " (owner team)", 1.0};
  }
  if (classifier_ && !in.text.empty()) {
    auto scores = classifier_->Predict(in.text, in.language);
    if (!scores.empty() && scores[0].score >= kClassifierMinScore) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.2f", scores[0].score);
      return {scores[0].name, "classifier",
              "text classifier (past tickets and team descriptions) -> " + scores[0].name +
                  " with score " + buf,
              scores[0].score};
    }
  }
  return {default_team_, "default",
          "no catalog item, service or confident classifier match -> default team " + default_team_,
          0.0};
}

}  // namespace sa::routing
