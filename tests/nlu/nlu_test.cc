#include "nlu/nlu.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

namespace sa::nlu {
namespace {

class NluEngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Vocabulary v;
    v.entries.push_back({"service", "email", {"Outlook", "email", "аутлук", "邮箱"}, {}});
    v.entries.push_back({"service", "vpn", {"AnyPath VPN", "VPN", "впн"}, {}});
    v.entries.push_back({"service", "wifi", {"Wi-Fi", "WLAN"}, {}});
    v.entries.push_back({"service", "teams", {"Microsoft Teams", "Teams"}, {}});
    v.entries.push_back({"config_item", "prn-b2", {"building B printer"}, {"cf-b2-prn01"}});
    v.entries.push_back(
        {"catalog_item", "laptop", {"new laptop", "новый ноутбук", "笔记本电脑"}, {}});
    EngineOptions o;
    o.resource_dir = SA_SOURCE_DIR "/resources/nlu";
    auto e = Engine::Create(o, v);
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    engine_ = std::move(*e).release();
  }
  static AnalyzeContext Ctx() {
    AnalyzeContext c;
    c.now = *ParseTime("2026-12-09T10:00:00Z");  // a Wednesday
    c.timezone = "Europe/Paris";
    return c;
  }
  static const Engine* engine_;
};
const Engine* NluEngineTest::engine_ = nullptr;

TEST_F(NluEngineTest, ClassifiesUtterancesOfTheDataFile) {
  std::ifstream in(SA_SOURCE_DIR "/tests/nlu/intents.tsv");
  ASSERT_TRUE(in);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto tab = line.find('\t');
    std::string text = line.substr(0, tab), want = line.substr(tab + 1);
    Analysis a = engine_->Analyze(text, Ctx());
    EXPECT_EQ(a.coarse_intent, want) << text << " -> " << a.intent << " " << a.confidence;
    ++n;
  }
  EXPECT_GT(n, 10);
}

TEST_F(NluEngineTest, UnderstandsShortMessagesConfidently) {
  std::ifstream in(SA_SOURCE_DIR "/tests/nlu/short_messages.tsv");
  ASSERT_TRUE(in);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto tab = line.find('\t');
    std::string text = line.substr(0, tab), want = line.substr(tab + 1);
    Analysis a = engine_->Analyze(text, Ctx());
    EXPECT_EQ(a.intent, want) << text << " (" << a.confidence << ")";
    EXPECT_GE(a.confidence, 0.5) << text << " -> " << a.intent;
    ++n;
  }
  EXPECT_GT(n, 60);
}

TEST_F(NluEngineTest, TellsLanguagesApartOnShortMessages) {
  EXPECT_EQ(engine_->Analyze("VPN не работает", Ctx()).language, "ru");
  EXPECT_EQ(engine_->Analyze("打印机坏了", Ctx()).language, "zh");
  EXPECT_EQ(engine_->Analyze("outlook is down", Ctx()).language, "en");
  EXPECT_EQ(engine_->DetectLanguage("INC-000042", "ru").first, "ru");
}

TEST_F(NluEngineTest, FindsServicesDespiteTyposAndInflection) {
  auto e1 = engine_->MatchEntity("outlok keeps crashing", kService, Ctx());
  ASSERT_FALSE(e1.empty());
  EXPECT_EQ(e1[0].value, "email");
  auto e2 = engine_->MatchEntity("не открывается в аутлуке", kService, Ctx());
  ASSERT_FALSE(e2.empty());
  EXPECT_EQ(e2[0].value, "email");
  auto e3 = engine_->MatchEntity("邮箱打不开", kService, Ctx());
  ASSERT_FALSE(e3.empty());
  EXPECT_EQ(e3[0].value, "email");
  EXPECT_TRUE(engine_->MatchEntity("the coffee machine", kService, Ctx()).empty());
}

TEST_F(NluEngineTest, ShortWordsAreNotTakenForANameOneLetterAway) {
  // "planned" stems to "plan", one letter from the Wi-Fi alias "WLAN".
  for (const auto& e : engine_->MatchEntity("is any work planned on email?", kService, Ctx())) {
    EXPECT_EQ(e.value, "email") << e.text;
  }
  auto e = engine_->MatchEntity("teems keeps crashing", kService, Ctx());
  ASSERT_FALSE(e.empty());
  EXPECT_EQ(e[0].value, "teams");
}

