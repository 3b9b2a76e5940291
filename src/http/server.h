// The HTTP/1.1 server of smartassist: the JSON API under /api/v1, health and
// metrics endpoints, and the web assets (static files) for everything else.
//
// Start() binds, spawns `threads` I/O threads and returns a running server.
// Requests are handled on those threads; every handler goes through the
// injected dependencies (store, clock, ticket service, dialogue engine), which
// are thread-safe and must outlive the server. Server methods are thread-safe.
// Stop() stops accepting, lets requests in flight finish (up to a grace
// period), closes idle keep-alive connections and joins the threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "itsm/tickets.h"
#include "store/store.h"

namespace sa::dialogue {
class Engine;
}  // namespace sa::dialogue

namespace sa::automation {
class TotpVault;
}  // namespace sa::automation

namespace sa::knowledge {
class KnowledgeIndex;
}  // namespace sa::knowledge

namespace sa::nlu {
struct RetrainReport;
}  // namespace sa::nlu

namespace sa::http {

// A token bucket: `burst` requests at once, refilled at `per_second`.
// per_second <= 0 disables the limit.
struct RateLimit {
  double per_second = 0;
  double burst = 0;
};

struct ServerOptions {
  std::string listen = "127.0.0.1:8080";  // host:port; port 0 picks a free port
  int threads = 2;
  size_t max_body_bytes = 1 << 20;        // larger bodies get 413
  size_t max_import_bytes = 16 << 20;     // the same for POST /api/v1/admin/import (org packs)
  std::string static_dir;                 // web assets; empty = none
  std::chrono::seconds read_timeout{30};  // to receive one whole request
  std::chrono::seconds idle_timeout{60};  // keep-alive connection without a request
  std::chrono::seconds stop_grace{5};     // Stop() waits this long for requests in flight
  RateLimit per_token{100, 200};          // every authenticated caller (token or session)
  // Integration tokens carry a whole channel's users (a chat adapter), so their
  // bucket is larger.
  RateLimit per_integration_token{2000, 4000};
  RateLimit login_per_ip{10.0 / 60, 10};  // POST /api/v1/auth/login attempts per client IP
  std::chrono::seconds session_ttl{12 * 3600};
  bool secure_cookies = false;  // add `Secure` to the session cookie (behind TLS)
  // Access log: one JSON line per request. "" or "stderr" = standard error,
  // "stdout", "off", or a file path (appended).
  std::string access_log = "stderr";
};

struct ServerDeps {
  store::Store& store;
  const Clock& clock;
  itsm::TicketService& tickets;
  dialogue::Engine* engine = nullptr;  // null: conversation routes answer 503
  // The ranked article index the bot searches (the app's org snapshot), for
  // the knowledge API. Null (or failing): the API builds its own from the
  // store, rebuilt when the org version moves.
  std::function<Result<std::shared_ptr<const knowledge::KnowledgeIndex>>()> knowledge_index =
      nullptr;
  // Users' authenticator apps (/api/v1/me/totp); null: those routes answer 503.
  automation::TotpVault* totp = nullptr;
  // The learning loop's admin routes (POST /api/v1/nlu/retrain, GET
  // /api/v1/nlu/model). `nlu_retrain` retrains the intent model from the
  // store now (blocking: seconds of CPU) and returns once an accepted model
  // serves; null: the retrain route answers 503. `nlu_model_file` is the
  // retrained model's path (nlu::ReadModelInfo); "": only the built-in model.
  std::function<Result<nlu::RetrainReport>()> nlu_retrain = nullptr;
  std::string nlu_model_file = "";
};

// One routed endpoint, e.g. {"GET", "/api/v1/tickets/{id}"}.
struct RouteInfo {
  std::string method;
  std::string pattern;
};

class Server {
 public:
  // Binds and starts serving. kInvalidArgument for a bad `listen` or options,
  // kUnavailable when the address cannot be bound.
  static Result<std::unique_ptr<Server>> Start(ServerOptions options, ServerDeps deps);
  ~Server();  // Stop() + Wait()

  // "http://127.0.0.1:PORT" (the bound address).
  std::string Url() const;
  uint16_t port() const;
  // Every route of the API router (for documentation checks).
  std::vector<RouteInfo> Routes() const;
  // Begins a graceful stop; returns at once. Idempotent.
  void Stop();
  // Blocks until the server has stopped (after Stop()) and its threads ended.
  void Wait();

  class Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sa::http
