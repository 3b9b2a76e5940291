// Password policy: what a new password must look like before the bot sends it
// to the directory, and the generator of temporary passwords that satisfy it.
// The directory's own policy (ppolicy) still applies on top of this one.
//
// Thread-safety: PasswordPolicy is an immutable value; all functions are
// thread-safe (the generator reads the OS CSPRNG).
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "model/org.h"

namespace sa::automation {

// Why a password was refused. `reason` is a stable machine code for the
// dialogue to localize; `message` an English sentence for logs and tests.
// Neither ever contains the password.
struct PasswordVerdict {
  std::string reason;  // "" when acceptable, else one of the kReason* codes below
  std::string message;
  bool ok() const { return reason.empty(); }
};

inline constexpr const char* kReasonTooShort = "too_short";
inline constexpr const char* kReasonTooLong = "too_long";
inline constexpr const char* kReasonTooFewClasses = "too_few_classes";
inline constexpr const char* kReasonContainsUserId = "contains_user_id";
inline constexpr const char* kReasonContainsName = "contains_name";
inline constexpr const char* kReasonInvalidCharacters =
    "invalid_characters";  // bad UTF-8, control chars

struct PasswordPolicy {
  int min_length = 12;  // in Unicode code points
  int max_length = 128;
  int min_classes = 3;  // of lower, upper, digit, symbol (any other non-letter/digit)
  bool forbid_user_parts =
      true;  // the user id, name parts and e-mail local part (>= 3 chars), ignoring case

  // The first rule `password` breaks for `user`, or an ok verdict.
  PasswordVerdict Evaluate(std::string_view password, const model::User& user) const;
  // Evaluate as a Status: ok, or kInvalidArgument whose message starts with the
  // reason code: "too_short: the password must have at least 12 characters".
  Status Check(std::string_view password, const model::User& user) const;

  // A random password (OS CSPRNG) of max(16, min_length) characters with all
  // four classes, avoiding look-alike characters (0/O, 1/l/I), that passes
  // Evaluate for `user`.
  std::string GenerateTemporaryPassword(const model::User& user) const;
  std::string GenerateTemporaryPassword() const;
};

}  // namespace sa::automation
