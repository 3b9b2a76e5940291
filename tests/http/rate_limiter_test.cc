#include "http/rate_limiter.h"

#include <gtest/gtest.h>

namespace sa::http {
namespace {

TEST(RateLimiterTest, AllowsBurstThenAsksToWaitUntilRefilled) {
  ManualClock clock(TimePoint{});
  RateLimiter limiter(clock, RateLimit{0.5, 3});  // one request per 2 s, 3 at once
  EXPECT_EQ(limiter.Take("ip"), 0);
  EXPECT_EQ(limiter.Take("ip"), 0);
  EXPECT_EQ(limiter.Take("ip"), 0);
  EXPECT_EQ(limiter.Take("ip"), 2);
  clock.Advance(std::chrono::seconds(2));
  EXPECT_EQ(limiter.Take("ip"), 0);
  EXPECT_GT(limiter.Take("ip"), 0);
}

TEST(RateLimiterTest, KeysHaveSeparateBuckets) {
  ManualClock clock(TimePoint{});
  RateLimiter limiter(clock, RateLimit{1, 1});
  EXPECT_EQ(limiter.Take("a"), 0);
  EXPECT_EQ(limiter.Take("b"), 0);
  EXPECT_EQ(limiter.Take("a"), 1);
}

TEST(RateLimiterTest, ZeroRateDisablesTheLimit) {
  ManualClock clock(TimePoint{});
  RateLimiter limiter(clock, RateLimit{0, 0});
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(limiter.Take("x"), 0);
}

}  // namespace
}  // namespace sa::http
