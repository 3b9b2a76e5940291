#include "http/metrics.h"

#include <cstdio>

namespace sa::http {

std::string PromLabel(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

void Metrics::Observe(const std::string& route, const std::string& method, int status,
                      double seconds) {
  std::lock_guard lock(mu_);
  ++counts_[{route, method, status}];
  Histogram& h = latency_[{route, method}];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

namespace {
std::string Number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}
}  // namespace

void Metrics::Render(std::string* out) const {
  std::lock_guard lock(mu_);
  *out += "# HELP sa_http_requests_total HTTP requests handled, by route, method and status.\n";
  *out += "# TYPE sa_http_requests_total counter\n";
  for (const auto& [key, n] : counts_) {
    const auto& [route, method, status] = key;
    *out += "sa_http_requests_total{route=\"" + PromLabel(route) + "\",method=\"" +
            PromLabel(method) + "\",status=\"" + std::to_string(status) + "\"} " +
            std::to_string(n) + "\n";
  }
  *out +=
      "# HELP sa_http_request_duration_seconds Time to handle a request, by route and method.\n";
  *out += "# TYPE sa_http_request_duration_seconds histogram\n";
  for (const auto& [key, h] : latency_) {
    std::string labels =
        "route=\"" + PromLabel(key.first) + "\",method=\"" + PromLabel(key.second) + "\"";
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      *out += "sa_http_request_duration_seconds_bucket{" + labels + ",le=\"" + Number(kBuckets[i]) +
              "\"} " + std::to_string(h.buckets[i]) + "\n";
    }
    *out += "sa_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " +
            std::to_string(h.count) + "\n";
    *out += "sa_http_request_duration_seconds_sum{" + labels + "} " + Number(h.sum) + "\n";
    *out +=
        "sa_http_request_duration_seconds_count{" + labels + "} " + std::to_string(h.count) + "\n";
  }
}

}  // namespace sa::http
