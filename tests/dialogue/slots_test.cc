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

// Entities as the NLU reports them: kind, id and where the text names it.
nlu::Entity ServiceAt(const std::string& text, const std::string& said, const std::string& id,
                      size_t from = 0) {
  nlu::Entity e;
  e.kind = nlu::kService;
  e.value = id;
  e.text = said;
  e.begin = text.find(said, from);
  e.end = e.begin + said.size();
  return e;
}

std::vector<std::string> Values(const std::vector<nlu::Entity>& entities) {
  std::vector<std::string> out;
  for (const auto& e : entities) out.push_back(e.value);
  return out;
}

TEST(SlotsTest, DropsServicesTheUserTakesBackInAnyLanguage) {
  using V = std::vector<std::string>;
  std::string en = "my mail keeps... no sorry, it's not mail, it's the roster app";
  EXPECT_EQ(Values(WithoutRetracted(en, {ServiceAt(en, "mail", "email"),
                                         ServiceAt(en, "mail", "email", 30),
                                         ServiceAt(en, "roster", "rostering")})),
            V{"rostering"});
  std::string ru = "Не работает почта... ой, нет, почта работает, это график дежурств: ошибка 500";
  EXPECT_EQ(Values(WithoutRetracted(ru, {ServiceAt(ru, "почта", "email"),
                                         ServiceAt(ru, "почта", "email", 40),
                                         ServiceAt(ru, "график дежурств", "rostering")})),
            V{"rostering"});
  std::string ru2 = "Это не почта, а график дежурств";
  EXPECT_EQ(Values(WithoutRetracted(ru2, {ServiceAt(ru2, "почта", "email"),
                                          ServiceAt(ru2, "график", "rostering")})),
            V{"rostering"});
  std::string zh = "不是邮件，是排班系统打不开";
  EXPECT_EQ(Values(WithoutRetracted(zh, {ServiceAt(zh, "邮件", "email"),
                                         ServiceAt(zh, "排班系统", "rostering")})),
            V{"rostering"});
  std::string zh2 = "邮件打不开，说错了，是排班系统";
  EXPECT_EQ(Values(WithoutRetracted(zh2, {ServiceAt(zh2, "邮件", "email"),
                                          ServiceAt(zh2, "排班系统", "rostering")})),
            V{"rostering"});
  // Two services, no correction: both kept; never every service dropped.
  std::string both = "mail and the roster app are both down";
  EXPECT_EQ(WithoutRetracted(both, {ServiceAt(both, "mail", "email"),
                                    ServiceAt(both, "roster", "rostering")})
                .size(),
            2u);
  std::string mine = "Мой почтовый ящик и мой график не открываются";  // "мой" is not "ой"
  EXPECT_EQ(WithoutRetracted(mine, {ServiceAt(mine, "почтовый", "email"),
                                    ServiceAt(mine, "график", "rostering")})
                .size(),
            2u);
}

TEST(SlotsTest, FindsTheTeamTheUserNames) {
  OrgSnapshot org;
  model::Team desk, apps, net;
  desk.id = "it-helpdesk";
  desk.name = "IT Helpdesk";
  apps.id = "clinical-apps";
  apps.name = "Clinical Applications";
  net.id = "network";
  net.name = "Network";
  org.pack.teams = {desk, apps, net};
  EXPECT_EQ(TeamNamedIn(org, "can I speak to someone from clinical apps? it's about labs"),
            "clinical-apps");
  EXPECT_EQ(TeamNamedIn(org, "put me through to the Clinical Applications people"),
            "clinical-apps");
  EXPECT_EQ(TeamNamedIn(org, "I want the network team on the phone"), "network");
  // One common word alone does not name a team.
  EXPECT_EQ(TeamNamedIn(org, "the network is down, get me a person"), "");
  EXPECT_EQ(TeamNamedIn(org, "get me someone from IT"), "");
  EXPECT_EQ(TeamNamedIn(org, "can I talk to someone from the SAP team?"), "");
}

TEST(SlotsTest, TellsHowToQuestionsAndFaultReports) {
  EXPECT_TRUE(AsksHowTo("I was given the shared mailbox but it does not show. How do I add it?"));
  EXPECT_TRUE(AsksHowTo("Как мне добавить общий ящик?"));
  EXPECT_TRUE(AsksHowTo("新工牌刷卡登不上，咋整？"));
  EXPECT_FALSE(AsksHowTo("I need a new laptop"));
  EXPECT_TRUE(DescribesFault("3 pumps show 'communication error' and won't download"));
  EXPECT_TRUE(DescribesFault("монитор не передаёт показатели"));
  EXPECT_TRUE(DescribesFault("读卡器读不了卡了"));
  EXPECT_FALSE(DescribesFault("how do I set up my signature?"));
}

}  // namespace
}  // namespace sa::dialogue
