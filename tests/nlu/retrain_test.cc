// Retrain (accept/reject), the model cache, EngineHolder swaps under load,
// the eval CLI on a tiny data set, and the Latin-language heuristic.
#include "nlu/retrain.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/json.h"
#include "nlu/cli.h"
#include "nlu/nlu.h"

namespace sa::nlu {
namespace {

namespace fs = std::filesystem;

constexpr char kResources[] = SA_SOURCE_DIR "/resources/nlu";
constexpr char kBuiltinTests[] = SA_SOURCE_DIR "/tests/nlu/intents.tsv";

// A fresh directory per test (tests run in parallel under ctest -j).
fs::path FreshDir(const std::string& name) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  fs::path dir = fs::path(::testing::TempDir()) /
                 ("nlu_" + name + "_" + info->name() + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

AnalyzeContext Ctx() {
  AnalyzeContext c;
  c.now = *ParseTime("2026-12-09T10:00:00Z");
  return c;
}

// A new intent the built-in model cannot know: facilities problems.
std::vector<Example> FacilitiesExamples() {
  const char* things[] = {"coffee machine", "air conditioning",  "elevator",     "heating",
                          "kitchen sink",   "meeting room door", "parking gate", "window blind",
                          "water cooler",   "office chair"};
  const char* frames[] = {"the %s on floor three is leaking", "the %s in the lobby is making noise",
                          "somebody should repair the %s near reception"};
  std::vector<Example> out;
  for (const char* f : frames) {
    for (const char* t : things) {
      char buf[160];
      std::snprintf(buf, sizeof(buf), f, t);
      out.push_back({buf, "facilities", "en"});
    }
  }
  return out;
}

class RetrainTest : public ::testing::Test {
 protected:
  RetrainOptions Options(const fs::path& dir) {
    RetrainOptions o;
    o.resource_dir = kResources;
    o.model_path = (dir / "intents.model").string();
    o.builtin_tests = kBuiltinTests;
    o.holdout_fraction = 0.3;
    return o;
  }
};

TEST_F(RetrainTest, AcceptsACandidateThatLearnsTheCorrections) {
  fs::path dir = FreshDir("retrain");
  RetrainOptions o = Options(dir);
  o.extra_examples = FacilitiesExamples();
  auto report = Retrain(o);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->accepted) << report->reason;
  ASSERT_GT(report->extra_held_out, 0u);
  EXPECT_GT(report->new_heldout_accuracy, report->old_heldout_accuracy);
  EXPECT_GE(report->new_builtin_accuracy, report->old_builtin_accuracy);
  ASSERT_TRUE(fs::exists(o.model_path));

  EngineOptions eo;
  eo.resource_dir = kResources;
  eo.model_file = o.model_path;
  auto engine = Engine::Create(eo, Vocabulary{});
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  EXPECT_EQ((*engine)->Analyze("the coffee machine in the lobby is leaking", Ctx()).intent,
            "facilities");
  EXPECT_EQ((*engine)->Analyze("i forgot my password", Ctx()).coarse_intent, "password_reset");
}

TEST_F(RetrainTest, RejectsACandidateThatBreaksTheBuiltInIntentsAndKeepsTheOldFile) {
  fs::path dir = FreshDir("retrain");
  RetrainOptions o = Options(dir);
  // Wrong corrections: the built-in test utterances themselves, labelled as
  // greetings, all trained on (nothing held out): only the built-in tests can
  // tell that the candidate got worse.
  o.holdout_fraction = 0;
  std::ifstream in(kBuiltinTests);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.find("\tgreeting") != std::string::npos) continue;
    for (int copy = 0; copy < 5; ++copy) {
      o.extra_examples.push_back({line.substr(0, line.find('\t')), "greeting", ""});
    }
  }
  ASSERT_GT(o.extra_examples.size(), 20u);
  auto report = Retrain(o);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_FALSE(report->accepted) << report->reason;
  EXPECT_LT(report->new_builtin_accuracy, report->old_builtin_accuracy);
  EXPECT_FALSE(fs::exists(o.model_path));
}

