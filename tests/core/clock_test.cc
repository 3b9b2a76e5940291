#include "core/clock.h"

#include <gtest/gtest.h>

namespace sa {
namespace {

TEST(ClockTest, FormatsAndParsesUtcRoundTrip) {
  auto t = ParseTime("2026-12-05T20:00:00Z");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(FormatTime(*t), "2026-12-05T20:00:00Z");
}

TEST(ClockTest, AppliesZoneOffsets) {
  auto t = ParseTime("2026-12-05T21:30:00+01:30");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(FormatTime(*t), "2026-12-05T20:00:00Z");
}

TEST(ClockTest, RejectsTimesWithoutZone) {
  auto t = ParseTime("2026-12-05T20:00:00");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("zone"), std::string::npos);
}

TEST(ClockTest, ConvertsToParisWallClock) {
  auto t = ParseTime("2026-12-12T17:00:00Z");
  ASSERT_TRUE(t.ok());
  auto local = ToLocal(*t, "Europe/Paris");
  ASSERT_TRUE(local.ok());
  EXPECT_EQ(local->hour, 18);
  EXPECT_EQ(local->weekday, 5);  // Saturday
  auto back = FromLocal(*local, "Europe/Paris");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(FormatTime(*back), "2026-12-12T17:00:00Z");
}

TEST(ClockTest, RejectsUnknownZone) {
  EXPECT_FALSE(IsValidTimeZone("Mars/Olympus"));
  EXPECT_TRUE(IsValidTimeZone("Asia/Shanghai"));
}

TEST(ClockTest, FormatsHumanTimeInUserLanguage) {
  auto t = ParseTime("2026-12-12T17:00:00Z");
  ASSERT_TRUE(t.ok());
  EXPECT_NE(FormatLocalHuman(*t, "Europe/Paris", "en").find("18:00"), std::string::npos);
  EXPECT_NE(FormatLocalHuman(*t, "Asia/Shanghai", "zh").find("月"), std::string::npos);
}

TEST(ClockTest, ManualClockMovesOnlyWhenTold) {
  ManualClock clock(*ParseTime("2026-11-22T00:00:00Z"));
  auto before = clock.Now();
  clock.Advance(std::chrono::seconds(60));
  EXPECT_EQ(clock.Now() - before, std::chrono::seconds(60));
}

}  // namespace
}  // namespace sa
