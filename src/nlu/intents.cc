// The built-in intent labels and their mapping to contract intents.
#include <map>

#include "nlu/nlu.h"

namespace sa::nlu {
namespace {

const std::map<std::string, std::string, std::less<>>& CoarseMap() {
  static const auto* m = new std::map<std::string, std::string, std::less<>>{
      {"password_reset", "password_reset"}, {"unlock_account", "password_reset"},
      {"mfa_problem", "incident"},          {"access_request", "service_request"},
      {"software_install", "service_request"}, {"service_request", "service_request"},
      {"hardware_broken", "incident"},      {"network_problem", "incident"},
      {"email_problem", "incident"},        {"printer_problem", "incident"},
      {"slow_computer", "incident"},        {"incident", "incident"},
      {"how_to", "how_to"},                 {"outage_check", "outage_check"},
      {"ticket_status", "ticket_status"},   {"cancel_ticket", "ticket_status"},
      {"add_info", "ticket_status"},        {"hurry_ticket", "ticket_status"},
      {"complaint", "human_agent"},         {"human_agent", "human_agent"},
      {"greeting", "greeting"},             {"thanks", "thanks"},
      {"goodbye", "thanks"},                {"out_of_scope", "out_of_scope"},
      {"oos", "out_of_scope"}};
  return *m;
}

}  // namespace

const std::vector<std::string>& FineIntents() {
  static const auto* v = new std::vector<std::string>{
      "password_reset", "unlock_account", "mfa_problem", "access_request", "software_install",
      "service_request", "hardware_broken", "network_problem", "email_problem",
      "printer_problem", "slow_computer", "incident", "how_to", "outage_check",
      "ticket_status", "cancel_ticket", "add_info", "hurry_ticket", "complaint",
      "human_agent", "greeting", "thanks", "goodbye", "out_of_scope"};
  return *v;
}

std::string CoarseIntent(std::string_view fine) {
  auto it = CoarseMap().find(fine);
  return it == CoarseMap().end() ? "out_of_scope" : it->second;
}

}  // namespace sa::nlu