TEST_F(RetrainTest, AnAcceptedModelRecordsItsVersionTimeAndScores) {
  fs::path dir = FreshDir("info");
  RetrainOptions o = Options(dir);
  EXPECT_EQ(ReadModelInfo(o.model_path).status().code(), Code::kNotFound);
  o.extra_examples = FacilitiesExamples();
  o.now = *ParseTime("2026-11-23T10:00:00Z");
  auto first = Retrain(o);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(first->accepted) << first->reason;
  EXPECT_EQ(first->model_version, 1);
  auto info = ReadModelInfo(o.model_path);
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->version, 1);
  EXPECT_EQ(info->trained_at, "2026-11-23T10:00:00Z");
  EXPECT_EQ(info->examples, first->examples);
  EXPECT_EQ(info->corrections, first->extra_trained);
  EXPECT_EQ(info->held_out, first->extra_held_out);
  EXPECT_DOUBLE_EQ(info->builtin_accuracy, first->new_builtin_accuracy);

  o.now = *ParseTime("2026-11-24T10:00:00Z");
  auto second = Retrain(o);  // the same data: not worse, so accepted again
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(second->accepted) << second->reason;
  EXPECT_EQ(second->model_version, 2);
  EXPECT_EQ(ReadModelInfo(o.model_path)->trained_at, "2026-11-24T10:00:00Z");

  // Wrong corrections (the built-in tests labelled as greetings): rejected,
  // and the info still describes the model in service.
  o.extra_examples.clear();
  o.holdout_fraction = 0;
  std::ifstream in(kBuiltinTests);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.find("\tgreeting") != std::string::npos) continue;
    for (int copy = 0; copy < 5; ++copy) {
      o.extra_examples.push_back({line.substr(0, line.find('\t')), "greeting", ""});
    }
  }
  auto third = Retrain(o);
  ASSERT_TRUE(third.ok());
  EXPECT_FALSE(third->accepted) << third->reason;
  EXPECT_EQ(third->model_version, 2);
  EXPECT_EQ(ReadModelInfo(o.model_path)->version, 2);
}

TEST_F(RetrainTest, HoldsOutTheSameCorrectionsEveryTime) {
  std::vector<Example> ex = FacilitiesExamples();
  size_t held = 0;
  for (const Example& e : ex) {
    bool h = IsHeldOut(e, 0.3);
    EXPECT_EQ(h, IsHeldOut(e, 0.3));
    held += h;
  }
  EXPECT_GT(held, 0u);
  EXPECT_LT(held, ex.size());
  EXPECT_FALSE(IsHeldOut(ex[0], 0));
}

TEST_F(RetrainTest, CliRetrainWritesTheModelAndReportsBothScores) {
  fs::path dir = FreshDir("retrain_cli");
  fs::path examples = dir / "corrections.jsonl";
  {
    std::ofstream out(examples);
    for (const Example& e : FacilitiesExamples()) {
      out << Json{{"text", e.text}, {"intent", e.intent}}.dump() << "\n";
    }
  }
  std::string model = (dir / "m.bin").string();
  std::vector<std::string> args = {
      "retrain",  "--examples", examples.string(), "--model",   model, "--resources",
      kResources, "--tests",    kBuiltinTests,     "--holdout", "0.3"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  ::testing::internal::CaptureStdout();
  int rc = NluMain(static_cast<int>(argv.size()), argv.data());
  std::string out = ::testing::internal::GetCapturedStdout();
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("accepted"), std::string::npos) << out;
  EXPECT_NE(out.find("old: held-out"), std::string::npos) << out;
  EXPECT_NE(out.find("new: held-out"), std::string::npos) << out;
  EXPECT_TRUE(fs::exists(model));
}

class ModelCacheTest : public ::testing::Test {};

