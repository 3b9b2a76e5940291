// Users' authenticator apps (TOTP, RFC 6238) as a way to prove who they are
// before the bot acts for them (a password reset).
//
// Enrolment: Enroll() draws a 160-bit secret from the OS CSPRNG and returns it
// once, as base32 and as an otpauth:// URI (a QR code for the app); the
// enrolment stays pending until Confirm() sees one right code from the app,
// so a secret nobody scanned is never used. Re-enrolling replaces the secret.
//
// Storage: one file per user in `dir`, named by a hash of the user id, holding
// the secret, state and last accepted time step sealed with libsodium's
// secretbox (XSalsa20-Poly1305) under a 256-bit key kept in `dir/vault.key`
// (created 0600 on first use; the directory 0700). The sealed record names its
// user, so a file copied onto another user's name does not open. Secrets never
// appear in a Status, a log line or an audit event.
//
// Checking: Verify() accepts a code of the active secret at now ± params.window
// steps, refuses a code of a step already accepted (replay), and counts wrong
// codes per user: after max_attempts wrong ones (across conversations) the
// user is locked for lock_time. Counters live in memory (a restart forgets
// them, like CodeIssuer's).
//
// Thread-safe: one mutex guards the counters and the files.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "automation/otp.h"
#include "core/clock.h"
#include "core/status.h"

namespace sa::automation {

struct TotpVaultOptions {
  std::string dir;                     // created when missing
  std::string issuer = "smartassist";  // shown by authenticator apps
  TotpParams params;                   // SHA-1, 6 digits, 30 s, ±1 step
  int max_attempts = 5;                // wrong codes before the user is locked
  std::chrono::seconds lock_time{900};
};

struct TotpEnrollment {
  std::string secret_base32;  // for apps that take the key typed in
  std::string otpauth_uri;    // otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=...
};

enum class TotpState { kNone, kPending, kActive };

// "none" | "pending" | "active".
const char* TotpStateName(TotpState state);

class TotpVault {
 public:
  virtual ~TotpVault() = default;

  // A new secret for `user_id` (pending until confirmed), replacing any
  // earlier one; `account` labels it in the app (e.g. the user's e-mail).
  // kInvalidArgument for an empty user id; kInternal when it cannot be stored.
  virtual Result<TotpEnrollment> Enroll(std::string_view user_id, std::string_view account) = 0;

  // Activates a pending enrolment when `code` is right (kAccepted); kWrong /
  // kLocked as Verify; kNoCode when nothing is pending.
  virtual CodeCheck Confirm(std::string_view user_id, std::string_view code) = 0;

  // Checks a code of the user's active secret; kNoCode when none is active.
  virtual CodeCheck Verify(std::string_view user_id, std::string_view code) = 0;

  virtual TotpState State(std::string_view user_id) = 0;

  // Forgets the user's secret (kNotFound when there was none).
  virtual Status Remove(std::string_view user_id) = 0;
};

// The file-backed vault described above. kInternal when `dir` or its key
// cannot be created or read, kInvalidArgument for bad options.
Result<std::unique_ptr<TotpVault>> NewFileTotpVault(TotpVaultOptions options,
                                                    std::shared_ptr<Clock> clock);

}  // namespace sa::automation
