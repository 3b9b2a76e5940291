// Maps (method, path) to a handler. Patterns are literal segments and
// `{name}` segments that capture one path segment into Request::params, e.g.
// "/api/v1/tickets/{id}/comments". Literal segments win over captures.
// Routes are added before serving; Find is then thread-safe (read-only).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace sa::http {

using Handler = std::function<Response(Request&)>;

class Router {
 public:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };

  struct Match {
    const Route* route = nullptr;      // null: no route for this method
    std::vector<std::string> allowed;  // methods of the path when route is null
    std::map<std::string, std::string> params;
  };

  void Add(std::string method, std::string pattern, Handler handler);
  // The route for method+path. When the path exists with other methods only,
  // route is null and `allowed` lists them (405); when nothing matches the
  // path, both are empty (404).
  Match Find(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  // Specificity: number of literal segments matched (higher wins).
  static bool Matches(const Route& route, const std::vector<std::string_view>& parts,
                      std::map<std::string, std::string>* params, int* literals);
  std::vector<Route> routes_;
};

}  // namespace sa::http
