// The JSON shapes of the API (shared/API-CONTRACT.md for tickets): model
// structs rendered for responses. Empty optional references render as null.
// Pure functions; thread-safe.
#pragma once

#include "core/json.h"
#include "model/auth.h"
#include "model/org.h"
#include "model/ticket.h"

namespace sa::http {

Json TicketJson(const model::Ticket& ticket);
Json CommentJson(const model::Comment& comment);
Json EventJson(const model::Event& event);
Json UserJson(const model::User& user);
Json TeamJson(const model::Team& team);
Json ServiceJson(const model::Service& service);
Json ChangeJson(const model::Change& change);
Json IncidentJson(const model::MajorIncident& incident);
Json CatalogItemJson(const model::CatalogItem& item);
Json TokenJson(const model::ApiToken& token);  // never the hash

}  // namespace sa::http
