// Token-bucket rate limiting keyed by a string (a token id, a client IP),
// timed by Clock::Monotonic so tests move time by hand. Thread-safe.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "core/clock.h"
#include "http/server.h"

namespace sa::http {

class RateLimiter {
 public:
  RateLimiter(const Clock& clock, RateLimit limit) : clock_(clock), limit_(limit) {}

  // Takes one request from `key`'s bucket. Returns 0 when allowed, else the
  // whole seconds to wait before the next request would be allowed (>= 1).
  int64_t Take(const std::string& key);

 private:
  struct Bucket {
    double tokens = 0;
    MonoTime last{};
  };
  const Clock& clock_;
  RateLimit limit_;
  std::mutex mu_;
  std::map<std::string, Bucket> buckets_;
};

}  // namespace sa::http
