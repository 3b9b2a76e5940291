#include "dialogue/slots.h"

#include <gtest/gtest.h>

namespace sa::dialogue {
namespace {

TEST(SlotsTest, MatchesChoicesExactlyContainedOrByNumber) {
  std::vector<std::string> options = {"standard 14\"", "engineering 16\"", "rugged (plant floor)"};
  EXPECT_EQ(MatchChoice("Engineering 16\"", options), 1);
  EXPECT_EQ(MatchChoice("the rugged one please", options), -1);  // "rugged" alone is not an option
  EXPECT_EQ(MatchChoice("rugged (plant floor)", options), 2);
  EXPECT_EQ(MatchChoice("2", options), 1);
  EXPECT_EQ(MatchChoice("стандартный смартфон (standard smartphone)",
                        {"standard smartphone", "rugged phone (plant)"}),
            0);
  EXPECT_EQ(MatchChoice("purple", options), -1);
}

TEST(SlotsTest, ReadsImpactFromFreeText) {
  EXPECT_EQ(ParseImpact("only me"), "low");
  EXPECT_EQ(ParseImpact("только я, но завтра встреча"), "low");
  EXPECT_EQ(ParseImpact("the whole sales team"), "high");
  EXPECT_EQ(ParseImpact("整个沈阳销售部"), "high");
  EXPECT_EQ(ParseImpact("my colleagues in accounting"), "medium");
  EXPECT_EQ(ParseImpact("it is blue"), "");
}

TEST(SlotsTest, RecognisesCancelOnlyInShortMessages) {
  EXPECT_TRUE(IsCancel("cancel"));
  EXPECT_TRUE(IsCancel("отмена"));
  EXPECT_TRUE(IsCancel("算了"));
  EXPECT_FALSE(IsCancel("my meeting was cancelled because teams kept dropping the call"));
}

TEST(SlotsTest, RecognisesSkipsAndWhatWasTried) {
  EXPECT_TRUE(IsSkip("I don't know"));
  EXPECT_TRUE(IsSkip("не знаю"));
  EXPECT_FALSE(IsSkip("7-Zip"));
  EXPECT_TRUE(MentionsTried("already reinstalled it and rebooted twice"));
  EXPECT_TRUE(MentionsTried("电脑已经重启过了"));
  EXPECT_FALSE(MentionsTried("it crashes"));
}

TEST(SlotsTest, TellsWhenTextIsNotInTheUsersScript) {
  EXPECT_TRUE(ScriptMismatch("Which model do you need?", "ru"));
  EXPECT_FALSE(ScriptMismatch("Какая модель?", "ru"));
  EXPECT_TRUE(ScriptMismatch("Which model?", "zh"));
  EXPECT_FALSE(ScriptMismatch("Which model?", "en"));
}

}  // namespace
}  // namespace sa::dialogue