TEST_F(NluEngineTest, ExtractsStructuredEntities) {
  Analysis a = engine_->Analyze(
      "status of inc-42? mail bob.smith@example.com, host cf-b2-prn01 at 10.1.2.3", Ctx());
  ASSERT_NE(a.Find(kTicketId), nullptr);
  EXPECT_EQ(a.Find(kTicketId)->value, "INC-000042");
  ASSERT_NE(a.Find(kEmail), nullptr);
  EXPECT_EQ(a.Find(kEmail)->value, "bob.smith@example.com");
  ASSERT_NE(a.Find(kIp), nullptr);
  EXPECT_EQ(a.Find(kIp)->value, "10.1.2.3");
  ASSERT_NE(a.Find(kHostname), nullptr);
  EXPECT_EQ(a.Find(kHostname)->value, "cf-b2-prn01");
  ASSERT_NE(a.Find(kConfigItem), nullptr);
  EXPECT_EQ(a.Find(kConfigItem)->value, "prn-b2");
}

TEST_F(NluEngineTest, ResolvesRelativeDatesInTheUsersZone) {
  auto d = [&](const char* t) {
    auto e = engine_->MatchEntity(t, kDate, Ctx());
    return e.empty() ? std::string() : e[0].value;
  };
  EXPECT_EQ(d("tomorrow please"), "2026-12-10");
  EXPECT_EQ(d("завтра"), "2026-12-10");
  EXPECT_EQ(d("明天"), "2026-12-10");
  EXPECT_EQ(d("next monday"), "2026-12-14");
  EXPECT_EQ(d("25 december"), "2026-12-25");
  EXPECT_EQ(d("2027-01-05"), "2027-01-05");
}

TEST_F(NluEngineTest, DetectsUrgencyCues) {
  EXPECT_EQ(engine_->Analyze("urgent: everyone in the plant is blocked", Ctx()).urgency, "high");
  EXPECT_EQ(engine_->Analyze("срочно, не работает почта", Ctx()).urgency, "high");
  EXPECT_EQ(engine_->Analyze("紧急!系统打不开", Ctx()).urgency, "high");
  EXPECT_EQ(engine_->Analyze("no rush, when you have time", Ctx()).urgency, "low");
  EXPECT_EQ(engine_->Analyze("how do i add a printer", Ctx()).urgency, "");
}

TEST_F(NluEngineTest, FlagsOutOfScopeMessages) {
  EXPECT_TRUE(engine_->Analyze("what is the weather in rome tomorrow", Ctx()).out_of_scope);
  EXPECT_TRUE(engine_->Analyze("", Ctx()).out_of_scope);
  EXPECT_FALSE(engine_->Analyze("my laptop screen is cracked", Ctx()).out_of_scope);
}

TEST_F(NluEngineTest, ScoresFrustrationHigherForAngryUsers) {
  Analysis calm = engine_->Analyze("how do I record a teams meeting?", Ctx());
  Analysis angry =
      engine_->Analyze("THIS IS THE THIRD TIME the vpn is down!!! unacceptable", Ctx());
  Analysis angry_ru = engine_->Analyze("уже третий раз пишу, это безобразие!!!", Ctx());
  Analysis angry_zh = engine_->Analyze("第三次了还没修好,太差了", Ctx());
  EXPECT_LT(calm.frustration, 0.3);
  EXPECT_GE(angry.frustration, 0.6);
  EXPECT_GE(angry_ru.frustration, 0.6);
  EXPECT_GE(angry_zh.frustration, 0.6);
  EXPECT_LT(angry.sentiment, 0);
  EXPECT_GT(engine_->Analyze("great, thanks a lot", Ctx()).sentiment, 0);
}

TEST_F(NluEngineTest, ReadsYesAndNo) {
  EXPECT_EQ(engine_->YesNo("yes it worked"), 1);
  EXPECT_EQ(engine_->YesNo("нет, не помогло"), -1);
  EXPECT_EQ(engine_->YesNo("是的"), 1);
  EXPECT_EQ(engine_->YesNo("purple"), 0);
}

TEST(CoarseIntentTest, MapsFineIntentsToContractNames) {
  EXPECT_EQ(CoarseIntent("printer_problem"), "incident");
  EXPECT_EQ(CoarseIntent("software_install"), "service_request");
  EXPECT_EQ(CoarseIntent("unlock_account"), "password_reset");
  EXPECT_EQ(CoarseIntent("how_to"), "how_to");
  EXPECT_EQ(CoarseIntent("nonsense"), "out_of_scope");
  for (const auto& f : FineIntents()) EXPECT_NE(CoarseIntent(f), "") << f;
}

TEST(IntentClassifierTest, TrainsSavesAndLoadsTheSameModel) {
  std::vector<Example> ex;
  for (int i = 0; i < 5; ++i) {
    ex.push_back({"my printer is jammed " + std::to_string(i), "printer", ""});
    ex.push_back({"reset my password please " + std::to_string(i), "password", ""});
  }
  auto clf = IntentClassifier::Train(ex, {});
  ASSERT_TRUE(clf.ok());
  EXPECT_EQ((*clf)->Classify("printer jammed again", "").name, "printer");
  std::string path = ::testing::TempDir() + "/nlu_model_test.bin";
  ASSERT_TRUE((*clf)->Save(path).ok());
  auto loaded = IntentClassifier::Load(path);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ((*loaded)->Classify("forgot password", "").name, "password");
  EXPECT_NEAR((*loaded)->Predict("forgot password", "")[0].score,
              (*clf)->Predict("forgot password", "")[0].score, 1e-6);
}

