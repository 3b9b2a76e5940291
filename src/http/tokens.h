// API tokens and passwords: creation and verification of credentials, shared by
// the HTTP layer and the command line (`smartassist token create`).
//
// A token is "sat_" followed by 64 hex digits (256 random bits). Only its
// SHA-256 is stored (AuthRepo); the clear token is returned once, at creation.
// Passwords are stored as argon2id encoded hashes. All functions are
// thread-safe (state lives in the store).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/status.h"
#include "model/auth.h"
#include "store/store.h"

namespace sa::http {

inline constexpr std::string_view kTokenPrefix = "sat_";

struct NewToken {
  std::string name;                  // a label, e.g. "slack-adapter"
  std::string role;                  // user | agent | admin | integration
  std::string user_id;               // required for user and agent tokens; none for integration
  std::optional<TimePoint> expires;  // nullopt = never
  std::string created_by = "cli";    // recorded on the audit event
  std::string channel = "cli";
};

struct IssuedToken {
  std::string token;       // the secret, shown once
  model::ApiToken record;  // what is stored (hash, not the secret)
};

// Validates (known role; the user exists and their role allows the token's
// role: agent tokens for agents/admins, admin tokens for admins; expiry in the
// future), stores the token's hash and records a "token created" audit event
// in one transaction. kInvalidArgument / kNotFound name what is wrong.
Result<IssuedToken> IssueToken(store::Store& store, const Clock& clock, const NewToken& request);

// The same, for the CLI: returns only the secret token.
Result<std::string> CreateToken(store::Store& store, const Clock& clock, const std::string& name,
                                const std::string& role, const std::string& user_id,
                                std::optional<TimePoint> expires);

// The stored token for `secret`, if it is well formed, known, not revoked and
// not expired; kUnauthenticated (saying which) otherwise.
Result<model::ApiToken> VerifyToken(store::Store& store, const Clock& clock,
                                    std::string_view secret);

// Revokes a token by id and records a "token revoked" audit event.
Status RevokeToken(store::Store& store, const Clock& clock, std::string_view token_id,
                   std::string_view actor, std::string_view channel);

// Sets `user_id`'s password (argon2id). kNotFound for an unknown user,
// kInvalidArgument for a password shorter than 8 or longer than 1024 bytes.
// Records a "password set" audit event (never the password).
Status SetPassword(store::Store& store, const Clock& clock, std::string_view user_id,
                   std::string_view password, std::string_view actor, std::string_view channel);

// argon2id hash and check of a password (encoded string with salt and parameters).
Result<std::string> HashPassword(std::string_view password);
bool CheckPassword(std::string_view encoded_hash, std::string_view password);

}  // namespace sa::http