TEST_F(ModelCacheTest, LoadsTheCachedModelWhenTheTrainingDataIsUnchanged) {
  fs::path dir = FreshDir("cache");
  EngineOptions o;
  o.resource_dir = kResources;
  o.model_cache = (dir / "cache.model").string();
  ASSERT_TRUE(Engine::Create(o, Vocabulary{}).ok());
  ASSERT_TRUE(fs::exists(o.model_cache));
  ASSERT_TRUE(fs::exists(o.model_cache + ".hash"));
  // Replace the cached model by a marker model; the hash still matches, so
  // Create must load it instead of training.
  std::vector<Example> marker = {{"alpha beta", "marker_intent", ""},
                                 {"gamma delta", "other_marker", ""}};
  auto clf = IntentClassifier::Train(marker, {});
  ASSERT_TRUE(clf.ok());
  ASSERT_TRUE((*clf)->Save(o.model_cache).ok());
  auto cached = Engine::Create(o, Vocabulary{});
  ASSERT_TRUE(cached.ok());
  EXPECT_EQ((*cached)->Analyze("alpha beta", Ctx()).intent, "marker_intent");
}

TEST_F(ModelCacheTest, RetrainsWhenTheTrainingDataChanged) {
  fs::path dir = FreshDir("cache");
  EngineOptions o;
  o.resource_dir = kResources;
  o.model_cache = (dir / "cache.model").string();
  ASSERT_TRUE(Engine::Create(o, Vocabulary{}).ok());
  std::vector<Example> marker = {{"alpha beta", "marker_intent", ""},
                                 {"gamma delta", "other_marker", ""}};
  ASSERT_TRUE((*IntentClassifier::Train(marker, {}))->Save(o.model_cache).ok());
  o.extra_examples = FacilitiesExamples();
  auto fresh = Engine::Create(o, Vocabulary{});
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ((*fresh)->Analyze("the elevator on floor three is leaking", Ctx()).intent,
            "facilities");
  EXPECT_NE((*fresh)->Analyze("alpha beta", Ctx()).intent, "marker_intent");
}

TEST_F(ModelCacheTest, FailsOnAMissingModelFile) {
  EngineOptions o;
  o.resource_dir = kResources;
  o.model_file = (FreshDir("cache") / "absent.model").string();
  EXPECT_FALSE(Engine::Create(o, Vocabulary{}).ok());
}

class EngineHolderTest : public ::testing::Test {};

TEST_F(EngineHolderTest, ConcurrentAnalyzeCallsAllSucceedDuringSwaps) {
  EngineOptions o;
  o.resource_dir = kResources;
  auto a = Engine::Create(o, Vocabulary{});
  o.extra_examples = FacilitiesExamples();
  auto b = Engine::Create(o, Vocabulary{});
  ASSERT_TRUE(a.ok() && b.ok());
  std::shared_ptr<const Engine> ea = std::move(*a), eb = std::move(*b);
  EngineHolder holder(ea);
  constexpr int kReaders = 3, kCalls = 300, kSwaps = 200;
  std::atomic<int> ok{0}, started{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < kReaders; ++r) {
    readers.emplace_back([&] {
      ++started;
      for (int i = 0; i < kCalls; ++i) {
        std::shared_ptr<const Engine> e = holder.Get();
        Analysis an = e->Analyze("i forgot my password", Ctx());
        ok += an.coarse_intent == "password_reset";
      }
    });
  }
  while (started.load() < kReaders) std::this_thread::yield();
  for (int s = 0; s < kSwaps; ++s) holder.Swap(s % 2 ? ea : eb);
  for (auto& t : readers) t.join();
  EXPECT_EQ(ok.load(), kReaders * kCalls);
  EXPECT_EQ(holder.generation(), static_cast<uint64_t>(kSwaps));
}

TEST_F(EngineHolderTest, ASnapshotOutlivesTheSwap) {
  EngineOptions o;
  o.resource_dir = kResources;
  auto a = Engine::Create(o, Vocabulary{});
  ASSERT_TRUE(a.ok());
  EngineHolder holder(std::shared_ptr<const Engine>(std::move(*a)));
  std::shared_ptr<const Engine> snapshot = holder.Get();
  std::shared_ptr<const Engine> old = holder.Swap(nullptr);
  old.reset();
  EXPECT_EQ(snapshot.use_count(), 1);
  EXPECT_EQ(snapshot->Analyze("printer is jammed", Ctx()).coarse_intent, "incident");
}

