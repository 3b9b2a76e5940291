// One-time e-mail codes (CodeIssuer, on a ManualClock) and TOTP (liboath)
// against the RFC 6238 appendix B test vectors.
#include "automation/otp.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <set>

namespace sa::automation {
namespace {

using std::chrono::seconds;

TimePoint At(int64_t unix_seconds) { return TimePoint(seconds(unix_seconds)); }

// Another 6-digit code than `code`.
std::string Other(const std::string& code) {
  char buf[8];
  std::snprintf(buf, sizeof(buf), "%06d", (std::stoi(code) + 1) % 1000000);
  return buf;
}

class CodeIssuerTest : public ::testing::Test {
 protected:
  CodeIssuerTest() : clock_(std::make_shared<ManualClock>(At(1'800'000'000))) {
    CodeIssuerOptions options;
    options.ttl = seconds(600);
    options.max_attempts = 3;
    options.max_issues = 3;
    issuer_ = std::make_unique<CodeIssuer>(clock_, options);
  }

  std::string IssueOrDie(const std::string& flow) {
    auto code = issuer_->Issue(flow);
    EXPECT_TRUE(code.ok()) << code.status().ToString();
    return code.ok() ? *code : "";
  }

  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<CodeIssuer> issuer_;
};

TEST_F(CodeIssuerTest, IssuesSixDigitCodes) {
  for (int i = 0; i < 50; ++i) {
    std::string code = IssueOrDie("flow-" + std::to_string(i));
    ASSERT_EQ(code.size(), 6u) << code;
    EXPECT_EQ(code.find_first_not_of("0123456789"), std::string::npos) << code;
  }
}

TEST_F(CodeIssuerTest, CodesAreRandomNotSequential) {
  std::set<std::string> codes;
  for (int i = 0; i < 50; ++i) codes.insert(IssueOrDie("flow-" + std::to_string(i)));
  // 50 draws from 10^6 collide with probability ~0.1%; 45 distinct is a safe floor.
  EXPECT_GE(codes.size(), 45u);
}

TEST_F(CodeIssuerTest, TheRightCodeIsAcceptedOnceOnly) {
  std::string code = IssueOrDie("f");

  EXPECT_EQ(issuer_->Verify("f", code).verdict, CodeVerdict::kAccepted);
  EXPECT_EQ(issuer_->Verify("f", code).verdict, CodeVerdict::kNoCode);
}

TEST_F(CodeIssuerTest, SpacesAroundTheCodeAreIgnored) {
  std::string code = IssueOrDie("f");

  EXPECT_TRUE(issuer_->Verify("f", "  " + code + " ").accepted());
}

TEST_F(CodeIssuerTest, CodeIsValidUntilItsTtlThenExpired) {
  std::string first = IssueOrDie("early");
  std::string second = IssueOrDie("late");

  clock_->Advance(seconds(599));
  EXPECT_TRUE(issuer_->Verify("early", first).accepted());
  clock_->Advance(seconds(1));
  EXPECT_EQ(issuer_->Verify("late", second).verdict, CodeVerdict::kExpired);
  EXPECT_EQ(issuer_->Verify("late", second).verdict, CodeVerdict::kNoCode);
}

TEST_F(CodeIssuerTest, AnExpiredFlowCanGetANewCode) {
  IssueOrDie("f");
  clock_->Advance(seconds(601));
  std::string fresh = IssueOrDie("f");

  EXPECT_TRUE(issuer_->Verify("f", fresh).accepted());
}

TEST_F(CodeIssuerTest, WrongCodesCountDownThenLockTheFlow) {
  std::string code = IssueOrDie("f");

  CodeCheck first = issuer_->Verify("f", Other(code));
  CodeCheck second = issuer_->Verify("f", "not a code");
  CodeCheck third = issuer_->Verify("f", code.substr(0, 5));

  EXPECT_EQ(first.verdict, CodeVerdict::kWrong);
  EXPECT_EQ(first.attempts_left, 2);
  EXPECT_EQ(second.verdict, CodeVerdict::kWrong);
  EXPECT_EQ(second.attempts_left, 1);
  EXPECT_EQ(third.verdict, CodeVerdict::kLocked);
  // Locked: even the right code is refused, and no new code is issued.
  EXPECT_EQ(issuer_->Verify("f", code).verdict, CodeVerdict::kLocked);
  EXPECT_EQ(issuer_->Issue("f").status().code(), Code::kResourceExhausted);
}

TEST_F(CodeIssuerTest, LockOutlivesTheCodesTtl) {
  std::string code = IssueOrDie("f");
  for (int i = 0; i < 3; ++i) issuer_->Verify("f", Other(code));

  clock_->Advance(seconds(1200));

  EXPECT_EQ(issuer_->Issue("f").status().code(), Code::kResourceExhausted);
}

TEST_F(CodeIssuerTest, AResendReplacesTheCodeButKeepsTheWrongCount) {
  std::string old_code = IssueOrDie("f");
  issuer_->Verify("f", Other(old_code));
  issuer_->Verify("f", Other(old_code));
  std::string new_code = IssueOrDie("f");

  if (new_code != old_code) {
    EXPECT_EQ(issuer_->Verify("f", old_code).verdict, CodeVerdict::kLocked);
  } else {
    EXPECT_TRUE(issuer_->Verify("f", new_code).accepted());
  }
}

TEST_F(CodeIssuerTest, AFlowGetsAtMostMaxIssuesCodes) {
  IssueOrDie("f");
  IssueOrDie("f");
  IssueOrDie("f");

  EXPECT_EQ(issuer_->Issue("f").status().code(), Code::kResourceExhausted);
  EXPECT_TRUE(issuer_->Issue("other").ok());
}

TEST_F(CodeIssuerTest, FlowsAreIndependent) {
  std::string a = IssueOrDie("a");
  std::string b = IssueOrDie("b");
  if (a == b) GTEST_SKIP() << "both flows drew the same code";

  EXPECT_EQ(issuer_->Verify("a", b).verdict, CodeVerdict::kWrong);
  EXPECT_TRUE(issuer_->Verify("b", b).accepted());
  EXPECT_TRUE(issuer_->Verify("a", a).accepted());
}

TEST_F(CodeIssuerTest, UnknownOrForgottenFlowHasNoCode) {
  std::string code = IssueOrDie("f");
  issuer_->Forget("f");

  EXPECT_EQ(issuer_->Verify("f", code).verdict, CodeVerdict::kNoCode);
  EXPECT_EQ(issuer_->Verify("never", "123456").verdict, CodeVerdict::kNoCode);
}

TEST(CodeVerdictNameTest, NamesEveryVerdict) {
  EXPECT_STREQ(CodeVerdictName(CodeVerdict::kAccepted), "accepted");
  EXPECT_STREQ(CodeVerdictName(CodeVerdict::kWrong), "wrong");
  EXPECT_STREQ(CodeVerdictName(CodeVerdict::kExpired), "expired");
  EXPECT_STREQ(CodeVerdictName(CodeVerdict::kLocked), "locked");
  EXPECT_STREQ(CodeVerdictName(CodeVerdict::kNoCode), "no_code");
}

// RFC 6238 appendix B: the seeds are the ASCII digits "1234567890" repeated to
// 20, 32 and 64 bytes, here in base32.
constexpr const char* kSeedSha1 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
constexpr const char* kSeedSha256 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA====";
constexpr const char* kSeedSha512 =
    "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBV"
    "GY3TQOJQGEZDGNA=";

struct TotpVector {
  int64_t time;
  const char* code;
  TotpAlgorithm algorithm;
  const char* seed;
};

constexpr TotpVector kRfc6238[] = {
    {59, "94287082", TotpAlgorithm::kSha1, kSeedSha1},
    {59, "46119246", TotpAlgorithm::kSha256, kSeedSha256},
    {59, "90693936", TotpAlgorithm::kSha512, kSeedSha512},
    {1111111109, "07081804", TotpAlgorithm::kSha1, kSeedSha1},
    {1111111109, "68084774", TotpAlgorithm::kSha256, kSeedSha256},
    {1111111109, "25091201", TotpAlgorithm::kSha512, kSeedSha512},
    {1111111111, "14050471", TotpAlgorithm::kSha1, kSeedSha1},
    {1111111111, "67062674", TotpAlgorithm::kSha256, kSeedSha256},
    {1111111111, "99943326", TotpAlgorithm::kSha512, kSeedSha512},
    {1234567890, "89005924", TotpAlgorithm::kSha1, kSeedSha1},
    {1234567890, "91819424", TotpAlgorithm::kSha256, kSeedSha256},
    {1234567890, "93441116", TotpAlgorithm::kSha512, kSeedSha512},
    {2000000000, "69279037", TotpAlgorithm::kSha1, kSeedSha1},
    {2000000000, "90698825", TotpAlgorithm::kSha256, kSeedSha256},
    {2000000000, "38618901", TotpAlgorithm::kSha512, kSeedSha512},
    // The RFC's last row (t = 20000000000, year 2603) is beyond what a
    // nanosecond system_clock time_point can hold (year 2262), so not here.
};

TotpParams EightDigits(TotpAlgorithm algorithm, int window) {
  TotpParams params;
  params.digits = 8;
  params.algorithm = algorithm;
  params.window = window;
  return params;
}

TEST(TotpTest, MatchesEveryRfc6238Vector) {
  for (const TotpVector& v : kRfc6238) {
    SCOPED_TRACE(std::to_string(v.time) + " " + v.code);
    auto counter = MatchTotp(v.seed, v.code, At(v.time), EightDigits(v.algorithm, 0));
    ASSERT_TRUE(counter.has_value());
    EXPECT_EQ(*counter, static_cast<uint64_t>(v.time / 30));
  }
}

TEST(TotpTest, GeneratesEveryRfc6238Vector) {
  for (const TotpVector& v : kRfc6238) {
    auto code = GenerateTotp(v.seed, At(v.time), EightDigits(v.algorithm, 0));
    ASSERT_TRUE(code.ok()) << code.status().ToString();
    EXPECT_EQ(*code, v.code) << v.time;
  }
}

TEST(TotpTest, RefusesAVectorUnderTheWrongAlgorithm) {
  EXPECT_FALSE(MatchTotp(kSeedSha1, "46119246", At(59), EightDigits(TotpAlgorithm::kSha1, 1)));
}

TEST(TotpTest, SixDigitCodeIsTheLastSixOfTheEightDigitOne) {
  // RFC 4226 truncation: the 6-digit code at t=59 is 94287082 mod 10^6.
  EXPECT_TRUE(VerifyTotp(kSeedSha1, "287082", At(59), 0));
  EXPECT_FALSE(VerifyTotp(kSeedSha1, "287083", At(59), 0));
}

TEST(TotpTest, WindowAcceptsNeighbouringStepsOnly) {
  // Step 1234567890/30 = 41152263; the code of the previous step is accepted
  // with window 1, not with window 0, and a code two steps away is refused.
  auto previous = GenerateTotp(kSeedSha1, At(1234567890 - 30));
  auto two_back = GenerateTotp(kSeedSha1, At(1234567890 - 60));
  ASSERT_TRUE(previous.ok() && two_back.ok());

  EXPECT_TRUE(VerifyTotp(kSeedSha1, *previous, At(1234567890), 1));
  EXPECT_FALSE(VerifyTotp(kSeedSha1, *previous, At(1234567890), 0));
  if (*two_back != *previous) {
    EXPECT_FALSE(VerifyTotp(kSeedSha1, *two_back, At(1234567890), 1));
  }
}

TEST(TotpTest, AcceptsSecretsAsAuthenticatorAppsShowThem) {
  // lower case, grouped with spaces, without padding
  EXPECT_TRUE(VerifyTotp("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", "287082", At(59), 0));
}

TEST(TotpTest, RefusesMalformedCodesAndSecrets) {
  EXPECT_FALSE(VerifyTotp(kSeedSha1, "", At(59), 1));
  EXPECT_FALSE(VerifyTotp(kSeedSha1, "28708", At(59), 1));
  EXPECT_FALSE(VerifyTotp(kSeedSha1, "28708x", At(59), 1));
  EXPECT_FALSE(VerifyTotp("not base32!", "287082", At(59), 1));
  EXPECT_FALSE(VerifyTotp("", "287082", At(59), 1));
  EXPECT_EQ(GenerateTotp("not base32!", At(59)).status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace sa::automation
