// Credentials: API tokens, browser sessions, passwords: plain data. Secrets are
// never held here in clear: only their hashes.
#pragma once

#include <optional>
#include <string>

#include "core/clock.h"

namespace sa::model {

struct ApiToken {
  std::string id;          // public identifier (not secret), e.g. "tok_1a2b3c"
  std::string name;
  std::string role;        // user | agent | admin | integration
  std::string user_id;     // empty for integration tokens
  std::string hash;        // SHA-256 hex of the secret token
  TimePoint created{};
  std::optional<TimePoint> expires;
  bool revoked = false;
};

struct WebSession {
  std::string hash;        // SHA-256 hex of the cookie value
  std::string user_id;
  std::string csrf;        // CSRF token given to the page
  TimePoint created{}, expires{};
};

struct PasswordCredential {
  std::string user_id;
  std::string argon2_hash;  // encoded argon2id string
  TimePoint updated{};
};

}  // namespace sa::model
