#include "dialogue/masking.h"

#include <gtest/gtest.h>

namespace sa::dialogue {
namespace {

TEST(MaskingTest, HidesPasswordsInEveryLanguage) {
  EXPECT_EQ(MaskSecrets("my password is Hunter2!x, please reset").text,
            "my password is [hidden], please reset");
  EXPECT_EQ(MaskSecrets("мой пароль: Qwerty123").text, "мой пароль: [hidden]");
  EXPECT_EQ(MaskSecrets("我的密码是abc12345").text, "我的密码是[hidden]");
}

TEST(MaskingTest, HidesCardNumbersThatPassLuhn) {
  auto m = MaskSecrets("card 4111 1111 1111 1111 was charged");
  EXPECT_TRUE(m.changed);
  EXPECT_EQ(m.text, "card [hidden] was charged");
}

TEST(MaskingTest, KeepsOrdinaryNumbersAndTicketIds) {
  auto m = MaskSecrets("INC-000042 still open, call me at 0612345678, line 4");
  EXPECT_FALSE(m.changed);
  EXPECT_EQ(m.text, "INC-000042 still open, call me at 0612345678, line 4");
}

TEST(MaskingTest, HidesLongRandomTokens) {
  auto m = MaskSecrets("token sat_9f86d081884c7d659a2feaa0c55ad015a3bf4f1b");
  EXPECT_TRUE(m.changed);
  EXPECT_EQ(m.text.find("9f86d0"), std::string::npos);
}

TEST(MaskingTest, LeavesTalkAboutPasswordsAlone) {
  auto m = MaskSecrets("I forgot my password, can't log in");
  EXPECT_FALSE(m.changed);
}

}  // namespace
}  // namespace sa::dialogue
