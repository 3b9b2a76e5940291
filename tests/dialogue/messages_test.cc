#include "dialogue/messages.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace sa::dialogue {
namespace {

Json ReadCatalog(const std::string& lang) {
  std::ifstream in(std::string(SA_SOURCE_DIR) + "/resources/messages/" + lang + ".json");
  std::stringstream text;
  text << in.rdbuf();
  return Json::parse(text.str());
}

TEST(MessagesTest, EveryLanguageHasEveryKeyOfEnglish) {
  auto m = Messages::Embedded();
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  Json en = ReadCatalog("en");
  for (const char* lang : {"ru", "zh"}) {
    ASSERT_TRUE(m->Has(lang)) << lang;
    Json other = ReadCatalog(lang);
    for (auto it = en.begin(); it != en.end(); ++it) {
      EXPECT_TRUE(other.contains(it.key())) << lang << " lacks " << it.key();
      if (it->is_object()) {
        for (auto sub = it->begin(); sub != it->end(); ++sub) {
          EXPECT_TRUE(other[it.key()].contains(sub.key()))
              << lang << " lacks " << it.key() << "." << sub.key();
        }
      }
    }
  }
}

TEST(MessagesTest, FillsPlaceholdersAndFallsBackToEnglish) {
  auto m = Messages::FromJson(
      {{"en", R"({"hi": "Hello {name}", "only_en": "x"})"}, {"ru", R"({"hi": "Привет, {name}"})"}});
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->Say("ru", "hi", {{"name", "Оля"}}), "Привет, Оля");
  EXPECT_EQ(m->Say("ru", "only_en"), "x");
  EXPECT_EQ(m->Say("ru", "missing"), "missing");
}

TEST(MessagesTest, RejectsCatalogsWithoutEnglish) {
  EXPECT_FALSE(Messages::FromJson({{"ru", "{}"}}).ok());
}

}  // namespace
}  // namespace sa::dialogue
