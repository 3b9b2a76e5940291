// One-time codes that prove a user's identity before the bot acts for them:
//  - CodeIssuer: 6-digit codes sent by e-mail, one live code per flow (a
//    password-reset conversation), stored only as a salted hash, valid for a
//    limited time, checked in constant time, locked after too many wrong tries.
//  - TOTP (RFC 6238) codes from the user's authenticator app, checked with liboath.
//
// Thread-safety: CodeIssuer is thread-safe (one mutex); the TOTP functions are
// pure and thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/status.h"

namespace sa::automation {

struct CodeIssuerOptions {
  std::chrono::seconds ttl{600};  // a code expires this long after it was issued
  int max_attempts = 5;           // wrong answers before the flow is locked
  int max_issues = 3;             // codes (first + resends) one flow may get
};

enum class CodeVerdict {
  kAccepted,  // right code; it is consumed and cannot be used again
  kWrong,     // wrong code; attempts_left says how many remain
  kExpired,   // the code's time is over; a new one may be issued
  kLocked,    // too many wrong answers: the flow can no longer be verified
  kNoCode,    // no code was issued for this flow (or it was already used)
};

struct CodeCheck {
  CodeVerdict verdict = CodeVerdict::kNoCode;
  int attempts_left = 0;
  bool accepted() const { return verdict == CodeVerdict::kAccepted; }
};

// Short lowercase name of a verdict ("accepted", "wrong", ...), for audit events.
const char* CodeVerdictName(CodeVerdict verdict);

class CodeIssuer {
 public:
  explicit CodeIssuer(std::shared_ptr<Clock> clock, CodeIssuerOptions options = {});

  // A fresh 6-digit code for `flow_id` (from the OS CSPRNG), replacing any
  // earlier one of that flow; the caller sends it and forgets it.
  // kResourceExhausted when the flow is locked or got max_issues codes already.
  Result<std::string> Issue(std::string_view flow_id);

  // Checks `code` (surrounding spaces ignored) against the flow's live code.
  // Wrong answers count across re-issues: a resend does not reset them.
  CodeCheck Verify(std::string_view flow_id, std::string_view code);

  // Drops everything known about `flow_id` (the flow ended).
  void Forget(std::string_view flow_id);

 private:
  struct Entry {
    std::string salt;
    std::string hash;  // Sha256Hex(salt + code); empty once consumed
    MonoTime expires{};
    int wrong = 0;
    int issued = 0;
  };
  void PurgeLocked(MonoTime now);

  std::shared_ptr<Clock> clock_;
  CodeIssuerOptions options_;
  std::mutex mu_;
  std::map<std::string, Entry, std::less<>> flows_;
};

enum class TotpAlgorithm { kSha1, kSha256, kSha512 };

struct TotpParams {
  int digits = 6;  // 6, 7 or 8
  std::chrono::seconds step{30};
  TotpAlgorithm algorithm = TotpAlgorithm::kSha1;
  int window = 1;  // also accept this many steps before/after `now`
};

// The time-step counter (unix_time / step) whose code equals `code`, searching
// `now` ± window; nullopt when none matches or the secret is not valid base32.
// Callers that must refuse a replayed code remember the last counter accepted.
std::optional<uint64_t> MatchTotp(std::string_view secret_base32, std::string_view code,
                                  TimePoint now, const TotpParams& params = {});

// True when `code` is valid for `secret_base32` at `now` ± `window` steps (SHA-1, 30 s, 6 digits).
bool VerifyTotp(std::string_view secret_base32, std::string_view code, TimePoint now,
                int window = 1);

// The code an authenticator would show at `now` (for tests and enrolment checks).
// kInvalidArgument for a secret that is not base32 or bad params.
Result<std::string> GenerateTotp(std::string_view secret_base32, TimePoint now,
                                 const TotpParams& params = {});

}  // namespace sa::automation
