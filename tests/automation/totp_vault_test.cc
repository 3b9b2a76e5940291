// The TOTP vault on a ManualClock in a temp dir, with the codes an
// authenticator app would show computed independently with liboath.
#include "automation/totp_vault.h"

#include <gtest/gtest.h>
#include <liboath/oath.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "core/ids.h"

namespace sa::automation {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;

// What the user's app shows for `secret_base32` at `t` (liboath directly).
std::string AppCode(const std::string& secret_base32, TimePoint t) {
  oath_init();
  std::string padded = secret_base32;
  while (padded.size() % 8 != 0) padded += '=';
  char* raw = nullptr;
  size_t raw_len = 0;
  EXPECT_EQ(oath_base32_decode(padded.data(), padded.size(), &raw, &raw_len), OATH_OK);
  char out[10] = {};
  time_t now = std::chrono::duration_cast<seconds>(t.time_since_epoch()).count();
  EXPECT_EQ(oath_totp_generate(raw, raw_len, now, OATH_TOTP_DEFAULT_TIME_STEP_SIZE, 0, 6, out),
            OATH_OK);
  std::free(raw);
  return out;
}

std::string WrongCode(const std::string& code) {
  char buf[8];
  std::snprintf(buf, sizeof(buf), "%06d", (std::stoi(code) + 500000) % 1000000);
  return buf;
}

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class TotpVaultTest : public ::testing::Test {
 protected:
  TotpVaultTest()
      : dir_(fs::temp_directory_path() / ("sa-totp-" + RandomHex(6))),
        clock_(std::make_shared<ManualClock>(TimePoint(seconds(1'800'000'000)))) {
    vault_ = Open();
  }
  ~TotpVaultTest() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::unique_ptr<TotpVault> Open() {
    TotpVaultOptions options;
    options.dir = dir_.string();
    options.issuer = "Acme Service Desk";
    options.max_attempts = 3;
    options.lock_time = seconds(900);
    auto vault = NewFileTotpVault(options, clock_);
    EXPECT_TRUE(vault.ok()) << vault.status().ToString();
    return vault.ok() ? std::move(vault).value() : nullptr;
  }

  // Enrols `user` and confirms with the app's code; returns the secret.
  std::string EnrolActive(const std::string& user) {
    auto e = vault_->Enroll(user, user + "@acme.example");
    EXPECT_TRUE(e.ok());
    EXPECT_TRUE(vault_->Confirm(user, AppCode(e->secret_base32, clock_->Now())).accepted());
    clock_->Advance(seconds(30));  // the next code
    return e->secret_base32;
  }

  fs::path dir_;
  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<TotpVault> vault_;
};

TEST_F(TotpVaultTest, EnrolmentGivesAnOtpauthUriAndStaysPendingUntilConfirmed) {
  auto e = vault_->Enroll("alice", "alice@acme.example");
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->secret_base32.size(), 32u);  // 160 bits
  EXPECT_TRUE(std::regex_match(
      e->otpauth_uri,
      std::regex("otpauth://totp/Acme%20Service%20Desk:alice@acme.example\\?secret=[A-Z2-7]{32}"
                 "&issuer=Acme%20Service%20Desk&algorithm=SHA1&digits=6&period=30")))
      << e->otpauth_uri;
  EXPECT_EQ(vault_->State("alice"), TotpState::kPending);
  // A pending secret does not verify anyone.
  EXPECT_EQ(vault_->Verify("alice", AppCode(e->secret_base32, clock_->Now())).verdict,
            CodeVerdict::kNoCode);
  EXPECT_EQ(vault_->Confirm("alice", WrongCode(AppCode(e->secret_base32, clock_->Now()))).verdict,
            CodeVerdict::kWrong);
  EXPECT_TRUE(vault_->Confirm("alice", AppCode(e->secret_base32, clock_->Now())).accepted());
  EXPECT_EQ(vault_->State("alice"), TotpState::kActive);
  EXPECT_EQ(vault_->State("bob"), TotpState::kNone);
}

TEST_F(TotpVaultTest, AcceptsTheAppsCodeOnceAndRefusesItsReplay) {
  const std::string secret = EnrolActive("alice");
  const std::string code = AppCode(secret, clock_->Now());
  EXPECT_TRUE(vault_->Verify("ALICE", code).accepted());  // ids are case-insensitive
  EXPECT_EQ(vault_->Verify("alice", code).verdict, CodeVerdict::kWrong);  // replay
  clock_->Advance(seconds(30));
  EXPECT_TRUE(vault_->Verify("alice", AppCode(secret, clock_->Now())).accepted());
  // A code of the previous step (the clocks disagree a little) is fine once.
  clock_->Advance(seconds(60));
  EXPECT_TRUE(vault_->Verify("alice", AppCode(secret, clock_->Now() - seconds(30))).accepted());
}

TEST_F(TotpVaultTest, LocksTheUserAfterTooManyWrongCodesAcrossFlows) {
  const std::string secret = EnrolActive("alice");
  const std::string right = AppCode(secret, clock_->Now());
  auto first = vault_->Verify("alice", WrongCode(right));
  EXPECT_EQ(first.verdict, CodeVerdict::kWrong);
  EXPECT_EQ(first.attempts_left, 2);
  EXPECT_EQ(vault_->Verify("alice", "12").verdict, CodeVerdict::kWrong);
  EXPECT_EQ(vault_->Verify("alice", WrongCode(right)).verdict, CodeVerdict::kLocked);
  EXPECT_EQ(vault_->Verify("alice", right).verdict, CodeVerdict::kLocked);  // even the right one
  clock_->Advance(seconds(901));
  EXPECT_TRUE(vault_->Verify("alice", AppCode(secret, clock_->Now())).accepted());
}

TEST_F(TotpVaultTest, KeepsSecretsSealedOnDiskAndReopens) {
  const std::string secret = EnrolActive("alice");
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir_)) {
    const std::string content = Slurp(entry.path());
    EXPECT_EQ(content.find(secret), std::string::npos) << entry.path();
    EXPECT_EQ(content.find("alice"), std::string::npos) << entry.path();
    struct stat st {};
    ASSERT_EQ(::stat(entry.path().c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 077, 0u) << entry.path();
    ++files;
  }
  EXPECT_EQ(files, 2);  // the key and alice's record
  vault_ = Open();      // a restart: same key, same secret
  EXPECT_TRUE(vault_->Verify("alice", AppCode(secret, clock_->Now())).accepted());
}

TEST_F(TotpVaultTest, ARecordCopiedOntoAnotherUserDoesNotOpen) {
  auto records = [&] {
    std::set<fs::path> out;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      if (entry.path().extension() == ".totp") out.insert(entry.path());
    }
    return out;
  };
  EnrolActive("alice");
  const std::set<fs::path> before = records();
  ASSERT_EQ(before.size(), 1u);
  ASSERT_TRUE(vault_->Enroll("bob", "").ok());
  fs::path bob;
  for (const auto& p : records()) {
    if (!before.count(p)) bob = p;
  }
  ASSERT_FALSE(bob.empty());
  fs::copy_file(*before.begin(), bob, fs::copy_options::overwrite_existing);
  EXPECT_EQ(vault_->State("alice"), TotpState::kActive);
  EXPECT_EQ(vault_->State("bob"), TotpState::kNone);  // alice's secret is not bob's
}

TEST_F(TotpVaultTest, RemoveForgetsTheSecret) {
  EnrolActive("alice");
  EXPECT_TRUE(vault_->Remove("alice").ok());
  EXPECT_EQ(vault_->State("alice"), TotpState::kNone);
  EXPECT_EQ(vault_->Remove("alice").code(), Code::kNotFound);
}

}  // namespace
}  // namespace sa::automation
