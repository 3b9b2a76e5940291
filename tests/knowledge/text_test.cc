#include "knowledge/text.h"

#include <gtest/gtest.h>

namespace sa::knowledge {
namespace {

std::vector<std::string> TermsOf(std::string_view text, TermMode mode = TermMode::kQuery) {
  std::vector<std::string> out;
  for (const auto& t : TextTerms(text, mode)) out.push_back(t.term);
  return out;
}

bool Has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(TextTest, StemsEnglishAndRussianWhateverTheLanguageOfTheText) {
  EXPECT_EQ(TermsOf("Printers printing"), (std::vector<std::string>{"printer", "print"}));
  auto ru = TermsOf("Настройка принтеров AnyPath");
  EXPECT_TRUE(Has(ru, "настройк")) << ru.size();
  EXPECT_TRUE(Has(ru, "принтер"));
  EXPECT_TRUE(Has(ru, "anypath"));
}

TEST(TextTest, DropsStopWordsAndChitChatFromQueriesOnly) {
  EXPECT_EQ(TermsOf("hi, how do I reset my password please?"),
            (std::vector<std::string>{"reset", "password"}));
  EXPECT_TRUE(Has(TermsOf("hello world", TermMode::kIndex), "hello"));
  EXPECT_FALSE(Has(TermsOf("hello world", TermMode::kQuery), "hello"));
}

TEST(TextTest, FoldsCaseAndYo) { EXPECT_EQ(TermsOf("УЧЁТНАЯ"), TermsOf("учетная")); }

TEST(TextTest, ChineseGivesBigramsAndUnigramsSplitAtStopCharacters) {
  auto terms = TermsOf("我的打印机");
  EXPECT_TRUE(Has(terms, "打印"));
  EXPECT_TRUE(Has(terms, "印机"));
  EXPECT_TRUE(Has(terms, "打"));
  EXPECT_FALSE(Has(terms, "的打"));
  EXPECT_FALSE(Has(terms, "我的"));
}

TEST(TextTest, HyphenatedWordsAlsoGiveTheJoinedForm) {
  auto terms = TermsOf("wi-fi e-mail");
  EXPECT_TRUE(Has(terms, "wifi"));
  EXPECT_TRUE(Has(terms, "fi"));
  EXPECT_TRUE(Has(terms, "email"));
}

TEST(TextTest, DetectsLanguageByScript) {
  EXPECT_EQ(DetectLanguageOf("how do I print"), "en");
  EXPECT_EQ(DetectLanguageOf("как настроить VPN"), "ru");
  EXPECT_EQ(DetectLanguageOf("怎么设置MFA"), "zh");
}

TEST(TypoDictionaryTest, ProposesKnownWordsAtDistanceOne) {
  TypoDictionary d;
  for (const char* w : {"address", "tomorrow", "printer", "outlook"}) d.Add(w);
  EXPECT_EQ(d.Candidates("adress"), std::vector<std::string>{"address"});
  EXPECT_EQ(d.Candidates("tomorow"), std::vector<std::string>{"tomorrow"});
  EXPECT_EQ(d.Candidates("printar"), std::vector<std::string>{"printer"});
  EXPECT_TRUE(d.Candidates("outlook").empty());  // known
  EXPECT_TRUE(d.Candidates("zzzzzzz").empty());
}

TEST(TextTest, TruncatesOnCharacterBoundaries) {
  std::string s = TruncateUtf8("Проверьте подключение к интернету", 20);
  EXPECT_LE(s.size(), 20u + 3);
  EXPECT_EQ(s.substr(s.size() - 3), "…");
  EXPECT_EQ(TruncateUtf8("short", 20), "short");
}

}  // namespace
}  // namespace sa::knowledge
