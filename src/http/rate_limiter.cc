#include "http/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace sa::http {

namespace {
constexpr size_t kMaxBuckets = 100000;
}

int64_t RateLimiter::Take(const std::string& key) {
  if (limit_.per_second <= 0) return 0;
  MonoTime now = clock_.Monotonic();
  std::lock_guard lock(mu_);
  if (buckets_.size() >= kMaxBuckets) {
    // Forget buckets that have refilled completely: they hold no information.
    for (auto it = buckets_.begin(); it != buckets_.end();) {
      double age = std::chrono::duration<double>(now - it->second.last).count();
      if (it->second.tokens + age * limit_.per_second >= limit_.burst) {
        it = buckets_.erase(it);
      } else {
        ++it;
      }
    }
  }
  auto [it, inserted] = buckets_.try_emplace(key);
  Bucket& b = it->second;
  if (inserted) {
    b.tokens = std::max(1.0, limit_.burst);
  } else {
    double elapsed = std::chrono::duration<double>(now - b.last).count();
    b.tokens = std::min(std::max(1.0, limit_.burst), b.tokens + elapsed * limit_.per_second);
  }
  b.last = now;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return 0;
  }
  double wait = (1.0 - b.tokens) / limit_.per_second;
  return std::max<int64_t>(1, static_cast<int64_t>(std::ceil(wait)));
}

}  // namespace sa::http