class NluCliTest : public ::testing::Test {};

TEST_F(NluCliTest, EvalPrintsAccuracyOnATinyDataSet) {
  fs::path dir = FreshDir("cli");
  {
    std::ofstream train(dir / "train.tsv"), test(dir / "test.tsv");
    for (const char* t : {"my printer is jammed", "printer out of paper", "the printer broke",
                          "printer shows an error", "cannot print to the printer"}) {
      train << t << "\tprinter\n";
    }
    for (const char* t : {"reset my password", "forgot my password", "password expired",
                          "change the password", "password does not work"}) {
      train << t << "\tpassword\n";
    }
    test << "the printer is jammed again\tprinter\nplease reset the password\tpassword\n";
  }
  std::string tr = (dir / "train.tsv").string(), te = (dir / "test.tsv").string();
  std::vector<std::string> args = {"eval", "--train", tr, "--test", te};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  ::testing::internal::CaptureStdout();
  int rc = NluMain(static_cast<int>(argv.size()), argv.data());
  std::string out = ::testing::internal::GetCapturedStdout();
  EXPECT_EQ(rc, 0);
  EXPECT_NE(out.find("in-scope acc     100.00%"), std::string::npos) << out;
  EXPECT_NE(out.find("latency p99"), std::string::npos) << out;
}

TEST_F(NluCliTest, EvalFailsOnAMissingFileAndOnBadUsage) {
  std::vector<std::string> args = {"eval", "--train", "/nonexistent/train.tsv", "--test",
                                   "/nonexistent/test.tsv"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(NluMain(static_cast<int>(argv.size()), argv.data()), 1);
  std::vector<std::string> bad = {"frobnicate"};
  std::vector<char*> bargv = {bad[0].data()};
  EXPECT_EQ(NluMain(1, bargv.data()), 2);
  ::testing::internal::GetCapturedStderr();
}

class LatinLanguageTest : public ::testing::Test {
 protected:
  static std::unique_ptr<Engine> Make(std::vector<std::string> languages) {
    std::vector<Example> tiny = {{"hello", "greeting", ""}, {"printer", "printer_problem", ""}};
    fs::path dir = fs::path(::testing::TempDir()) /
                   ("nlu_latin_" + std::to_string(::getpid()) + "_" + languages[0]);
    fs::create_directories(dir);
    std::string model = (dir / "tiny.model").string();
    EXPECT_TRUE((*IntentClassifier::Train(tiny, {}))->Save(model).ok());
    EngineOptions o;
    o.resource_dir = kResources;
    o.model_file = model;  // no training: language id does not need the model
    Vocabulary v;
    v.languages = std::move(languages);
    auto e = Engine::Create(o, v);
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    return e.ok() ? std::move(*e) : nullptr;
  }
};

TEST_F(LatinLanguageTest, PicksAmongTheOrgsLatinLanguagesByFunctionWords) {
  auto e = Make({"fr", "en", "de"});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->DetectLanguage("je ne peux pas imprimer mon document", "").first, "fr");
  EXPECT_EQ(e->DetectLanguage("my printer does not work", "").first, "en");
  EXPECT_EQ(e->DetectLanguage("ich kann mich nicht anmelden", "").first, "de");
  // No function word: the hint (if one of the org's languages) wins, else the default.
  EXPECT_EQ(e->DetectLanguage("outlook kaputt", "de").first, "de");
  EXPECT_EQ(e->DetectLanguage("outlook kaputt", "").first, "fr");
}

TEST_F(LatinLanguageTest, LatinTextIsTheOnlyLatinLanguageOfTheOrg) {
  auto e = Make({"ru", "en"});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->DetectLanguage("je ne peux pas imprimer", "ru").first, "en");
  EXPECT_EQ(e->DetectLanguage("VPN не работает", "en").first, "ru");
  // Too little Latin text to overrule the hint.
  EXPECT_EQ(e->DetectLanguage("ok", "ru").first, "ru");
}

}  // namespace
}  // namespace sa::nlu
