// The application side of the server: routes every request (API endpoints,
// health, metrics, static files) to its handler and turns every failure into
// the JSON error shape. Independent of the transport: server.cc feeds it
// parsed Requests. Private to src/http. Handle() is thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "http/auth.h"
#include "http/kb_indexes.h"
#include "http/message.h"
#include "http/metrics.h"
#include "http/org_cache.h"
#include "http/router.h"
#include "http/server.h"
#include "http/static_files.h"
#include "http/websocket.h"

namespace sa::http {

class Api {
 public:
  Api(const ServerOptions& options, ServerDeps deps);

  // Answers one request. `route` receives the matched route pattern (or
  // "static", "unmatched") for metrics and logs.
  Response Handle(Request& request, std::string* route);
  std::vector<RouteInfo> Routes() const;
  Metrics& metrics() { return metrics_; }
  // Live updates (websocket.h): handlers publish to it, /api/v1/ws serves it.
  LiveHub& live() { return live_; }
  // The caller of a WebSocket upgrade request (same rules as API routes).
  Result<Caller> AuthenticateLive(const Request& request);

 private:
  using PublicHandler = std::function<Result<Response>(Request&)>;
  using CallerHandler = std::function<Result<Response>(Request&, const Caller&)>;

  // Registers a route open to anyone / to authenticated callers only.
  void Public(const std::string& method, const std::string& pattern, PublicHandler handler);
  void Authed(const std::string& method, const std::string& pattern, CallerHandler handler);

  void AddSystemRoutes();        // api_system.cc
  void AddAuthRoutes();          // api_auth.cc
  void AddTicketRoutes();        // api_tickets.cc
  void AddOrgRoutes();           // api_org.cc
  void AddAdminRoutes();         // api_admin.cc
  void AddConversationRoutes();  // api_conversations.cc
  void AddLiveRoutes();          // websocket.cc
  void AddKnowledgeRoutes();     // api_knowledge.cc
  void AddArticleEditRoutes();   // api_articles_edit.cc
  void AddAssistRoutes();        // api_assist.cc
  void AddLearningRoutes();      // api_learning.cc
  void AddPortalRoutes();        // api_portal.cc
  void AddTotpRoutes();          // api_totp.cc

  // The caller's actor, with on_behalf_of set when an integration names a user.
  Status RequireAdmin(const Caller& caller) const;
  Status RequireStaff(const Caller& caller) const;
  Result<std::shared_ptr<const model::OrgPack>> Org() { return org_.Get(); }
  dialogue::Engine& engine() { return *deps_.engine; }

  const ServerOptions& options_;
  ServerDeps deps_;
  OrgCache org_;
  KbIndexes kb_;  // article index and case library (api_knowledge.cc, api_assist.cc)
  Authenticator auth_;
  Metrics metrics_;
  StaticFiles static_files_;
  Router router_;
  LiveHub live_;
};

// A 429 with Retry-After.
Response TooManyRequests(const Status& status, int64_t retry_after, const std::string& request_id);

}  // namespace sa::http
