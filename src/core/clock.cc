#include "core/clock.h"

#include <unicode/calendar.h>
#include <unicode/datefmt.h>
#include <unicode/dtptngen.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <ctime>

namespace sa {
namespace {

class SystemClock : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
  MonoTime Monotonic() const override { return std::chrono::steady_clock::now(); }
};

bool ParseInt(std::string_view s, size_t pos, size_t len, int* out) {
  if (pos + len > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + len; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

int64_t DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

std::unique_ptr<icu::TimeZone> MakeZone(std::string_view tz) {
  std::unique_ptr<icu::TimeZone> zone(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(std::string(tz))));
  if (!zone || *zone == icu::TimeZone::getUnknown()) return nullptr;
  return zone;
}

}  // namespace

std::shared_ptr<Clock> NewSystemClock() { return std::make_shared<SystemClock>(); }

std::string FormatTime(TimePoint t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(
      std::chrono::time_point_cast<std::chrono::seconds>(t));
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

Result<TimePoint> ParseDate(std::string_view s) {
  int y, mo, d;
  if (s.size() != 10 || !ParseInt(s, 0, 4, &y) || s[4] != '-' || !ParseInt(s, 5, 2, &mo) ||
      s[7] != '-' || !ParseInt(s, 8, 2, &d) || mo < 1 || mo > 12 || d < 1 || d > 31) {
    return InvalidArgument("not a date (YYYY-MM-DD): \"" + std::string(s) + "\"");
  }
  return TimePoint(std::chrono::seconds(DaysFromCivil(y, mo, d) * 86400));
}

Result<TimePoint> ParseTime(std::string_view s) {
  auto bad = [&] {
    return InvalidArgument("not an ISO 8601 time with a zone (e.g. 2026-12-05T20:00:00Z): \"" +
                           std::string(s) + "\"");
  };
  if (s.size() < 17) return bad();
  auto date = ParseDate(s.substr(0, 10));
  if (!date.ok() || (s[10] != 'T' && s[10] != 't' && s[10] != ' ')) return bad();
  int h, mi, sec = 0;
  if (!ParseInt(s, 11, 2, &h) || s[13] != ':' || !ParseInt(s, 14, 2, &mi)) return bad();
  size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!ParseInt(s, pos + 1, 2, &sec)) return bad();
    pos += 3;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    }
  }
  if (h > 23 || mi > 59 || sec > 60) return bad();
  if (pos >= s.size()) return bad();  // a zone is required
  int offset_min = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    if (pos + 1 != s.size()) return bad();
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh, om = 0;
    if (!ParseInt(s, pos + 1, 2, &oh)) return bad();
    size_t p = pos + 3;
    if (p < s.size() && s[p] == ':') ++p;
    if (p < s.size()) {
      if (!ParseInt(s, p, 2, &om) || p + 2 != s.size()) return bad();
    }
    offset_min = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
  } else {
    return bad();
  }
  return *date + std::chrono::seconds(h * 3600 + mi * 60 + sec - offset_min * 60);
}

std::string LocalTime::Date() const {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

bool IsValidTimeZone(std::string_view tz) { return MakeZone(tz) != nullptr; }

Result<LocalTime> ToLocal(TimePoint t, std::string_view tz) {
  auto zone = MakeZone(tz);
  if (!zone) return InvalidArgument("unknown time zone \"" + std::string(tz) + "\"");
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> cal(icu::Calendar::createInstance(zone.release(), err));
  if (U_FAILURE(err)) return Internal("ICU calendar: " + std::string(u_errorName(err)));
  cal->setTime(static_cast<UDate>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                      t.time_since_epoch())
                                      .count()),
               err);
  LocalTime lt;
  lt.year = cal->get(UCAL_YEAR, err);
  lt.month = cal->get(UCAL_MONTH, err) + 1;
  lt.day = cal->get(UCAL_DATE, err);
  lt.hour = cal->get(UCAL_HOUR_OF_DAY, err);
  lt.minute = cal->get(UCAL_MINUTE, err);
  int dow = cal->get(UCAL_DAY_OF_WEEK, err);  // 1 = Sunday
  lt.weekday = (dow + 5) % 7;
  if (U_FAILURE(err)) return Internal("ICU calendar: " + std::string(u_errorName(err)));
  return lt;
}

Result<TimePoint> FromLocal(const LocalTime& local, std::string_view tz) {
  auto zone = MakeZone(tz);
  if (!zone) return InvalidArgument("unknown time zone \"" + std::string(tz) + "\"");
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> cal(icu::Calendar::createInstance(zone.release(), err));
  if (U_FAILURE(err)) return Internal("ICU calendar: " + std::string(u_errorName(err)));
  cal->clear();
  cal->set(local.year, local.month - 1, local.day, local.hour, local.minute, 0);
  UDate ms = cal->getTime(err);
  if (U_FAILURE(err)) return Internal("ICU calendar: " + std::string(u_errorName(err)));
  return TimePoint(std::chrono::milliseconds(static_cast<int64_t>(ms)));
}

std::string FormatLocalHuman(TimePoint t, std::string_view tz, std::string_view language) {
  auto zone = MakeZone(tz);
  if (!zone) zone.reset(icu::TimeZone::createTimeZone("UTC"));
  UErrorCode err = U_ZERO_ERROR;
  icu::Locale locale(std::string(language).c_str());
  std::unique_ptr<icu::DateTimePatternGenerator> gen(
      icu::DateTimePatternGenerator::createInstance(locale, err));
  if (U_FAILURE(err)) return FormatTime(t);
  icu::UnicodeString pattern = gen->getBestPattern(icu::UnicodeString("EEEdMMMHHmmz"), err);
  icu::SimpleDateFormat fmt(pattern, locale, err);
  if (U_FAILURE(err)) return FormatTime(t);
  fmt.adoptTimeZone(zone.release());
  icu::UnicodeString out;
  fmt.format(static_cast<UDate>(
                 std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count()),
             out);
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

}  // namespace sa
