#include "automation/otp.h"

#include <liboath/oath.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "automation/random.h"
#include "core/ids.h"

namespace sa::automation {
namespace {

constexpr int kCodeDigits = 6;

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string HashCode(std::string_view salt, std::string_view code) {
  std::string material;
  material.reserve(salt.size() + 1 + code.size());
  material.append(salt).append(":").append(code);
  return Sha256Hex(material);
}

}  // namespace

const char* CodeVerdictName(CodeVerdict verdict) {
  switch (verdict) {
    case CodeVerdict::kAccepted:
      return "accepted";
    case CodeVerdict::kWrong:
      return "wrong";
    case CodeVerdict::kExpired:
      return "expired";
    case CodeVerdict::kLocked:
      return "locked";
    case CodeVerdict::kNoCode:
      return "no_code";
  }
  return "unknown";
}

CodeIssuer::CodeIssuer(std::shared_ptr<Clock> clock, CodeIssuerOptions options)
    : clock_(std::move(clock)), options_(options) {}

Result<std::string> CodeIssuer::Issue(std::string_view flow_id) {
  const MonoTime now = clock_->Monotonic();
  std::lock_guard lock(mu_);
  PurgeLocked(now);
  auto it = flows_.find(flow_id);
  if (it == flows_.end()) it = flows_.emplace(std::string(flow_id), Entry{}).first;
  Entry& entry = it->second;
  if (entry.wrong >= options_.max_attempts) {
    return ResourceExhausted("verification is locked after too many wrong codes");
  }
  if (entry.issued >= options_.max_issues) {
    return ResourceExhausted("too many codes were sent for this request");
  }
  char code[kCodeDigits + 1];
  std::snprintf(code, sizeof(code), "%06u", internal::RandomBelow(1000000));
  entry.salt = RandomHex(16);
  entry.hash = HashCode(entry.salt, code);
  entry.expires = now + options_.ttl;
  entry.issued += 1;
  return std::string(code);
}

CodeCheck CodeIssuer::Verify(std::string_view flow_id, std::string_view code) {
  const MonoTime now = clock_->Monotonic();
  std::lock_guard lock(mu_);
  auto it = flows_.find(flow_id);
  if (it == flows_.end()) return {CodeVerdict::kNoCode, 0};
  Entry& entry = it->second;
  const int left = options_.max_attempts - entry.wrong;
  if (left <= 0) return {CodeVerdict::kLocked, 0};
  if (entry.hash.empty()) return {CodeVerdict::kNoCode, left};
  if (now >= entry.expires) {
    entry.hash.clear();
    return {CodeVerdict::kExpired, left};
  }
  code = TrimSpaces(code);
  // Hash whatever was typed so that the comparison's time does not depend on it.
  const std::string typed = HashCode(entry.salt, code);
  if (AllDigits(code) && code.size() == kCodeDigits && ConstantTimeEquals(typed, entry.hash)) {
    entry.hash.clear();
    return {CodeVerdict::kAccepted, left};
  }
  entry.wrong += 1;
  if (entry.wrong >= options_.max_attempts) {
    entry.hash.clear();
    return {CodeVerdict::kLocked, 0};
  }
  return {CodeVerdict::kWrong, options_.max_attempts - entry.wrong};
}

void CodeIssuer::Forget(std::string_view flow_id) {
  std::lock_guard lock(mu_);
  auto it = flows_.find(flow_id);
  if (it != flows_.end()) flows_.erase(it);
}

void CodeIssuer::PurgeLocked(MonoTime now) {
  // Entries whose code expired long ago are dropped so memory stays bounded;
  // locked flows are kept for a while longer so a lock cannot be shed quickly.
  const auto keep = options_.ttl * 6;
  for (auto it = flows_.begin(); it != flows_.end();) {
    if (now >= it->second.expires + keep) {
      it = flows_.erase(it);
    } else {
      ++it;
    }
  }
}

// ---- TOTP -------------------------------------------------------------------

namespace {

void EnsureOath() {
  static const bool ready = [] { return oath_init() == OATH_OK; }();
  (void)ready;
}

// Decodes base32 as authenticator apps show it: spaces ignored, any case, with
// or without '=' padding.
std::optional<std::string> DecodeBase32(std::string_view text) {
  std::string clean;
  for (char c : text) {
    if (c == ' ' || c == '-' || c == '=') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    clean.push_back(c);
  }
  if (clean.empty()) return std::nullopt;
  while (clean.size() % 8 != 0) clean.push_back('=');
  char* out = nullptr;
  size_t out_len = 0;
  if (oath_base32_decode(clean.data(), clean.size(), &out, &out_len) != OATH_OK) {
    return std::nullopt;
  }
  std::string secret(out, out_len);
  std::memset(out, 0, out_len);
  std::free(out);
  return secret;
}

int OathFlags(TotpAlgorithm algorithm) {
  switch (algorithm) {
    case TotpAlgorithm::kSha1:
      return 0;
    case TotpAlgorithm::kSha256:
      return OATH_TOTP_HMAC_SHA256;
    case TotpAlgorithm::kSha512:
      return OATH_TOTP_HMAC_SHA512;
  }
  return 0;
}

bool ValidParams(const TotpParams& p) {
  return p.digits >= 6 && p.digits <= 8 && p.step.count() > 0 && p.window >= 0 && p.window <= 10;
}

time_t UnixSeconds(TimePoint t) {
  return static_cast<time_t>(
      std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count());
}

// liboath's comparison hook: 0 when equal. Compares in constant time.
int ConstantTimeCompare(void* handle, const char* candidate) {
  const auto* typed = static_cast<const std::string*>(handle);
  return ConstantTimeEquals(*typed, std::string_view(candidate)) ? 0 : 1;
}

}  // namespace

std::optional<uint64_t> MatchTotp(std::string_view secret_base32, std::string_view code,
                                  TimePoint now, const TotpParams& params) {
  if (!ValidParams(params)) return std::nullopt;
  std::string typed(TrimSpaces(code));
  if (!AllDigits(typed) || typed.size() != static_cast<size_t>(params.digits)) {
    return std::nullopt;
  }
  std::optional<std::string> secret = DecodeBase32(secret_base32);
  if (!secret) return std::nullopt;
  EnsureOath();
  int position = 0;
  uint64_t counter = 0;
  int rc = oath_totp_validate4_callback(
      secret->data(), secret->size(), UnixSeconds(now), static_cast<unsigned>(params.step.count()),
      0, static_cast<unsigned>(params.digits), static_cast<size_t>(params.window), &position,
      &counter, OathFlags(params.algorithm), &ConstantTimeCompare, &typed);
  std::fill(secret->begin(), secret->end(), '\0');
  if (rc < 0) return std::nullopt;
  return counter;
}

bool VerifyTotp(std::string_view secret_base32, std::string_view code, TimePoint now, int window) {
  TotpParams params;
  params.window = window;
  return MatchTotp(secret_base32, code, now, params).has_value();
}

Result<std::string> GenerateTotp(std::string_view secret_base32, TimePoint now,
                                 const TotpParams& params) {
  if (!ValidParams(params)) return InvalidArgument("TOTP parameters out of range");
  std::optional<std::string> secret = DecodeBase32(secret_base32);
  if (!secret) return InvalidArgument("TOTP secret is not valid base32");
  EnsureOath();
  char out[16] = {};
  int rc = oath_totp_generate2(
      secret->data(), secret->size(), UnixSeconds(now), static_cast<unsigned>(params.step.count()),
      0, static_cast<unsigned>(params.digits), OathFlags(params.algorithm), out);
  std::fill(secret->begin(), secret->end(), '\0');
  if (rc != OATH_OK) return Internal(std::string("liboath: ") + oath_strerror(rc));
  return std::string(out);
}

}  // namespace sa::automation
