// One bot turn end to end, in-process: Engine::Open + Engine::Message on the
// demo organization (examples/acme.yaml) in an embedded SQLite store in a temp
// dir, wired exactly as `smartassist serve` wires it (app::App). Each
// iteration opens a new conversation and sends one message, so it measures
// the greeting, NLU, knowledge search or slot filling, the transcript writes
// and their transactions (synchronous=FULL commits).
//
//   build/bench/dialogue/dialogue_bench [--benchmark_min_time=2]
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/app.h"
#include "core/ids.h"
#include "itsm/pack.h"

namespace sa {
namespace {

namespace fs = std::filesystem;

// The messages benchmarked, by benchmark argument.
constexpr const char* kTexts[] = {
    "how do I set up the VPN client?",            // knowledge answer
    "my laptop is very slow since this morning",  // incident: starts collecting slots
    "I need a new monitor",                       // catalog request
};

class World {
 public:
  World() {
    dir_ = fs::temp_directory_path() / ("sa-dialogue-bench-" + RandomHex(6));
    fs::create_directories(dir_);
    {
      auto store = store::OpenStore(dir_.string());
      if (!store.ok()) Die("open store: " + store.status().ToString());
      std::ifstream in(std::string(SA_SOURCE_DIR) + "/examples/acme.yaml");
      std::stringstream yaml;
      yaml << in.rdbuf();
      auto clock = NewSystemClock();
      std::vector<std::string> errors;
      auto imported = itsm::ImportPack(**store, *clock, yaml.str(), "bench", "cli", &errors);
      if (!imported.ok()) Die("import: " + imported.status().ToString());
    }
    app::AppOptions options;
    options.data_dir = dir_.string();
    options.resource_dir = std::string(SA_SOURCE_DIR) + "/resources";
    auto app = app::App::Open(options);
    if (!app.ok()) Die("app: " + app.status().ToString());
    app_ = std::move(app).value();
    // Train the organization's models before timing anything.
    auto org = app_->org().Current();
    if (!org.ok()) Die("org: " + org.status().ToString());
  }
  ~World() {
    app_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  dialogue::Engine& engine() { return app_->engine(); }

 private:
  [[noreturn]] static void Die(const std::string& what) {
    std::fprintf(stderr, "dialogue_bench: %s\n", what.c_str());
    std::exit(1);
  }
  fs::path dir_;
  std::unique_ptr<app::App> app_;
};

World& TheWorld() {
  static World* world = new World();  // built once, outside the timings
  return *world;
}

itsm::Actor Integration() {
  itsm::Actor a;
  a.id = "bench-adapter";
  a.role = itsm::Role::kIntegration;
  return a;
}

void BM_BotTurn(benchmark::State& state) {
  dialogue::Engine& engine = TheWorld().engine();
  const itsm::Actor actor = Integration();
  const char* text = kTexts[state.range(0)];
  state.SetLabel(text);
  for (auto _ : state) {
    auto opened = engine.Open(actor, "alice", "api");
    if (!opened.ok()) {
      state.SkipWithError(opened.status().ToString().c_str());
      break;
    }
    auto turn = engine.Message(actor, opened->conversation_id, text, NewUuid());
    if (!turn.ok()) {
      state.SkipWithError(turn.status().ToString().c_str());
      break;
    }
    benchmark::DoNotOptimize(turn->replies);
  }
}
BENCHMARK(BM_BotTurn)->DenseRange(0, 2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The opening alone (greeting, conversation row, transcript), for comparison.
void BM_OpenConversation(benchmark::State& state) {
  dialogue::Engine& engine = TheWorld().engine();
  const itsm::Actor actor = Integration();
  for (auto _ : state) {
    auto opened = engine.Open(actor, "alice", "api");
    if (!opened.ok()) {
      state.SkipWithError(opened.status().ToString().c_str());
      break;
    }
    benchmark::DoNotOptimize(opened->replies);
  }
}
BENCHMARK(BM_OpenConversation)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace sa

BENCHMARK_MAIN();
