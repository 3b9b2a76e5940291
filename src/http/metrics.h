// Request metrics for /metrics: counts by route, method and status, and
// latency histograms by route and method, rendered in the Prometheus text
// exposition format. Thread-safe.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace sa::http {

class Metrics {
 public:
  // `route` is the route pattern ("/api/v1/tickets/{id}"), never the raw path,
  // so label cardinality stays bounded.
  void Observe(const std::string& route, const std::string& method, int status, double seconds);
  // Appends the request families to `out`.
  void Render(std::string* out) const;

  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1,    2.5};

 private:
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> buckets{};
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> counts_;
  std::map<std::pair<std::string, std::string>, Histogram> latency_;
};

// Escapes a Prometheus label value (backslash, quote, newline).
std::string PromLabel(const std::string& value);

}  // namespace sa::http
