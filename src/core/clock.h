// Time: the only way code reads the clock, so tests can set it by hand.
//
// Wall time (Now) is what users see and what records carry; monotonic time
// (Monotonic) measures intervals (latency, rate limits, lockouts). Implementations
// are thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sa {

using TimePoint = std::chrono::system_clock::time_point;
using MonoTime = std::chrono::steady_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
  virtual MonoTime Monotonic() const = 0;
};

// The real clocks of the machine.
std::shared_ptr<Clock> NewSystemClock();

// A clock that moves only when told to; for tests.
class ManualClock : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_(start), mono_(MonoTime{}) {}
  TimePoint Now() const override {
    std::lock_guard lock(mu_);
    return now_;
  }
  MonoTime Monotonic() const override {
    std::lock_guard lock(mu_);
    return mono_;
  }
  void Advance(std::chrono::seconds d) {
    std::lock_guard lock(mu_);
    now_ += d;
    mono_ += d;
  }
  void Set(TimePoint t) {
    std::lock_guard lock(mu_);
    now_ = t;
  }

 private:
  mutable std::mutex mu_;
  TimePoint now_;
  MonoTime mono_;
};

// "2026-11-23T15:21:39Z" (UTC, second precision). Sorts as text in time order.
std::string FormatTime(TimePoint t);
// Parses ISO 8601 with a zone: "2026-12-05T20:00:00Z", "...+01:00", fractional
// seconds allowed. InvalidArgument names what is wrong.
Result<TimePoint> ParseTime(std::string_view text);
// Parses a calendar date "2026-12-25" as midnight UTC of that day.
Result<TimePoint> ParseDate(std::string_view text);

// A moment as seen on a wall clock in an IANA time zone.
struct LocalTime {
  int year = 0, month = 0, day = 0;  // month 1..12
  int hour = 0, minute = 0;
  int weekday = 0;                   // 0 = Monday .. 6 = Sunday
  std::string Date() const;          // "2026-12-25"
};
// Converts with ICU's time zone data. An unknown zone is InvalidArgument.
Result<LocalTime> ToLocal(TimePoint t, std::string_view tz);
// The instant when the wall clock of `tz` shows that local date and time.
Result<TimePoint> FromLocal(const LocalTime& local, std::string_view tz);
// True when `tz` names a zone ICU knows ("Europe/Paris").
bool IsValidTimeZone(std::string_view tz);
// A human date-time in the user's language and zone, e.g. "Sat 12 Dec 18:00"
// (en), "сб 12 дек. 18:00" (ru), "12月12日 周六 18:00" (zh), with the zone abbreviation.
std::string FormatLocalHuman(TimePoint t, std::string_view tz, std::string_view language);

}  // namespace sa
