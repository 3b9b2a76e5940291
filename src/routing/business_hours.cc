#include "routing/business_hours.h"

#include <algorithm>

namespace sa::routing {
namespace {

bool IsHoliday(const model::Organization& org, const LocalTime& local) {
  const std::string date = local.Date();
  return std::find(org.holidays.begin(), org.holidays.end(), date) != org.holidays.end();
}

bool IsWorkingDay(const model::BusinessHours& hours, int weekday) {
  return std::find(hours.days.begin(), hours.days.end(), weekday) != hours.days.end();
}

}  // namespace

const model::BusinessHours& HoursOf(const model::Organization& org, const model::Team& team) {
  return team.business_hours ? *team.business_hours : org.business_hours;
}

bool IsOpen(const model::BusinessHours& hours, const model::Organization& org, TimePoint t) {
  auto local = ToLocal(t, org.timezone);
  if (!local.ok()) return false;
  if (!IsWorkingDay(hours, local->weekday) || IsHoliday(org, *local)) return false;
  const int minute = local->hour * 60 + local->minute;
  return minute >= hours.from_minute && minute < hours.to_minute;
}

std::optional<TimePoint> NextOpening(const model::BusinessHours& hours,
                                     const model::Organization& org, TimePoint t) {
  if (IsOpen(hours, org, t)) return t;
  auto local = ToLocal(t, org.timezone);
  if (!local.ok() || hours.days.empty()) return std::nullopt;
  // Walk day by day (in local dates) to the first working day whose opening is after t.
  for (int offset = 0; offset <= 60; ++offset) {
    auto day = ToLocal(t + std::chrono::hours(24 * offset), org.timezone);
    if (!day.ok()) return std::nullopt;
    if (!IsWorkingDay(hours, day->weekday) || IsHoliday(org, *day)) continue;
    LocalTime opening = *day;
    opening.hour = hours.from_minute / 60;
    opening.minute = hours.from_minute % 60;
    auto at = FromLocal(opening, org.timezone);
    if (at.ok() && *at > t) return *at;
  }
  return std::nullopt;
}

}  // namespace sa::routing
