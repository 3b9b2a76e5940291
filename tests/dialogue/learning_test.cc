// The learning loop, in-process on a real SQLite store with the real NLU:
// what the bot does not understand lands in the review list; agents'
// reassignments teach the router (data/reassignments.yaml); corrections are
// retrained into a model file that a live OrgContext swaps in while requests
// keep being answered.
#include "dialogue/learning.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/ids.h"
#include "dialogue/dialogue.h"
#include "itsm/pack.h"

namespace sa::dialogue {
namespace {

namespace fs = std::filesystem;

std::string Data(const std::string& name) {
  return std::string(SA_SOURCE_DIR) + "/tests/dialogue/data/" + name;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class LearningTest : public ::testing::Test {
 protected:
  // The built-in model is trained once per suite and cached in this directory.
  static void SetUpTestSuite() {
    cache_dir_ = new std::string(fs::temp_directory_path() / ("sa-learning-cache-" + RandomHex(6)));
    fs::create_directories(*cache_dir_);
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(*cache_dir_, ec);
    delete cache_dir_;
  }

  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sa-learning-" + RandomHex(6));
    fs::create_directories(dir_);
    clock_ = std::make_shared<ManualClock>(*ParseTime("2026-11-23T10:00:00Z"));
    auto store = store::OpenStore(dir_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    std::vector<std::string> errors;
    auto imported = itsm::ImportPack(*store_, *clock_, ReadFile(Data("northwind.yaml")), "test",
                                     "cli", &errors);
    ASSERT_TRUE(imported.ok()) << imported.status().ToString();
    tickets_ = std::make_unique<itsm::TicketService>(*store_, *clock_, itsm::PriorityMatrix(),
                                                     itsm::AccessPolicy{});
    OrgContextOptions org_options;
    org_options.nlu_resource_dir = ResourceDir();
    org_options.nlu_model_cache = *cache_dir_ + "/nlu-cache.bin";
    org_options.nlu_model_file = ModelFile();
    org_ = std::make_unique<OrgContext>(*store_, org_options);
    auto messages = Messages::Embedded();
    ASSERT_TRUE(messages.ok());
    messages_ = std::make_unique<Messages>(std::move(messages).value());
    EngineDeps deps;
    deps.store = store_.get();
    deps.clock = clock_;
    deps.tickets = tickets_.get();
    deps.org = org_.get();
    deps.messages = messages_.get();
    auto engine = NewEngine(std::move(deps));
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    engine_ = std::move(engine).value();
  }

  void TearDown() override {
    engine_.reset();
    org_.reset();
    tickets_.reset();
    store_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  static std::string ResourceDir() { return std::string(SA_SOURCE_DIR) + "/resources/nlu"; }
  std::string ModelFile() const { return (dir_ / "nlu-model.bin").string(); }

  std::shared_ptr<const OrgSnapshot> Snapshot() {
    auto snap = org_->Current();
    EXPECT_TRUE(snap.ok()) << snap.status().ToString();
    return snap.ok() ? *snap : nullptr;
  }

  static itsm::Actor Actor(const std::string& id, itsm::Role role) {
    itsm::Actor a;
    a.id = id;
    a.role = role;
    return a;
  }

  std::vector<store::TrainingExample> Examples(const std::string& kind) {
    std::vector<store::TrainingExample> out;
    EXPECT_TRUE(store_
                    ->Transact([&](store::Tx& tx) -> Status {
                      SA_ASSIGN_OR_RETURN(out, tx.learning().List(kind, 1000));
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  void AddIntentExample(const std::string& text, const std::string& intent) {
    store::TrainingExample e;
    e.kind = kIntentKind;
    e.text = text;
    e.label = intent;
    e.language = "en";
    e.source = "correction:test";
    e.at = clock_->Now();
    ASSERT_TRUE(
        store_->Transact([&](store::Tx& tx) { return tx.learning().Add(e).status(); }).ok());
  }

  static std::string* cache_dir_;
  fs::path dir_;
  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<itsm::TicketService> tickets_;
  std::unique_ptr<OrgContext> org_;
  std::unique_ptr<Messages> messages_;
  std::unique_ptr<Engine> engine_;
};

std::string* LearningTest::cache_dir_ = nullptr;

TEST_F(LearningTest, AMessageTheBotDoesNotUnderstandLandsInTheReviewList) {
  itsm::Actor adapter = Actor("test-adapter", itsm::Role::kIntegration);
  auto opened = engine_->Open(adapter, "nina", "api");
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  const std::string id = opened->conversation_id;
  auto turn = engine_->Message(adapter, id, "qwzx vlorp fnargle", NewUuid());
  ASSERT_TRUE(turn.ok()) << turn.status().ToString();
  ASSERT_EQ(turn->state.value("intent", ""), "out_of_scope") << turn->state.dump();

  auto review = Examples(kUnlabelled);
  ASSERT_EQ(review.size(), 1u);
  EXPECT_EQ(review[0].text, "qwzx vlorp fnargle");
  EXPECT_EQ(review[0].source, id);
  EXPECT_EQ(review[0].language, "en");
  EXPECT_TRUE(review[0].label.empty());

  // Not understood twice: handed off, and both messages await review.
  turn = engine_->Message(adapter, id, "zzkrt blomp", NewUuid());
  ASSERT_TRUE(turn.ok());
  EXPECT_EQ(turn->state.value("status", ""), "handed_off");
  EXPECT_EQ(Examples(kUnlabelled).size(), 2u);
}

TEST_F(LearningTest, AMessageTheBotUnderstandsIsNotKeptForReview) {
  itsm::Actor adapter = Actor("test-adapter", itsm::Role::kIntegration);
  auto opened = engine_->Open(adapter, "nina", "api");
  ASSERT_TRUE(opened.ok());
  auto turn = engine_->Message(adapter, opened->conversation_id, "thank you!", NewUuid());
  ASSERT_TRUE(turn.ok());
  EXPECT_TRUE(Examples(kUnlabelled).empty());
}

TEST_F(LearningTest, ReassignedTicketsTeachTheRouterWithoutAnOrgChange) {
  YAML::Node cases = YAML::LoadFile(Data("reassignments.yaml"));
  ASSERT_GT(cases.size(), 0u);
  itsm::Actor bot = Actor("bot", itsm::Role::kAdmin);
  itsm::Actor agent = Actor("ada", itsm::Role::kAdmin);

  auto before = Snapshot();
  ASSERT_NE(before, nullptr);
  ASSERT_NE(before->router, nullptr);
  for (const auto& c : cases) {
    const std::string to = c["to"].as<std::string>();
    for (const auto& probe : c["probes"]) {
      routing::RouteInput in;
      in.text = probe.as<std::string>();
      ASSERT_NE(before->router->Route(in).team, to)
          << c["name"].as<std::string>() << ": already routed there before any reassignment";
    }
  }
  for (const auto& c : cases) {
    for (const auto& text : c["tickets"]) {
      itsm::NewTicket t;
      t.title = text.as<std::string>();
      t.description = t.title;
      t.team = c["from"].as<std::string>();
      t.requester = "nina";
      auto created = tickets_->Create(bot, t);
      ASSERT_TRUE(created.ok()) << created.status().ToString();
      itsm::TicketPatch patch;
      patch.team = c["to"].as<std::string>();
      patch.reason = "not ours";
      auto updated = tickets_->Update(agent, created->id, patch);
      ASSERT_TRUE(updated.ok()) << updated.status().ToString();
    }
  }

  auto after = Snapshot();
  ASSERT_NE(after, nullptr);
  EXPECT_EQ(after->version, before->version) << "the organization did not change";
  EXPECT_EQ(after->nlu, before->nlu) << "only the router is rebuilt";
  EXPECT_GT(after->learning_generation, before->learning_generation);
  for (const auto& c : cases) {
    for (const auto& probe : c["probes"]) {
      routing::RouteInput in;
      in.text = probe.as<std::string>();
      routing::RouteDecision d = after->router->Route(in);
      EXPECT_EQ(d.team, c["to"].as<std::string>())
          << c["name"].as<std::string>() << ": \"" << in.text << "\" (" << d.reason << ")";
      EXPECT_EQ(d.method, "classifier") << in.text;
    }
  }
}

TEST_F(LearningTest, RetrainedCorrectionsAreSwappedIntoALiveEngineWithoutFailingARequest) {
  // Jargon the built-in model cannot know, corrected by agents to printer_problem.
  const std::vector<std::string> corrections = {
      "the glorbix on floor 2 is flashing red",
      "glorbix ate my pages again",
      "my glorbix jammed",
      "the glorbix in the ward office will not feed",
      "glorbix shows a blinking light and does nothing",
      "nothing comes out of the glorbix",
      "glorbix is stuck halfway through my document",
      "the big glorbix near reception is broken",
      "glorbix keeps eating the paper",
      "our glorbix stopped working this morning",
  };
  for (const auto& text : corrections) AddIntentExample(text, "printer_problem");
  const std::string probe = "the glorbix near the nurses station is flashing red again";
  nlu::AnalyzeContext ctx;
  ctx.now = clock_->Now();

  auto before = Snapshot();
  ASSERT_NE(before, nullptr);
  ASSERT_NE(before->nlu->Analyze(probe, ctx).intent, "printer_problem")
      << "the built-in model already knows; the test proves nothing";
  EXPECT_TRUE(before->model_stamp.empty());

  // Readers keep asking while the model is retrained and swapped.
  std::atomic<bool> stop{false};
  std::atomic<int> calls{0}, failures{0};
  std::vector<std::thread> readers;
  for (int i = 0; i < 3; ++i) {
    readers.emplace_back([&] {
      while (!stop) {
        auto snap = org_->Current();
        if (!snap.ok() || *snap == nullptr || (*snap)->nlu == nullptr) {
          ++failures;
          continue;
        }
        nlu::Analysis a = (*snap)->nlu->Analyze(probe, ctx);
        if (a.intent.empty()) ++failures;
        ++calls;
      }
    });
  }

  nlu::RetrainOptions options;
  options.resource_dir = ResourceDir();
  options.model_path = ModelFile();
  options.builtin_tests = std::string(SA_SOURCE_DIR) + "/tests/nlu/intents.tsv";
  auto report = RetrainFromStore(*store_, options);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->accepted) << report->reason;
  EXPECT_EQ(report->extra_trained + report->extra_held_out, corrections.size());
  ASSERT_TRUE(fs::exists(ModelFile()));

  auto after = Snapshot();
  ASSERT_NE(after, nullptr);
  while (calls < 20 && failures == 0) std::this_thread::yield();  // readers saw the swap too
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_GT(calls, 0);

  EXPECT_FALSE(after->model_stamp.empty()) << "the new model file was not picked up";
  EXPECT_NE(after->nlu, before->nlu);
  EXPECT_EQ(after->version, before->version);
  EXPECT_EQ(after->nlu->Analyze(probe, ctx).intent, "printer_problem");
  // A request that took the old snapshot finishes on the old engine.
  EXPECT_NE(before->nlu->Analyze(probe, ctx).intent, "printer_problem");
  // And the bot itself now understands the jargon.
  itsm::Actor adapter = Actor("test-adapter", itsm::Role::kIntegration);
  auto opened = engine_->Open(adapter, "nina", "api");
  ASSERT_TRUE(opened.ok());
  auto turn = engine_->Message(adapter, opened->conversation_id, probe, NewUuid());
  ASSERT_TRUE(turn.ok());
  EXPECT_EQ(turn->state.value("intent", ""), "incident") << turn->state.dump();
}

TEST_F(LearningTest, RetrainJobSkipsWhenThereIsNothingNewToLearn) {
  nlu::RetrainOptions options;
  options.resource_dir = ResourceDir();
  options.model_path = ModelFile();
  int reports = 0;
  RetrainJob job(*store_, options, std::chrono::seconds(0),
                 [&](const Result<nlu::RetrainReport>&) { ++reports; });
  EXPECT_FALSE(job.RunOnce()) << "no intent examples yet";
  EXPECT_EQ(reports, 0);
  EXPECT_FALSE(fs::exists(ModelFile()));
}

TEST_F(LearningTest, ServiceCorrectionsTeachTheLiveEngineWhichServiceIsMeant) {
  const char* probe = "the claims thingy rejects every submission";
  nlu::AnalyzeContext ctx;
  EXPECT_EQ(Snapshot()->nlu->Analyze(probe, ctx).Find(nlu::kService), nullptr);
  store::TrainingExample e;
  e.kind = kServiceKind;
  e.text = "claims thingy rejects my submission";
  e.label = "billing";
  e.language = "en";
  e.source = "correction:test";
  e.at = clock_->Now();
  ASSERT_TRUE(
      store_->Transact([&](store::Tx& tx) { return tx.learning().Add(e).status(); }).ok());
  const nlu::Entity* service = Snapshot()->nlu->Analyze(probe, ctx).Find(nlu::kService);
  ASSERT_NE(service, nullptr);
  EXPECT_EQ(service->value, "billing");
}

}  // namespace
}  // namespace sa::dialogue
