// Organization pack import (shared/orgpack/FORMAT.md): parse, validate whole,
// then write in one transaction. A pack with any error writes nothing.
// Functions are thread-safe (no shared state).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "model/org.h"
#include "store/store.h"

namespace sa::itsm {

// Parses and validates a pack. On failure returns kInvalidArgument and fills
// `errors` with every problem found, each naming its path in the pack, e.g.
// `services[4].owner_team: unknown team "netwrk"`, `teams[3].id: duplicate id "network"`.
Result<model::OrgPack> ParsePack(std::string_view yaml_text, std::vector<std::string>* errors);

struct ImportSummary {
  std::string organization;  // its name
  int teams = 0, user_groups = 0, services = 0, configuration_items = 0, users = 0, articles = 0,
      changes = 0, incidents = 0, catalog_items = 0;
  std::string ToString() const;  // one line: "imported Acme Corp: 7 teams, 12 services, ..."
};

// Parses, validates and writes the pack in one transaction, with an "org
// imported" audit event by `actor` through `channel`. Idempotent: importing the
// same pack again changes nothing but the version and the event.
Result<ImportSummary> ImportPack(store::Store& store, const Clock& clock,
                                 std::string_view yaml_text, std::string_view actor,
                                 std::string_view channel, std::vector<std::string>* errors);

}  // namespace sa::itsm
