// Why API tokens are checked with a fast hash: verifying a 256-bit random
// token (SHA-256 of the secret, one indexed lookup in the store, expiry and
// revocation checks) against checking an argon2id password hash, which is
// deliberately slow and memory-hard (right for low-entropy passwords, a
// per-request tax for tokens).
//
//   build/bench/dialogue/auth_bench
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/ids.h"
#include "http/tokens.h"
#include "itsm/pack.h"

namespace sa {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "auth_bench: %s\n", what.c_str());
  std::exit(1);
}

struct World {
  World() {
    dir = fs::temp_directory_path() / ("sa-auth-bench-" + RandomHex(6));
    fs::create_directories(dir);
    auto opened = store::OpenStore(dir.string());
    if (!opened.ok()) Die("open store: " + opened.status().ToString());
    store = std::move(opened).value();
    clock = NewSystemClock();
    std::ifstream in(std::string(SA_SOURCE_DIR) + "/examples/acme.yaml");
    std::stringstream yaml;
    yaml << in.rdbuf();
    std::vector<std::string> errors;
    auto imported = itsm::ImportPack(*store, *clock, yaml.str(), "bench", "cli", &errors);
    if (!imported.ok()) Die("import: " + imported.status().ToString());
    // Other tokens in the table, so the lookup is an index lookup among many.
    for (int i = 0; i < 1000; ++i) {
      if (!http::CreateToken(*store, *clock, "t" + std::to_string(i), "integration", "",
                             std::nullopt)
               .ok()) {
        Die("token create");
      }
    }
    auto created = http::CreateToken(*store, *clock, "bench", "agent", "franck", std::nullopt);
    if (!created.ok()) Die("token: " + created.status().ToString());
    token = *created;
    auto hashed = http::HashPassword("correct horse battery staple");
    if (!hashed.ok()) Die("argon2: " + hashed.status().ToString());
    password_hash = *hashed;
  }
  ~World() {
    store.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  fs::path dir;
  std::unique_ptr<store::Store> store;
  std::shared_ptr<Clock> clock;
  std::string token, password_hash;
};

World& TheWorld() {
  static World* world = new World();
  return *world;
}

// The whole check the server does on every token-authenticated request.
void BM_VerifyToken(benchmark::State& state) {
  World& w = TheWorld();
  for (auto _ : state) {
    auto verified = http::VerifyToken(*w.store, *w.clock, w.token);
    if (!verified.ok()) {
      state.SkipWithError(verified.status().ToString().c_str());
      break;
    }
    benchmark::DoNotOptimize(verified->id);
  }
}
BENCHMARK(BM_VerifyToken)->Unit(benchmark::kMicrosecond);

// Only the hash part of it.
void BM_Sha256OfToken(benchmark::State& state) {
  const std::string token = TheWorld().token;
  for (auto _ : state) benchmark::DoNotOptimize(Sha256Hex(token));
}
BENCHMARK(BM_Sha256OfToken)->Unit(benchmark::kMicrosecond);

// One argon2id check with the parameters passwords are stored with.
void BM_Argon2idCheck(benchmark::State& state) {
  World& w = TheWorld();
  for (auto _ : state) {
    bool ok = http::CheckPassword(w.password_hash, "correct horse battery staple");
    if (!ok) {
      state.SkipWithError("argon2 check failed");
      break;
    }
    benchmark::DoNotOptimize(ok);
  }
}
BENCHMARK(BM_Argon2idCheck)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sa

BENCHMARK_MAIN();
