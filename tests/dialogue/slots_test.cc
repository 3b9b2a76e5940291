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

model::CatalogField Field(const std::string& name, const std::string& type,
                          const std::string& prompt, std::vector<std::string> options = {}) {
  model::CatalogField f;
  f.name = name;
  f.type = type;
  f.prompt = prompt;
  f.options = std::move(options);
  f.required = true;
  return f;
}

TEST(SlotsTest, TellsWhichFieldsAskAboutTheRequesterThemself) {
  EXPECT_EQ(ProfileMeaning(Field("site", "choice", "For which warehouse?", {"Warsaw"})), "location");
  EXPECT_EQ(ProfileMeaning(Field("office", "text", "")), "location");
  EXPECT_EQ(ProfileMeaning(Field("place", "text", "На какой площадке вы работаете?")), "location");
  EXPECT_EQ(ProfileMeaning(Field("approver", "user", "Who approves it?")), "manager");
  EXPECT_EQ(ProfileMeaning(Field("boss", "text", "您的主管是谁？")), "manager");
  EXPECT_EQ(ProfileMeaning(Field("notify", "email", "Your e-mail for updates?")), "email");
  EXPECT_EQ(ProfileMeaning(Field("mailbox", "email", "Which mailbox (address)?")), "");
  EXPECT_EQ(ProfileMeaning(Field("computer", "text", "On which computer? Give the asset tag.")),
            "device");
  EXPECT_EQ(ProfileMeaning(Field("reason", "text", "Why do you need a new laptop?")), "");
  EXPECT_EQ(ProfileMeaning(Field("copies", "number", "How many computers?")), "");
  EXPECT_EQ(ProfileMeaning(Field("keep_number", "yes_no", "Keep your mobile phone number?")), "");
}

TEST(SlotsTest, FillsRequesterFieldsFromTheProfileAndTheirOwnConfigurationItem) {
  OrgSnapshot org;
  model::User jakub;
  jakub.id = "jakub";
  jakub.name = "Jakub Nowak";
  jakub.email = "Jakub.Nowak@kestrel.example";
  jakub.location = "Warsaw DC";
  jakub.manager = "ewa";
  model::User ewa;
  ewa.id = "ewa";
  ewa.name = "Ewa Lis";
  org.pack.users = {jakub, ewa};
  model::ConfigItem laptop{"LT-0042", "Laptop of Jakub Nowak", "laptop", "euc", {}};
  model::ConfigItem db{"wms-db", "StockPilot database", "database", "dba", {"wmsdb01.kestrel.example"}};
  model::ConfigItem other{"lt-0043", "Laptop", "laptop", "euc", {"ewa-pc.kestrel.example"}};
  org.pack.configuration_items = {laptop, db, other};

  model::CatalogItem item;
  item.id = "kit";
  item.fields = {Field("site", "choice", "For which warehouse?", {"Rotterdam", "Warsaw"}),
                 Field("approver", "user", "Who is your manager?"),
                 Field("contact", "email", "Your e-mail for updates?"),
                 Field("computer", "text", "On which computer?"),
                 Field("reason", "text", "Why do you need it at your site?"),
                 Field("mailbox", "email", "Which mailbox?")};
  Json got = ProfileFields(item, jakub, org);
  EXPECT_EQ(got, Json({{"site", "Warsaw"},
                       {"approver", "ewa"},
                       {"contact", "jakub.nowak@kestrel.example"},
                       {"computer", "LT-0042"}}));

  // The CMDB names its items after people in hosts too; two of them: ask.
  ASSERT_EQ(OwnConfigItems(org, ewa).size(), 1u);
  EXPECT_EQ(OwnConfigItems(org, ewa)[0]->id, "lt-0043");
  org.pack.configuration_items.push_back({"ph-1", "Phone", "phone", "euc", {"jakub-phone.k.example"}});
  EXPECT_FALSE(ProfileFields(item, jakub, org).contains("computer"));

  // An option that does not name the profile's location is not guessed.
  item.fields[0].options = {"Rotterdam", "Almaty"};
  EXPECT_FALSE(ProfileFields(item, jakub, org).contains("site"));

  // A request for someone else (a new starter) takes nothing from the requester.
  model::CatalogItem starter;
  starter.id = "starter";
  starter.fields = {Field("site", "choice", "At which site will they work?", {"Warsaw"}),
                    Field("computer", "text", "Which computer?")};
  EXPECT_TRUE(ProfileFields(starter, jakub, org).empty());
}

}  // namespace
}  // namespace sa::dialogue
