// Business hours of human teams: whether a team is at work at an instant, and
// when it next is (holidays excluded), in the organization's time zone.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "model/org.h"

namespace sa::routing {

// The hours that apply to `team`: its own, or the organization's ("inherit").
const model::BusinessHours& HoursOf(const model::Organization& org, const model::Team& team);

// True when `t` falls within `hours` on a working day that is not a holiday.
bool IsOpen(const model::BusinessHours& hours, const model::Organization& org, TimePoint t);

// The next instant at or after `t` when the team is at work; nullopt when the
// hours name no working day (or none in the coming 60 days).
std::optional<TimePoint> NextOpening(const model::BusinessHours& hours,
                                     const model::Organization& org, TimePoint t);

}  // namespace sa::routing
