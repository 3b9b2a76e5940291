#include "automation/totp_vault.h"

#include <fcntl.h>
#include <liboath/oath.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include "core/ids.h"
#include "core/json.h"

namespace sa::automation {
namespace {

namespace fs = std::filesystem;

constexpr size_t kSecretBytes = 20;  // 160 bits, RFC 4226's recommendation

std::string UrlEncode(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~' || c == '@') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

const char* AlgorithmName(TotpAlgorithm a) {
  switch (a) {
    case TotpAlgorithm::kSha1:
      return "SHA1";
    case TotpAlgorithm::kSha256:
      return "SHA256";
    case TotpAlgorithm::kSha512:
      return "SHA512";
  }
  return "SHA1";
}

// Reads a whole file; nullopt when it does not exist or cannot be read.
std::optional<std::string> ReadAll(const fs::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::string out;
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

// Writes `data` to `path` atomically (temp file, fsync, rename), mode 0600.
Status WriteAll(const fs::path& path, const std::string& data) {
  const fs::path tmp = path.string() + ".tmp-" + RandomHex(4);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Internal("TOTP vault: cannot create " + tmp.string() + ": " + std::strerror(errno));
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n <= 0) {
      ::close(fd);
      ::unlink(tmp.c_str());
      return Internal("TOTP vault: cannot write " + tmp.string());
    }
    done += static_cast<size_t>(n);
  }
  ::fsync(fd);
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return Internal("TOTP vault: cannot rename into " + path.string());
  }
  return Status::Ok();
}

class FileTotpVault : public TotpVault {
 public:
  FileTotpVault(TotpVaultOptions options, std::shared_ptr<Clock> clock, std::string key)
      : options_(std::move(options)), clock_(std::move(clock)), key_(std::move(key)) {}

  ~FileTotpVault() override { sodium_memzero(key_.data(), key_.size()); }

  Result<TotpEnrollment> Enroll(std::string_view user_id, std::string_view account) override {
    if (user_id.empty()) return InvalidArgument("TOTP enrolment needs a user id");
    unsigned char raw[kSecretBytes];
    randombytes_buf(raw, sizeof raw);
    char* encoded = nullptr;
    size_t encoded_len = 0;
    int rc = oath_base32_encode(reinterpret_cast<const char*>(raw), sizeof raw, &encoded,
                                &encoded_len);
    sodium_memzero(raw, sizeof raw);
    if (rc != OATH_OK) return Internal("TOTP vault: cannot encode a secret");
    std::string secret(encoded, encoded_len);
    sodium_memzero(encoded, encoded_len);
    std::free(encoded);
    while (!secret.empty() && secret.back() == '=') secret.pop_back();

    std::lock_guard lock(mu_);
    Record record{std::string(user_id), secret, TotpState::kPending, 0};
    Status st = Save(record);
    sodium_memzero(record.secret.data(), record.secret.size());
    if (!st.ok()) return st;
    counters_.erase(FoldId(user_id));

    const std::string label = UrlEncode(options_.issuer) + ":" +
                              UrlEncode(account.empty() ? user_id : account);
    TotpEnrollment out;
    out.secret_base32 = secret;
    out.otpauth_uri = "otpauth://totp/" + label + "?secret=" + secret +
                      "&issuer=" + UrlEncode(options_.issuer) +
                      "&algorithm=" + AlgorithmName(options_.params.algorithm) +
                      "&digits=" + std::to_string(options_.params.digits) +
                      "&period=" + std::to_string(options_.params.step.count());
    sodium_memzero(secret.data(), secret.size());
    return out;
  }

  CodeCheck Confirm(std::string_view user_id, std::string_view code) override {
    return Check(user_id, code, TotpState::kPending);
  }

  CodeCheck Verify(std::string_view user_id, std::string_view code) override {
    return Check(user_id, code, TotpState::kActive);
  }

  TotpState State(std::string_view user_id) override {
    std::lock_guard lock(mu_);
    auto record = Load(user_id);
    return record ? record->state : TotpState::kNone;
  }

  Status Remove(std::string_view user_id) override {
    std::lock_guard lock(mu_);
    std::error_code ec;
    if (!fs::remove(PathOf(user_id), ec)) {
      return ec ? Internal("TOTP vault: cannot remove the user's secret")
                : NotFound("no authenticator enrolled for this user");
    }
    counters_.erase(FoldId(user_id));
    return Status::Ok();
  }

 private:
  struct Record {
    std::string user;
    std::string secret;  // base32
    TotpState state = TotpState::kNone;
    uint64_t last_counter = 0;  // time step of the last accepted code; 0 = none
  };
  struct Counter {
    int wrong = 0;
    MonoTime locked_until{};
  };

  fs::path PathOf(std::string_view user_id) const {
    return fs::path(options_.dir) / (Sha256Hex("totp:" + FoldId(user_id)) + ".totp");
  }

