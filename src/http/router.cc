#include "http/router.h"

#include <algorithm>

namespace sa::http {

namespace {
std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    parts.push_back(path.substr(i, end - i));
    i = end;
  }
  return parts;
}
bool IsCapture(std::string_view s) { return s.size() > 2 && s.front() == '{' && s.back() == '}'; }
}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler) {
  Route route;
  route.method = std::move(method);
  for (std::string_view s : SplitPath(pattern)) route.segments.emplace_back(s);
  route.pattern = std::move(pattern);
  route.handler = std::move(handler);
  routes_.push_back(std::move(route));
}

bool Router::Matches(const Route& route, const std::vector<std::string_view>& parts,
                     std::map<std::string, std::string>* params, int* literals) {
  if (route.segments.size() != parts.size()) return false;
  int lit = 0;
  std::map<std::string, std::string> captured;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string& seg = route.segments[i];
    if (IsCapture(seg)) {
      if (parts[i].empty()) return false;
      captured[seg.substr(1, seg.size() - 2)] = std::string(parts[i]);
    } else if (seg == parts[i]) {
      ++lit;
    } else {
      return false;
    }
  }
  *params = std::move(captured);
  *literals = lit;
  return true;
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  std::vector<std::string_view> parts = SplitPath(path);
  Match best;
  int best_literals = -1;
  int best_path_literals = -1;
  for (const Route& route : routes_) {
    std::map<std::string, std::string> params;
    int literals = 0;
    if (!Matches(route, parts, &params, &literals)) continue;
    // Only routes of the most specific pattern shape count for 405's Allow.
    if (literals > best_path_literals) {
      best_path_literals = literals;
      best.allowed.clear();
    }
    if (literals == best_path_literals) best.allowed.push_back(route.method);
    if (route.method == method && literals > best_literals) {
      best_literals = literals;
      best.route = &route;
      best.params = std::move(params);
    }
  }
  if (best.route != nullptr && best_literals < best_path_literals) {
    // A more specific path exists but not for this method: that path decides.
    best.route = nullptr;
    best.params.clear();
  }
  if (best.route != nullptr) best.allowed.clear();
  std::sort(best.allowed.begin(), best.allowed.end());
  best.allowed.erase(std::unique(best.allowed.begin(), best.allowed.end()), best.allowed.end());
  return best;
}

}  // namespace sa::http
