// Agents' service corrections teach the Engine which service a message is
// about when it names none (Vocabulary::service_examples, ServiceMemory).
#include <gtest/gtest.h>

#include <memory>

#include "nlu/nlu.h"

namespace sa::nlu {
namespace {

class ServiceMemoryTest : public ::testing::Test {
 protected:
  static Vocabulary Services() {
    Vocabulary v;
    v.entries.push_back({kService, "expenses", {"Concur"}, {}});
    v.entries.push_back({kService, "vpn", {"AnyPath VPN", "VPN", "впн"}, {}});
    return v;
  }
  static std::unique_ptr<Engine> Make(const Vocabulary& v) {
    EngineOptions o;
    o.resource_dir = SA_SOURCE_DIR "/resources/nlu";
    auto e = Engine::Create(o, v);
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    return e.ok() ? std::move(*e) : nullptr;
  }
  static void SetUpTestSuite() {
    Vocabulary v = Services();
    v.service_examples = {
        {"the expense thingy will not load", "expenses", "en"},
        {"I cannot submit my travel claim", "expenses", "en"},
        {"не могу подать авансовый отчёт", "expenses", "ru"},
        {"报销系统打不开", "expenses", "zh"},
        {"my thingy is broken", "no-such-service", "en"},
    };
    taught_ = Make(v).release();
    untaught_ = Make(Services()).release();
  }
  static void TearDownTestSuite() {
    delete taught_;
    delete untaught_;
  }
  static const Entity* Service(const Engine& e, const char* text) {
    last_ = e.Analyze(text, AnalyzeContext{});
    return last_.Find(kService);
  }
  static const Engine* taught_;
  static const Engine* untaught_;
  static Analysis last_;
};
const Engine* ServiceMemoryTest::taught_ = nullptr;
const Engine* ServiceMemoryTest::untaught_ = nullptr;
Analysis ServiceMemoryTest::last_;

TEST_F(ServiceMemoryTest, ParaphraseOfACorrectionNamesItsService) {
  for (const char* text : {"expense thingy won't load again", "my travel claim can't be submitted",
                           "авансовый отчёт не отправляется", "报销系统又打不开了"}) {
    const Entity* s = Service(*taught_, text);
    ASSERT_NE(s, nullptr) << text;
    EXPECT_EQ(s->value, "expenses") << text;
    EXPECT_LT(s->score, 1.0) << text;  // learnt, not named
    EXPECT_GE(s->score, 0.45) << text;
  }
}

TEST_F(ServiceMemoryTest, WithoutCorrectionsTheSameMessagesNameNoService) {
  EXPECT_EQ(Service(*untaught_, "expense thingy won't load again"), nullptr);
  EXPECT_EQ(Service(*untaught_, "报销系统又打不开了"), nullptr);
}

TEST_F(ServiceMemoryTest, UnrelatedMessagesDoNotBorrowACorrection) {
  for (const char* text : {"my printer is broken", "I cannot log in", "пароль не подходит",
                           "打印机坏了", "my laptop will not load"}) {
    EXPECT_EQ(Service(*taught_, text), nullptr) << text << " -> " << Service(*taught_, text)->value;
  }
}

TEST_F(ServiceMemoryTest, ANamedServiceWinsOverALearntOne) {
  const Entity* s = Service(*taught_, "VPN will not load, cannot submit my travel claim");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->value, "vpn");
  int services = 0;
  for (const Entity& e : last_.entities) services += e.kind == kService;
  EXPECT_EQ(services, 1);
}

TEST_F(ServiceMemoryTest, BareSlotAnswerMatchesALearntService) {
  auto found = taught_->MatchEntity("the travel claim thing", kService, AnalyzeContext{});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].value, "expenses");
}

}  // namespace
}  // namespace sa::nlu
