#include "http/api.h"

#include <exception>

#include "dialogue/engine.h"

namespace sa::http {

extern const char kOpenApiYaml[];  // generated from docs/openapi.yaml (openapi_text.cc)

namespace {

bool IsRoutedPath(const std::string& path) {
  return path == "/api" || path.rfind("/api/", 0) == 0 || path == "/healthz" || path == "/readyz" ||
         path == "/metrics";
}

}  // namespace

Response TooManyRequests(const Status& status, int64_t retry_after, const std::string& request_id) {
  Response r = ErrorResponse(status, request_id);
  r.headers.emplace_back("Retry-After", std::to_string(retry_after));
  return r;
}

Api::Api(const ServerOptions& options, ServerDeps deps)
    : options_(options),
      deps_(deps),
      org_(deps.store),
      kb_(deps.store, org_, deps.knowledge_index),
      auth_(deps.store, deps.clock, org_, options),
      static_files_(options.static_dir),
      live_(deps.store, deps.tickets.policy()) {
  AddSystemRoutes();
  AddAuthRoutes();
  AddTicketRoutes();
  AddOrgRoutes();
  AddAdminRoutes();
  AddConversationRoutes();
  AddLiveRoutes();
  AddKnowledgeRoutes();
  AddArticleEditRoutes();
  AddAssistRoutes();
  AddLearningRoutes();
  AddPortalRoutes();
  AddTotpRoutes();
}

void Api::Public(const std::string& method, const std::string& pattern, PublicHandler handler) {
  router_.Add(method, pattern, [handler = std::move(handler)](Request& request) {
    Result<Response> response = handler(request);
    if (!response.ok()) return ErrorResponse(response.status(), request.request_id);
    return *std::move(response);
  });
}

void Api::Authed(const std::string& method, const std::string& pattern, CallerHandler handler) {
  router_.Add(method, pattern, [this, handler = std::move(handler)](Request& request) {
    int64_t retry_after = 0;
    Result<Caller> caller = auth_.Authenticate(request, &retry_after);
    if (!caller.ok()) {
      if (retry_after > 0) return TooManyRequests(caller.status(), retry_after, request.request_id);
      return ErrorResponse(caller.status(), request.request_id);
    }
    Result<Response> response = handler(request, *caller);
    if (!response.ok()) return ErrorResponse(response.status(), request.request_id);
    return *std::move(response);
  });
}

Response Api::Handle(Request& request, std::string* route) {
  if (!IsRoutedPath(request.path)) {
    *route = "static";
    return static_files_.Serve(request);
  }
  Router::Match match = router_.Find(request.method, request.path);
  if (match.route == nullptr) {
    *route = "unmatched";
    if (match.allowed.empty()) {
      return ErrorResponse(Status(Code::kNotFound, "no such endpoint: " + request.path),
                           request.request_id);
    }
    std::string allow;
    for (const std::string& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
    Response r = ErrorResponse(405, "method_not_allowed",
                               "method " + request.method + " is not allowed on " + request.path +
                                   " (allowed: " + allow + ")",
                               request.request_id);
    r.headers.emplace_back("Allow", allow);
    return r;
  }
  *route = match.route->pattern;
  request.params = std::move(match.params);
  try {
    return match.route->handler(request);
  } catch (const std::exception& e) {
    return ErrorResponse(Internal(std::string("unexpected error: ") + e.what()),
                         request.request_id);
  }
}

std::vector<RouteInfo> Api::Routes() const {
  std::vector<RouteInfo> out;
  for (const Router::Route& r : router_.routes()) out.push_back({r.method, r.pattern});
  return out;
}

Status Api::RequireAdmin(const Caller& caller) const {
  if (caller.actor.role != itsm::Role::kAdmin) {
    return PermissionDenied("this needs an admin; you are " +
                            std::string(itsm::ToString(caller.actor.role)) + " \"" +
                            caller.actor.id + "\"");
  }
  return Status::Ok();
}

Status Api::RequireStaff(const Caller& caller) const {
  if (caller.actor.role != itsm::Role::kAdmin && caller.actor.role != itsm::Role::kAgent) {
    return PermissionDenied("this needs an agent or an admin; you are " +
                            std::string(itsm::ToString(caller.actor.role)) + " \"" +
                            caller.actor.id + "\"");
  }
  return Status::Ok();
}

void Api::AddSystemRoutes() {
  Public("GET", "/healthz", [](Request&) -> Result<Response> {
    return Response::MakeJson(200, {{"status", "ok"}});
  });
  Public("GET", "/readyz", [this](Request&) -> Result<Response> {
    Status st =
        deps_.store.Transact([](store::Tx& tx) -> Status { return tx.org().Version().status(); });
    if (!st.ok()) return Unavailable("store not reachable: " + st.message());
    return Response::MakeJson(200, {{"status", "ready"}, {"store", deps_.store.Backend()}});
  });
  Public("GET", "/metrics", [this](Request&) -> Result<Response> {
    std::string out;
    metrics_.Render(&out);
    std::vector<std::pair<std::string, int64_t>> counts;
    Status st = deps_.store.Transact([&](store::Tx& tx) -> Status {
      SA_ASSIGN_OR_RETURN(counts, tx.tickets().CountByStatus());
      return Status::Ok();
    });
    out += "# HELP sa_tickets Tickets by status.\n# TYPE sa_tickets gauge\n";
    for (const auto& [status, n] : counts) {
      out += "sa_tickets{status=\"" + PromLabel(status) + "\"} " + std::to_string(n) + "\n";
    }
    out += "# HELP sa_store_up Whether the store answered the last scrape.\n";
    out += "# TYPE sa_store_up gauge\nsa_store_up " + std::string(st.ok() ? "1" : "0") + "\n";
    return Response::Text(200, "text/plain; version=0.0.4; charset=utf-8", std::move(out));
  });
  Public("GET", "/api/v1/openapi.yaml", [](Request&) -> Result<Response> {
    return Response::Text(200, "application/yaml", kOpenApiYaml);
  });
}

}  // namespace sa::http
