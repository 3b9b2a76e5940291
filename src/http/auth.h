// Who is calling: authentication of API requests by bearer token or browser
// session cookie (with its CSRF token), password login and logout, and the
// per-caller and per-IP rate limits. Private to src/http. Thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "http/message.h"
#include "http/org_cache.h"
#include "http/rate_limiter.h"
#include "http/server.h"
#include "itsm/access.h"
#include "store/store.h"

namespace sa::http {

inline constexpr char kSessionCookie[] = "sa_session";
inline constexpr char kCsrfHeader[] = "x-csrf-token";
// An integration token names the user it acts for (ticket reads, lists...).
inline constexpr char kOnBehalfOfHeader[] = "x-on-behalf-of";

struct Caller {
  itsm::Actor actor;
  std::string token_id;      // set for token callers
  std::string session_hash;  // set for cookie callers
  std::string RateKey() const { return token_id.empty() ? "s:" + session_hash : "t:" + token_id; }
};

struct LoginResult {
  std::string user_id, role;
  std::string cookie_value;  // the session secret (sent once, in Set-Cookie)
  std::string csrf_token;
  TimePoint expires{};
};

class Authenticator {
 public:
  Authenticator(store::Store& store, const Clock& clock, OrgCache& org,
                const ServerOptions& options);

  // The caller of `request`: a bearer token if the Authorization header is
  // present, else the session cookie. Cookie callers must send the CSRF token
  // on unsafe methods (kPermissionDenied otherwise). kUnauthenticated when no
  // valid credentials; kResourceExhausted (retry_after set) when over the
  // per-caller limit.
  Result<Caller> Authenticate(const Request& request, int64_t* retry_after);

  // Checks user (id or email) and password; opens a session. kUnauthenticated
  // for any wrong pair (same message), kResourceExhausted over the per-IP limit.
  Result<LoginResult> Login(const std::string& user, const std::string& password,
                            const std::string& remote_ip, int64_t* retry_after);
  Status Logout(const Caller& caller);

  // The Set-Cookie header value for a session (or for clearing it when empty).
  std::string SessionCookie(const std::string& value, std::chrono::seconds max_age) const;

  // Builds the actor of a user (teams from the organization's team members).
  Result<itsm::Actor> ActorForUser(const std::string& user_id, itsm::Role role);

 private:
  Result<Caller> FromToken(const std::string& secret);
  Result<Caller> FromSession(const Request& request);

  store::Store& store_;
  const Clock& clock_;
  OrgCache& org_;
  const ServerOptions& options_;
  RateLimiter per_caller_;
  RateLimiter per_integration_;  // integration tokens: a whole channel behind one token
  RateLimiter login_per_ip_;
  std::string dummy_hash_;  // verified against when the user is unknown (equal timing)
};

// The value of cookie `name` in a Cookie header, or "".
std::string CookieValue(const std::string& header, std::string_view name);

}  // namespace sa::http
