#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "core/json.h"
#include "knowledge/knowledge.h"

namespace sa::knowledge {
namespace {

std::vector<Json> ReadJsonl(const std::string& name) {
  std::ifstream in(std::string(SA_KNOWLEDGE_TEST_DATA) + "/" + name);
  std::vector<Json> out;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(Json::parse(line));
  }
  return out;
}

model::Article ArticleOf(const Json& j) {
  model::Article a;
  a.id = j.at("id");
  a.title = j.at("title");
  a.language = j.at("language");
  a.body = j.at("body");
  a.translations = j.value("translations", std::map<std::string, std::string>{});
  a.audience = j.value("audience", std::vector<std::string>{"all"});
  a.services = j.value("services", std::vector<std::string>{});
  a.tags = j.value("tags", std::vector<std::string>{});
  return a;
}

model::Article Simple(std::string id, std::string title, std::string body,
                      std::string language = "en") {
  model::Article a;
  a.id = std::move(id);
  a.title = std::move(title);
  a.body = std::move(body);
  a.language = std::move(language);
  a.audience = {"all"};
  return a;
}

class KnowledgeSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const auto& j : ReadJsonl("articles.jsonl")) articles_.push_back(ArticleOf(j));
    for (const auto& j : ReadJsonl("services.jsonl")) {
      services_.push_back({j.at("id"), j.at("names").get<std::vector<std::string>>()});
    }
    auto index = KnowledgeIndex::Create({});
    ASSERT_TRUE(index.ok()) << index.status().ToString();
    index_ = std::move(*index);
    ASSERT_TRUE(index_->Rebuild(articles_, services_).ok());
  }

  std::vector<SearchHit> Ask(const std::string& text, std::vector<std::string> groups = {},
                             std::string language = "") {
    SearchQuery q;
    q.text = text;
    q.language = std::move(language);
    q.user_groups = std::move(groups);
    return index_->Search(q);
  }

  std::vector<model::Article> articles_;
  std::vector<ServiceTerms> services_;
  std::unique_ptr<KnowledgeIndex> index_;
};

TEST_F(KnowledgeSearchTest, EachQuestionFindsItsArticleInTheUsersLanguage) {
  auto questions = ReadJsonl("questions.jsonl");
  ASSERT_GE(questions.size(), 15u);
  for (const auto& q : questions) {
    auto hits = Ask(q.at("text"), q.value("groups", std::vector<std::string>{}), q.at("language"));
    ASSERT_FALSE(hits.empty()) << q.at("text");
    EXPECT_EQ(hits[0].article_id, q.at("expect").get<std::string>()) << q.at("text");
    EXPECT_EQ(hits[0].other_language, q.at("other_language").get<bool>()) << q.at("text");
    EXPECT_FALSE(hits[0].snippet.empty()) << q.at("text");
  }
}

TEST_F(KnowledgeSearchTest, DetectsTheLanguageWhenTheQueryDoesNotSayIt) {
  auto hits = Ask("Как включить автоответ в аутлуке?");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].article_id, "kb-outlook-ooo-ru");
  EXPECT_EQ(hits[0].language, "ru");
}

TEST_F(KnowledgeSearchTest, ReturnsOneHitPerTranslationFamily) {
  auto hits = Ask("AnyPath VPN", {}, "en");
  ASSERT_FALSE(hits.empty());
  int vpn_setup_family = 0;
  for (const auto& h : hits) {
    if (h.article_id.rfind("kb-vpn-setup", 0) == 0) ++vpn_setup_family;
  }
  EXPECT_EQ(vpn_setup_family, 1);
}

TEST_F(KnowledgeSearchTest, FindsEnglishOnlyArticleFromRussianAndSaysSo) {
  // Only the English article exists in this index: the Russian query still finds it.
  ASSERT_TRUE(index_->Remove("kb-outlook-ooo-ru").ok());
  auto hits = Ask("Как включить автоответ в аутлуке?", {}, "ru");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].article_id, "kb-outlook-ooo");
  EXPECT_TRUE(hits[0].other_language);
}

TEST_F(KnowledgeSearchTest, AudienceHidesArticlesFromOtherGroups) {
  const std::string question = "month end closing checklist in SAP";
  for (const auto& h : Ask(question, {"sales"})) EXPECT_NE(h.article_id, "kb-sap-month-end");
  auto accounting = Ask(question, {"accounting"});
  ASSERT_FALSE(accounting.empty());
  EXPECT_EQ(accounting[0].article_id, "kb-sap-month-end");
  SearchQuery staff;
  staff.text = question;
  staff.staff = true;
  auto hits = index_->Search(staff);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].article_id, "kb-sap-month-end");
}