std::vector<Example> TwoIntents() {
  std::vector<Example> ex;
  const char* printer[] = {"my printer is jammed", "the printer does not print",
                           "paper stuck in the printer", "printer shows an error",
                           "cannot print to the office printer"};
  const char* password[] = {"reset my password please", "i forgot my password", "password expired",
                            "need a new password", "locked out, password"};
  for (int i = 0; i < 5; ++i) {
    ex.push_back({printer[i], "printer", ""});
    ex.push_back({password[i], "password", ""});
  }
  return ex;
}

TEST(IntentClassifierTest, EnsembleOfHeadsAndFastTextSavesAndLoadsTheSameScores) {
  ClassifierOptions o;
  o.tfidf = true;
  o.balance = 0.5;
  o.extra_heads = {{0, 20, 1, 0}, {4, 1, 1, 0}};
  o.fasttext_weight = 1;
  o.fasttext_dim = 10;
  o.fasttext_bucket = 1000;
  o.ensemble_temperature = 0.5;
  auto clf = IntentClassifier::Train(TwoIntents(), o);
  ASSERT_TRUE(clf.ok()) << clf.status().ToString();
  EXPECT_EQ((*clf)->Classify("printer jammed again", "").name, "printer");
  EXPECT_EQ((*clf)->Classify("forgot the password", "").name, "password");
  std::string path =
      ::testing::TempDir() + "/nlu_ensemble_test_" + std::to_string(getpid()) + ".bin";
  ASSERT_TRUE((*clf)->Save(path).ok());
  auto loaded = IntentClassifier::Load(path);
  std::remove(path.c_str());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  for (const char* text : {"printer jammed again", "forgot the password", "hello there", ""}) {
    auto a = (*clf)->Predict(text, "");
    auto b = (*loaded)->Predict(text, "");
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].name, b[i].name) << text;
      EXPECT_NEAR(a[i].score, b[i].score, 1e-6) << text;
    }
  }
}

TEST(IntentClassifierTest, ProbabilitiesOfAnEnsembleSumToOne) {
  ClassifierOptions o;
  o.extra_heads = {{4, 1, 2, 0}};
  o.fasttext_weight = 0.5;
  o.fasttext_dim = 10;
  o.fasttext_bucket = 1000;
  auto clf = IntentClassifier::Train(TwoIntents(), o);
  ASSERT_TRUE(clf.ok()) << clf.status().ToString();
  double sum = 0;
  for (const auto& s : (*clf)->Predict("printer error", "")) sum += s.score;
  EXPECT_NEAR(sum, 1.0, 1e-6);
}

TEST(IntentClassifierTest, RejectsAnUnsupportedExtraHead) {
  ClassifierOptions o;
  o.extra_heads = {{11, 1, 1, 0}};  // a regression solver
  EXPECT_FALSE(IntentClassifier::Train(TwoIntents(), o).ok());
}

// Models written before ensembles existed (format SANLU2) still load.
TEST(IntentClassifierTest, LoadsAModelOfThePreviousFormat) {
  std::string path = ::testing::TempDir() + "/nlu_v2_test_" + std::to_string(getpid()) + ".bin";
  {
    std::ofstream out(path, std::ios::binary);
    auto put = [&](const auto& v) { out.write(reinterpret_cast<const char*>(&v), sizeof(v)); };
    auto put_string = [&](const std::string& s) {
      put(static_cast<uint32_t>(s.size()));
      out.write(s.data(), static_cast<std::streamsize>(s.size()));
    };
    out.write("SANLU2", 7);
    put(uint32_t{2});
    put_string("a");
    put_string("b");
    put_string("oos");
    put(0.25);  // oos threshold
    put(10.0);  // temperature
    for (double w : {1.0, 0.7, 0.8, 0.0, 0.0, 0.0}) put(w);
    put(int32_t{3});
    put(int32_t{5});
    put(uint64_t{0});  // no features: the bias decides
    put(0.0f);
    put(1.0f);
  }
  auto loaded = IntentClassifier::Load(path);
  std::remove(path.c_str());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  auto p = (*loaded)->Predict("anything", "");
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].name, "b");
  EXPECT_NEAR(p[0].score, 1 / (1 + std::exp(-10.0)), 1e-6);
}

}  // namespace
}  // namespace sa::nlu