  CodeCheck Check(std::string_view user_id, std::string_view code, TotpState wanted) {
    std::lock_guard lock(mu_);
    const MonoTime now = clock_->Monotonic();
    Counter& counter = counters_[FoldId(user_id)];
    if (counter.wrong >= options_.max_attempts) {
      if (now < counter.locked_until) return {CodeVerdict::kLocked, 0};
      counter = Counter{};  // the lock is over
    }
    auto record = Load(user_id);
    const int left = options_.max_attempts - counter.wrong;
    if (!record || record->state != wanted) return {CodeVerdict::kNoCode, left};
    std::optional<uint64_t> step = MatchTotp(record->secret, code, clock_->Now(), options_.params);
    const bool replay = step && record->last_counter != 0 && *step <= record->last_counter;
    if (step && !replay) {
      record->last_counter = *step;
      record->state = TotpState::kActive;
      Status st = Save(*record);
      sodium_memzero(record->secret.data(), record->secret.size());
      if (!st.ok()) return {CodeVerdict::kNoCode, left};
      counter = Counter{};
      return {CodeVerdict::kAccepted, options_.max_attempts};
    }
    sodium_memzero(record->secret.data(), record->secret.size());
    counter.wrong += 1;
    if (counter.wrong >= options_.max_attempts) {
      counter.locked_until = now + options_.lock_time;
      return {CodeVerdict::kLocked, 0};
    }
    return {CodeVerdict::kWrong, options_.max_attempts - counter.wrong};
  }

  Status Save(const Record& record) {
    Json j = {{"user", FoldId(record.user)},
              {"secret", record.secret},
              {"state", TotpStateName(record.state)},
              {"last_counter", record.last_counter}};
    std::string plain = j.dump();
    std::string sealed(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
    auto* nonce = reinterpret_cast<unsigned char*>(sealed.data());
    randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                          reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), nonce,
                          reinterpret_cast<const unsigned char*>(key_.data()));
    sodium_memzero(plain.data(), plain.size());
    return WriteAll(PathOf(record.user), sealed);
  }

  std::optional<Record> Load(std::string_view user_id) {
    auto sealed = ReadAll(PathOf(user_id));
    if (!sealed || sealed->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
      return std::nullopt;
    }
    const auto* nonce = reinterpret_cast<const unsigned char*>(sealed->data());
    const size_t cipher_len = sealed->size() - crypto_secretbox_NONCEBYTES;
    std::string plain(cipher_len - crypto_secretbox_MACBYTES, '\0');
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                   nonce + crypto_secretbox_NONCEBYTES, cipher_len, nonce,
                                   reinterpret_cast<const unsigned char*>(key_.data())) != 0) {
      return std::nullopt;  // tampered with, or sealed under another key
    }
    Record r;
    try {
      Json j = Json::parse(plain);
      sodium_memzero(plain.data(), plain.size());
      if (j.value("user", "") != FoldId(user_id)) return std::nullopt;
      r.user = std::string(user_id);
      r.secret = j.value("secret", "");
      const std::string state = j.value("state", "");
      r.state = state == "active"    ? TotpState::kActive
                : state == "pending" ? TotpState::kPending
                                     : TotpState::kNone;
      r.last_counter = j.value("last_counter", uint64_t{0});
    } catch (const std::exception&) {
      sodium_memzero(plain.data(), plain.size());
      return std::nullopt;
    }
    return r;
  }

  TotpVaultOptions options_;
  std::shared_ptr<Clock> clock_;
  std::string key_;
  std::mutex mu_;
  std::map<std::string, Counter> counters_;
};

// The vault's key: read from dir/vault.key, or created there (0600).
Result<std::string> LoadOrCreateKey(const fs::path& dir) {
  const fs::path path = dir / "vault.key";
  if (auto existing = ReadAll(path)) {
    if (existing->size() != crypto_secretbox_KEYBYTES) {
      return Internal("TOTP vault: " + path.string() + " is not a vault key");
    }
    return *existing;
  }
  std::string key(crypto_secretbox_KEYBYTES, '\0');
  crypto_secretbox_keygen(reinterpret_cast<unsigned char*>(key.data()));
  SA_RETURN_IF_ERROR(WriteAll(path, key));
  return key;
}

}  // namespace

const char* TotpStateName(TotpState state) {
  switch (state) {
    case TotpState::kNone:
      return "none";
    case TotpState::kPending:
      return "pending";
    case TotpState::kActive:
      return "active";
  }
  return "none";
}

Result<std::unique_ptr<TotpVault>> NewFileTotpVault(TotpVaultOptions options,
                                                    std::shared_ptr<Clock> clock) {
  if (options.dir.empty() || clock == nullptr) {
    return InvalidArgument("TOTP vault needs a directory and a clock");
  }
  if (options.max_attempts < 1) return InvalidArgument("TOTP vault: max_attempts < 1");
  if (sodium_init() < 0) return Internal("libsodium cannot be initialized");
  std::error_code ec;
  fs::create_directories(options.dir, ec);
  if (ec) return Internal("TOTP vault: cannot create " + options.dir + ": " + ec.message());
  ::chmod(options.dir.c_str(), 0700);
  SA_ASSIGN_OR_RETURN(std::string key, LoadOrCreateKey(options.dir));
  return std::unique_ptr<TotpVault>(
      new FileTotpVault(std::move(options), std::move(clock), std::move(key)));
}

}  // namespace sa::automation