TEST_F(KnowledgeSearchTest, DraftsOnlyForStaffWhoAskAndRetiredNever) {
  auto draft = Simple("kb-draft", "Zebracorn printer calibration", "Calibrate the zebracorn.");
  draft.status = "draft";
  auto retired = Simple("kb-retired", "Old zebracorn manual", "Obsolete zebracorn steps.");
  retired.status = "retired";
  ASSERT_TRUE(index_->Upsert(draft).ok());
  ASSERT_TRUE(index_->Upsert(retired).ok());
  EXPECT_TRUE(Ask("zebracorn").empty());
  SearchQuery q;
  q.text = "zebracorn";
  q.staff = true;
  EXPECT_TRUE(index_->Search(q).empty());
  q.include_drafts = true;
  auto hits = index_->Search(q);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].article_id, "kb-draft");
  q.staff = false;  // include_drafts alone is not enough
  EXPECT_TRUE(index_->Search(q).empty());
}

TEST_F(KnowledgeSearchTest, UpsertIsSearchableAtOnceAndEditsReplaceOldText) {
  ASSERT_TRUE(Ask("quokkaphone").empty());
  auto a = Simple("kb-new", "Pairing the quokkaphone headset", "Hold the button for 5 seconds.");
  ASSERT_TRUE(index_->Upsert(a).ok());
  auto hits = Ask("how do I pair my quokkaphone?");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].article_id, "kb-new");

  a.title = "Pairing the wallabyphone headset";
  a.version = 2;
  ASSERT_TRUE(index_->Upsert(a).ok());
  EXPECT_TRUE(Ask("quokkaphone").empty());
  hits = Ask("wallabyphone");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].article_id, "kb-new");
  EXPECT_EQ(hits[0].title, "Pairing the wallabyphone headset");

  ASSERT_TRUE(index_->Remove("kb-new").ok());
  EXPECT_TRUE(Ask("wallabyphone").empty());
  EXPECT_EQ(index_->Remove("kb-new").code(), Code::kNotFound);
}

TEST_F(KnowledgeSearchTest, ServiceHintRanksArticlesOfThatService) {
  SearchQuery q;
  q.text = "it does not work";
  q.services = {"telephony"};
  auto hits = index_->Search(q);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].article_id, "kb-voicemail");
}

TEST_F(KnowledgeSearchTest, ConfidenceSeparatesAnswersFromNonsense) {
  auto good = Ask("how do i set up the anypath vpn on my laptop", {}, "en");
  ASSERT_FALSE(good.empty());
  EXPECT_EQ(Decide(good), AnswerDecision::kAnswer) << good[0].confidence;
  auto off_topic = Ask("what is the capital of australia and its population", {}, "en");
  EXPECT_EQ(Decide(off_topic), AnswerDecision::kHandOver)
      << (off_topic.empty() ? 0.0 : off_topic[0].confidence);
  for (const auto& h : good) {
    EXPECT_GE(h.confidence, 0.0);
    EXPECT_LE(h.confidence, 1.0);
  }
}

TEST_F(KnowledgeSearchTest, ChitChatAloneFindsNothing) {
  EXPECT_TRUE(Ask("hi thanks!", {}, "en").empty());
  EXPECT_TRUE(Ask("", {}, "en").empty());
}

TEST_F(KnowledgeSearchTest, ConcurrentSearchesSeeConsistentResultsDuringUpdates) {
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      while (!stop) {
        auto hits = Ask("out of office in outlook", {}, "en");
        if (hits.empty() || hits[0].article_id != "kb-outlook-ooo") ++failures;
      }
    });
  }
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(index_
                    ->Upsert(Simple("kb-extra-" + std::to_string(i), "Extra " + std::to_string(i),
                                    "Something about badges number " + std::to_string(i)))
                    .ok());
  }
  stop = true;
  for (auto& r : readers) r.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(index_->Size(), articles_.size() + 50);
}

TEST(KnowledgeIndexOnDiskTest, ReopenedIndexKeepsItsArticles) {
  auto dir = std::filesystem::temp_directory_path() /
             ("sa_kb_test_" + std::to_string(std::random_device{}()));
  {
    auto index = KnowledgeIndex::Create({dir.string()});
    ASSERT_TRUE(index.ok()) << index.status().ToString();
    ASSERT_TRUE(
        (*index)->Upsert(Simple("kb-disk", "Resetting the kiwiscanner", "Press reset.")).ok());
  }
  {
    auto index = KnowledgeIndex::Create({dir.string()});
    ASSERT_TRUE(index.ok()) << index.status().ToString();
    EXPECT_EQ((*index)->Size(), 1u);
    SearchQuery q;
    q.text = "kiwiscanner reset";
    auto hits = (*index)->Search(q);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].article_id, "kb-disk");
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sa::knowledge
