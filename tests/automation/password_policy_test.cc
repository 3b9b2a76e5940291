// PasswordPolicy: one test per rule, plus the temporary password generator.
#include "automation/password_policy.h"

#include <gtest/gtest.h>

#include <set>

namespace sa::automation {
namespace {

class PasswordPolicyTest : public ::testing::Test {
 protected:
  PasswordPolicyTest() {
    alice_.id = "alice";
    alice_.name = "Alice Martin";
    alice_.email = "a.martin@acme.example";
    ivan_.id = "ivanov";
    ivan_.name = "Иван Петров";
    ivan_.email = "ivan@acme.example";
  }

  std::string Reason(std::string_view password, const model::User& user) const {
    return policy_.Evaluate(password, user).reason;
  }

  PasswordPolicy policy_;
  model::User alice_, ivan_;
};

TEST_F(PasswordPolicyTest, AcceptsALongMixedPassword) {
  PasswordVerdict verdict = policy_.Evaluate("Correct-Horse-42", alice_);
  EXPECT_TRUE(verdict.ok()) << verdict.reason << ": " << verdict.message;
  EXPECT_TRUE(policy_.Check("Correct-Horse-42", alice_).ok());
}

TEST_F(PasswordPolicyTest, RefusesFewerThanTwelveCharacters) {
  EXPECT_EQ(Reason("Short-Pw-42", alice_), kReasonTooShort);  // 11
  EXPECT_EQ(Reason("Short-Pw-423", alice_), "");              // 12
  EXPECT_EQ(Reason("", alice_), kReasonTooShort);
}

TEST_F(PasswordPolicyTest, CountsLengthInCharactersNotBytes) {
  // 11 Cyrillic letters + digit = 12 characters but 23 bytes
  EXPECT_EQ(Reason("Пароль-длин5", ivan_), "");
  EXPECT_EQ(Reason("Пароль-дли5", ivan_), kReasonTooShort);
}

TEST_F(PasswordPolicyTest, RefusesMoreThan128Characters) {
  std::string long_password = "Aa1-" + std::string(124, 'x');
  EXPECT_EQ(Reason(long_password, alice_), "");
  EXPECT_EQ(Reason(long_password + "x", alice_), kReasonTooLong);
}

TEST_F(PasswordPolicyTest, RequiresThreeOfFourCharacterClasses) {
  EXPECT_EQ(Reason("onlylowercaseletters", alice_), kReasonTooFewClasses);
  EXPECT_EQ(Reason("lowerAndUpperOnly", alice_), kReasonTooFewClasses);
  EXPECT_EQ(Reason("lower-and-symbols", alice_), kReasonTooFewClasses);
  EXPECT_EQ(Reason("lowerUPPER12345", alice_), "");   // lower, upper, digit
  EXPECT_EQ(Reason("lower-symbol-123", alice_), "");  // lower, symbol, digit
  EXPECT_EQ(Reason("UPPER-SYMBOL-123", alice_), "");  // upper, symbol, digit
}

TEST_F(PasswordPolicyTest, RefusesThePasswordContainingTheUserIdInAnyCase) {
  EXPECT_EQ(Reason("My-ALICE-pass-9", alice_), kReasonContainsUserId);
}

TEST_F(PasswordPolicyTest, RefusesThePasswordContainingANamePart) {
  EXPECT_EQ(Reason("Hello-Martin-99", alice_), kReasonContainsName);
  EXPECT_EQ(Reason("ПЕТРОВ-pass-123", ivan_), kReasonContainsName);    // Cyrillic, case folded
  EXPECT_EQ(Reason("Hello-Ivan-Pass-1", ivan_), kReasonContainsName);  // e-mail local part
}

TEST_F(PasswordPolicyTest, IgnoresNamePartsShorterThanThreeCharacters) {
  model::User li;
  li.id = "wl";
  li.name = "Li Wu";
  EXPECT_EQ(Reason("Lithium-Wuxia-7", li), "");
}

TEST_F(PasswordPolicyTest, RefusesControlCharactersAndBrokenUtf8) {
  EXPECT_EQ(Reason("Tab\there-Pass-1", alice_), kReasonInvalidCharacters);
  EXPECT_EQ(Reason(std::string("Bad-Utf8-\xC3\x28-pass1"), alice_), kReasonInvalidCharacters);
}

TEST_F(PasswordPolicyTest, CheckPutsTheReasonCodeFirstAndNeverThePassword) {
  Status status = policy_.Check("Hello-Martin-99", alice_);

  EXPECT_EQ(status.code(), Code::kInvalidArgument);
  EXPECT_EQ(status.message().rfind("contains_name: ", 0), 0u) << status.message();
  EXPECT_EQ(status.message().find("Hello-Martin-99"), std::string::npos);
}

TEST_F(PasswordPolicyTest, StricterSettingsApply) {
  PasswordPolicy strict;
  strict.min_length = 16;
  strict.min_classes = 4;
  EXPECT_EQ(strict.Evaluate("Correct-Horse-42", alice_).reason, "");
  EXPECT_EQ(strict.Evaluate("Correct-Horse-4", alice_).reason, kReasonTooShort);
  EXPECT_EQ(strict.Evaluate("CorrectHorseBattery42", alice_).reason, kReasonTooFewClasses);
}

TEST_F(PasswordPolicyTest, TemporaryPasswordsMeetThePolicyAndDiffer) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    std::string password = policy_.GenerateTemporaryPassword(alice_);
    EXPECT_EQ(password.size(), 16u);
    PasswordVerdict verdict = policy_.Evaluate(password, alice_);
    EXPECT_TRUE(verdict.ok()) << password << ": " << verdict.message;
    EXPECT_EQ(password.find_first_of("0O1lI"), std::string::npos) << password;
    seen.insert(password);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST_F(PasswordPolicyTest, TemporaryPasswordFollowsALongerMinimum) {
  PasswordPolicy policy;
  policy.min_length = 24;
  std::string password = policy.GenerateTemporaryPassword();
  EXPECT_EQ(password.size(), 24u);
  EXPECT_TRUE(policy.Evaluate(password, model::User{}).ok());
}

}  // namespace
}  // namespace sa::automation
