// Ticket creation and listing through the repositories, without HTTP:
//
//   build/bench/store/store_bench                      # SQLite in a temp dir
//   SA_BENCH_PG=postgresql://postgres@127.0.0.1:5432/sabench build/bench/store/store_bench
//   SA_BENCH_TICKETS=1000000 build/bench/store/store_bench --benchmark_filter=List
//
// BM_CreateTicket/threads:N runs what itsm's ticket creation does in the store
// (org version, requester read, counter, insert, audit-event chain) as one
// Transact per ticket from N threads; on SQLite concurrent transactions share
// a commit (group commit), so the rate grows with N although every Transact
// returns only after its own durable commit. BM_List* read one page of 50
// newest-first tickets plus the filter's total, as GET /api/v1/tickets does,
// from a store seeded with SA_BENCH_TICKETS tickets (default 100,000;
// seeding goes through the repositories in transactions of 10,000).
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "core/clock.h"
#include "core/ids.h"
#include "store/store.h"

namespace sa {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "store_bench: %s\n", what.c_str());
  std::exit(1);
}

const char* const kTeams[] = {"service-desk", "identity", "network", "workplace",
                              "erp",          "messaging", "infra"};
const char* const kStatuses[] = {"closed", "closed", "closed", "closed", "resolved", "resolved",
                                 "resolved", "new", "assigned", "in_progress"};

std::atomic<int64_t> g_next_id{0};

// Creates one ticket the way itsm::TicketService::Create uses the store.
Status CreateTicket(store::Store& store, int64_t n, TimePoint at) {
  return store.Transact([&](store::Tx& tx) -> Status {
    SA_ASSIGN_OR_RETURN(int64_t version, tx.org().Version());
    (void)version;
    SA_ASSIGN_OR_RETURN(auto requester, tx.org().GetUser("alice"));
    (void)requester;
    SA_ASSIGN_OR_RETURN(int64_t number, tx.tickets().NextNumber("BENCH"));
    model::Ticket t;
    char id[32];
    std::snprintf(id, sizeof(id), "BEN-%08lld", static_cast<long long>(number));
    t.id = id;
    t.title = "Printer jams on floor 2";
    t.requester = "emp" + std::to_string(n % 20000);
    t.team = kTeams[n % 7];
    t.status = *model::ParseTicketStatus(kStatuses[n % 10]);
    t.created = t.updated = at;
    SA_RETURN_IF_ERROR(tx.tickets().Insert(t));
    SA_ASSIGN_OR_RETURN(auto last, tx.events().Last());
    model::Event e;
    e.seq = last ? last->seq + 1 : 1;
    e.at = at;
    e.actor = "bench";
    e.entity = "ticket";
    e.entity_id = t.id;
    e.action = "created";
    e.prev_hash = last ? last->hash : "";
    e.hash = Sha256Hex(t.id + e.prev_hash);
    return tx.events().Append(e);
  });
}

struct World {
  std::unique_ptr<store::Store> store;
  fs::path dir;
  int64_t tickets = 0;
};

World& TheWorld() {
  static World* world = [] {
    auto* w = new World;
    const char* pg = std::getenv("SA_BENCH_PG");
    std::string location;
    if (pg != nullptr && *pg != '\0') {
      location = pg;
    } else {
      w->dir = fs::temp_directory_path() / ("sa-store-bench-" + RandomHex(6));
      location = w->dir.string();
    }
    auto opened = store::OpenStore(location);
    if (!opened.ok()) Die("open store: " + opened.status().ToString());
    if (!w->dir.empty()) {
      std::atexit([] {
        std::error_code ec;
        fs::remove_all(TheWorld().dir, ec);
      });
    }
    w->store = std::move(opened).value();
    std::fprintf(stderr, "store_bench: backend %s\n", w->store->Backend().c_str());
    return w;
  }();
  return *world;
}

// Seeds the store with `count` tickets (once), in big transactions.
void Seed(World& w, int64_t count) {
  static std::once_flag once;
  std::call_once(once, [&] {
    model::TicketFilter all;
    int64_t have = 0;
    (void)w.store->Transact([&](store::Tx& tx) -> Status {
      SA_ASSIGN_OR_RETURN(have, tx.tickets().Count(all));
      return Status::Ok();
    });
    TimePoint base = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) -
                     std::chrono::hours(24 * 365 * 3);
    for (int64_t done = have; done < count;) {
      int64_t until = std::min(count, done + 10000);
      Status st = w.store->Transact([&](store::Tx& tx) -> Status {
        for (int64_t n = done; n < until; ++n) {
          model::Ticket t;
          char id[32];
          std::snprintf(id, sizeof(id), "SEED-%08lld", static_cast<long long>(n));
          t.id = id;
          t.title = "Seeded ticket";
          t.requester = "emp" + std::to_string((n * 7919) % 20000);
          t.team = kTeams[(n * 31) % 7];
          t.status = *model::ParseTicketStatus(kStatuses[(n * 13) % 10]);
          t.created = t.updated = base + std::chrono::seconds(n * 90);
          SA_RETURN_IF_ERROR(tx.tickets().Insert(t));
        }
        return Status::Ok();
      });
      if (!st.ok()) Die("seed: " + st.ToString());
      done = until;
    }
    w.tickets = count;
  });
}

void BM_CreateTicket(benchmark::State& state) {
  World& w = TheWorld();
  TimePoint at = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  for (auto _ : state) {
    Status st = CreateTicket(*w.store, g_next_id.fetch_add(1), at);
    if (!st.ok()) state.SkipWithError(st.ToString().c_str());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CreateTicket)->Threads(1)->Threads(4)->Threads(16)->UseRealTime();

void ListPage(benchmark::State& state, const model::TicketFilter& filter) {
  World& w = TheWorld();
  const char* env = std::getenv("SA_BENCH_TICKETS");
  Seed(w, env ? std::atoll(env) : 100000);
  for (auto _ : state) {
    std::vector<model::Ticket> page;
    int64_t total = 0;
    Status st = w.store->Transact([&](store::Tx& tx) -> Status {
      SA_ASSIGN_OR_RETURN(page, tx.tickets().List(filter));
      SA_ASSIGN_OR_RETURN(total, tx.tickets().Count(filter));
      return Status::Ok();
    });
    if (!st.ok() || page.empty()) state.SkipWithError(st.ok() ? "empty page" : st.ToString().c_str());
    benchmark::DoNotOptimize(total);
  }
  state.counters["tickets"] = static_cast<double>(w.tickets);
}

void BM_ListDefault(benchmark::State& state) {
  model::TicketFilter f;
  f.limit = 50;
  ListPage(state, f);
}
void BM_ListByStatus(benchmark::State& state) {
  model::TicketFilter f;
  f.limit = 50;
  f.status = model::TicketStatus::kAssigned;
  ListPage(state, f);
}
void BM_ListByTeam(benchmark::State& state) {
  model::TicketFilter f;
  f.limit = 50;
  f.teams = {"network"};
  ListPage(state, f);
}
void BM_ListByRequester(benchmark::State& state) {
  model::TicketFilter f;
  f.limit = 50;
  f.requester = "emp42";
  ListPage(state, f);
}
BENCHMARK(BM_ListDefault)->UseRealTime();
BENCHMARK(BM_ListByStatus)->UseRealTime();
BENCHMARK(BM_ListByTeam)->UseRealTime();
BENCHMARK(BM_ListByRequester)->UseRealTime();

}  // namespace
}  // namespace sa

BENCHMARK_MAIN();
