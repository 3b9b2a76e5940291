#include "http/views.h"

#include <string>

namespace sa::http {

namespace {

Json OrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::string Clock2(int minutes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

Json HoursJson(const model::BusinessHours& hours) {
  Json days = Json::array();
  for (int d : hours.days) {
    if (d >= 0 && d < 7) days.push_back(kDays[d]);
  }
  return {{"days", days}, {"from", Clock2(hours.from_minute)}, {"to", Clock2(hours.to_minute)}};
}

}  // namespace

Json TicketJson(const model::Ticket& t) {
  Json j = {
      {"id", t.id},
      {"type", model::ToString(t.type)},
      {"title", t.title},
      {"description", t.description},
      {"status", model::ToString(t.status)},
      {"priority", t.priority},
      {"impact", t.impact},
      {"urgency", t.urgency},
      {"team", OrNull(t.team)},
      {"assignee", OrNull(t.assignee)},
      {"service", OrNull(t.service)},
      {"config_item", OrNull(t.config_item)},
      {"catalog_item", OrNull(t.catalog_item)},
      {"fields", t.fields.is_null() ? Json::object() : t.fields},
      {"requester", t.requester},
      {"conversation_id", OrNull(t.conversation_id)},
      {"parent_id", OrNull(t.parent_id)},
      {"resolution", OrNull(t.resolution)},
      {"channel", OrNull(t.channel)},
      {"satisfaction", t.satisfaction == 0 ? Json(nullptr) : Json(t.satisfaction)},
      {"created", FormatTime(t.created)},
      {"updated", FormatTime(t.updated)},
      {"resolved", t.resolved_at == TimePoint{} ? Json(nullptr) : Json(FormatTime(t.resolved_at))},
      {"version", t.version},
  };
  return j;
}

Json CommentJson(const model::Comment& c) {
  return {{"id", c.id},
          {"ticket_id", c.ticket_id},
          {"author", c.author},
          {"body", c.body},
          {"internal", c.internal},
          {"channel", OrNull(c.channel)},
          {"created", FormatTime(c.created)}};
}

Json EventJson(const model::Event& e) {
  return {{"seq", e.seq},         {"at", FormatTime(e.at)}, {"actor", e.actor},
          {"channel", e.channel}, {"entity", e.entity},     {"entity_id", e.entity_id},
          {"action", e.action},   {"changes", e.changes},   {"reason", OrNull(e.reason)},
          {"hash", e.hash}};
}

Json UserJson(const model::User& u) {
  return {{"id", u.id},
          {"name", u.name},
          {"email", u.email},
          {"groups", u.groups},
          {"language", OrNull(u.language)},
          {"manager", OrNull(u.manager)},
          {"location", OrNull(u.location)},
          {"role", u.role},
          {"phone", OrNull(u.phone)}};
}

Json TeamJson(const model::Team& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"description", t.description},
          {"default", t.is_default},
          {"members", t.members},
          {"languages", t.languages},
          {"business_hours", t.business_hours ? HoursJson(*t.business_hours) : Json("inherit")}};
}

Json ServiceJson(const model::Service& s) {
  return {{"id", s.id},
          {"name", s.name},
          {"description", s.description},
          {"aliases", s.aliases},
          {"owner_team", s.owner_team},
          {"request_team", s.request_team.empty() ? s.owner_team : s.request_team},
          {"criticality", s.criticality},
          {"depends_on", s.depends_on}};
}

Json ChangeJson(const model::Change& c) {
  return {{"id", c.id},
          {"title", c.title},
          {"description", c.description},
          {"services", c.services},
          {"start", FormatTime(c.start)},
          {"end", FormatTime(c.end)},
          {"outage", c.outage},
          {"status", c.status}};
}

Json IncidentJson(const model::MajorIncident& i) {
  return {{"id", i.id},
          {"title", i.title},
          {"services", i.services},
          {"started", FormatTime(i.started)},
          {"status", i.status},
          {"message", i.message}};
}

Json CatalogItemJson(const model::CatalogItem& item) {
  Json fields = Json::array();
  for (const model::CatalogField& f : item.fields) {
    Json field = {
        {"name", f.name}, {"prompt", f.prompt}, {"type", f.type}, {"required", f.required}};
    if (!f.options.empty()) field["options"] = f.options;
    fields.push_back(std::move(field));
  }
  return {{"id", item.id},     {"name", item.name},         {"aliases", item.aliases},
          {"team", item.team}, {"approval", item.approval}, {"fields", fields}};
}

Json TokenJson(const model::ApiToken& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"role", t.role},
          {"user", OrNull(t.user_id)},
          {"created", FormatTime(t.created)},
          {"expires", t.expires ? Json(FormatTime(*t.expires)) : Json(nullptr)},
          {"revoked", t.revoked}};
}

}  // namespace sa::http
