// smartassist: the command line (shared/API-CONTRACT.md): serve, import,
// token create, chat, plus nlu / kb evaluation and audit verification.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "app/app.h"
#include "dialogue/learning.h"
#include "channels/terminal.h"
#include "http/server.h"
#include "http/tokens.h"
#include "itsm/audit.h"
#include "itsm/pack.h"
#include "knowledge/cli.h"
#include "nlu/cli.h"

namespace sa::app {
namespace {

constexpr const char* kUsage = R"(usage: smartassist COMMAND [OPTIONS]

  serve   [--data DIR] [--db postgresql://...] [--listen HOST:PORT] [--static DIR]
          [--smtp HOST:PORT --mail-from ADDR] [--ldap-uri URI --ldap-bind-dn DN
          --ldap-password-file FILE] [--access-log FILE|stderr|off]
          [--threads N] [--rate-limits on|off]   (off: for load benchmarks only)
          [--retrain-every 6h]   (retrain the intent model from corrections; 0 = off)
  import  PACK.yaml [--data DIR] [--db URL]
  token   create --name NAME --role integration|agent|admin|user [--user ID]
          [--expires-days N] [--data DIR] [--db URL]
  password set --user ID [--data DIR] [--db URL]     (reads the password from stdin)
  chat    --user ID [--data DIR] [--db URL]
  audit   verify [--data DIR] [--db URL]
  nlu     eval --train FILE --test FILE [--format clinc|banking]
  nlu     retrain [--data DIR] [--db URL] [--tests FILE] [--tolerance X]
          (from the stored corrections; writes <data>/nlu-model.bin only if not worse)
  kb      eval --articles FILE --queries FILE
)";

// --name value pairs and positional arguments.
struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;
  std::string error;

  std::string Get(const std::string& name, const std::string& fallback = "") const {
    auto it = options.find(name);
    return it == options.end() ? fallback : it->second;
  }
};

Args Parse(int argc, char** argv, int from, const std::vector<std::string>& flags) {
  Args a;
  for (int i = from; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--", 0) == 0) {
      std::string name = arg.substr(2);
      if (auto eq = name.find('='); eq != std::string::npos) {
        a.options[name.substr(0, eq)] = name.substr(eq + 1);
      } else if (std::find(flags.begin(), flags.end(), name) != flags.end()) {
        a.options[name] = "true";
      } else if (i + 1 < argc) {
        a.options[name] = argv[++i];
      } else {
        a.error = "option --" + name + " needs a value";
      }
    } else {
      a.positional.push_back(arg);
    }
  }
  return a;
}

int Fail(const std::string& message) {
  std::cerr << "smartassist: " << message << "\n";
  return 1;
}

AppOptions OptionsFrom(const Args& a) {
  AppOptions o;
  o.data_dir = a.Get("data", "./data");
  o.db_url = a.Get("db");
  o.resource_dir = a.Get("resources");
  std::string smtp = a.Get("smtp");
  if (!smtp.empty()) {
    auto colon = smtp.rfind(':');
    o.smtp_host = smtp.substr(0, colon);
    if (colon != std::string::npos) o.smtp_port = std::atoi(smtp.c_str() + colon + 1);
  }
  o.mail_from = a.Get("mail-from", o.mail_from);
  o.ldap_uri = a.Get("ldap-uri");
  o.ldap_bind_dn = a.Get("ldap-bind-dn");
  if (std::string file = a.Get("ldap-password-file"); !file.empty()) {
    std::ifstream in(file);
    std::getline(in, o.ldap_bind_password);
  }
  o.agents_edit_any_team = a.Get("agents-edit-any-team") == "true";
  return o;
}

std::unique_ptr<store::Store> OpenStoreOrDie(const Args& a) {
  std::string location = a.Get("db").empty() ? a.Get("data", "./data") : a.Get("db");
  auto store = store::OpenStore(location);
  if (!store.ok()) {
    Fail("cannot open the database at " + location + ": " + store.status().message());
    std::exit(1);
  }
  return std::move(store).value();
}

int CmdImport(const Args& a) {
  if (a.positional.size() != 1) return Fail("import needs exactly one PACK.yaml");
  std::ifstream in(a.positional[0], std::ios::binary);
  if (!in) return Fail("cannot read " + a.positional[0]);
  std::stringstream text;
  text << in.rdbuf();
  auto store = OpenStoreOrDie(a);
  auto clock = NewSystemClock();
  std::vector<std::string> errors;
  auto summary = itsm::ImportPack(*store, *clock, text.str(), "cli", "cli", &errors);
  if (!summary.ok()) {
    std::cerr << a.positional[0] << ": the pack was rejected, nothing was imported:\n";
    for (const auto& e : errors) std::cerr << "  " << e << "\n";
    if (errors.empty()) std::cerr << "  " << summary.status().message() << "\n";
    return 1;
  }
  std::cout << summary->ToString() << "\n";
  return 0;
}

int CmdToken(const Args& a) {
  if (a.positional.empty() || a.positional[0] != "create") return Fail("usage: token create ...");
  if (a.Get("name").empty() || a.Get("role").empty())
    return Fail("token create needs --name and --role");
  std::optional<TimePoint> expires;
  auto clock = NewSystemClock();
  if (std::string days = a.Get("expires-days"); !days.empty()) {
    expires = clock->Now() + std::chrono::hours(24 * std::atoi(days.c_str()));
  }
  auto store = OpenStoreOrDie(a);
  auto token =
      http::CreateToken(*store, *clock, a.Get("name"), a.Get("role"), a.Get("user"), expires);
  if (!token.ok()) return Fail(token.status().message());
  std::cout << "token for " << a.Get("role") << " \"" << a.Get("name")
            << "\" (shown once; store it safely):\n"
            << *token << "\n";
  return 0;
}

int CmdPassword(const Args& a) {
  if (a.positional.empty() || a.positional[0] != "set" || a.Get("user").empty()) {
    return Fail("usage: password set --user ID  (password on stdin)");
  }
  std::string password;
  std::getline(std::cin, password);
  auto store = OpenStoreOrDie(a);
  auto clock = NewSystemClock();
  Status st = http::SetPassword(*store, *clock, a.Get("user"), password, "cli", "cli");
  if (!st.ok()) return Fail(st.message());
  std::cout << "password set for " << a.Get("user") << "\n";
  return 0;
}

int CmdAudit(const Args& a) {
  if (a.positional.empty() || a.positional[0] != "verify") return Fail("usage: audit verify");
  auto store = OpenStoreOrDie(a);
  auto report = itsm::VerifyChain(*store);
  if (!report.ok()) return Fail(report.status().message());
  if (!report->ok) {
    std::cout << "audit chain BROKEN at event " << report->first_bad_seq << ": " << report->problem
              << " (" << report->events << " events checked)\n";
    return 2;
  }
  std::cout << "audit chain ok: " << report->events << " events verified\n";
  return 0;
}

int CmdChat(const Args& a) {
  if (a.Get("user").empty()) return Fail("chat needs --user ID");
  auto app = App::Open(OptionsFrom(a));
  if (!app.ok()) return Fail(app.status().message());
  return channels::RunTerminalChat((*app)->engine(), a.Get("user"), std::cin, std::cout);
}

// "6h", "30m", "90s", "1d" or plain seconds; nullopt when malformed.
std::optional<std::chrono::seconds> ParseInterval(const std::string& text) {
  if (text.empty()) return std::nullopt;
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 9 || text.size() > digits + 1) return std::nullopt;
  long long n = std::stoll(text.substr(0, digits));
  char unit = digits < text.size() ? text[digits] : 's';
  switch (unit) {
    case 's': return std::chrono::seconds(n);
    case 'm': return std::chrono::seconds(n * 60);
    case 'h': return std::chrono::seconds(n * 3600);
    case 'd': return std::chrono::seconds(n * 86400);
    default: return std::nullopt;
  }
}

void PrintRetrainReport(const nlu::RetrainReport& r, std::ostream& out) {
  char line[256];
  std::snprintf(line, sizeof(line),
                "old model: held-out corrections %.2f%%, built-in tests %.2f%%\n"
                "new model: held-out corrections %.2f%%, built-in tests %.2f%%\n",
                100 * r.old_heldout_accuracy, 100 * r.old_builtin_accuracy,
                100 * r.new_heldout_accuracy, 100 * r.new_builtin_accuracy);
  out << r.reason << "\n"
      << "corrections trained on " << r.extra_trained << ", held out " << r.extra_held_out
      << ", built-in tests " << r.builtin_tests << ", training " << r.training_seconds << " s\n"
      << line;
}

int CmdNluRetrain(const Args& a) {
  AppOptions app_options = OptionsFrom(a);
  auto options = RetrainOptionsFor(app_options);
  if (!options.ok()) return Fail(options.status().message());
  options->builtin_tests = a.Get("tests", options->builtin_tests);
  options->tolerance = std::atof(a.Get("tolerance", "0").c_str());
  auto store = OpenStoreOrDie(a);
  auto report = dialogue::RetrainFromStore(*store, *options);
  if (!report.ok()) return Fail("retrain failed: " + report.status().message());
  PrintRetrainReport(*report, std::cout);
  std::cout << (report->accepted ? "wrote " + options->model_path
                                 : "kept the current model (" + options->model_path + ")")
            << "\n";
  return report->accepted ? 0 : 3;
}

http::Server* g_server = nullptr;

void OnSignal(int) {
  if (g_server != nullptr) g_server->Stop();
}

int CmdServe(const Args& a) {
  auto app = App::Open(OptionsFrom(a));
  if (!app.ok()) return Fail(app.status().message());
  // Build the organization's models before taking traffic.
  auto org = (*app)->org().Current();
  if (!org.ok()) return Fail("cannot load the organization: " + org.status().message());
  http::ServerOptions options;
  options.listen = a.Get("listen", "127.0.0.1:8080");
  options.static_dir = a.Get("static");
  options.access_log = a.Get("access-log", "stderr");
  // Handlers block on the store (a commit waits for its fsync), so more
  // threads than cores keep the CPUs busy and let the SQLite store merge
  // concurrent commits (group commit): at least 8, else 4 per core
  // (docs/PERFORMANCE.md: 4 threads gave ~1,500-2,000 creations/s, 8 gave
  // 2,100-3,100/s and a lower p99 for the bot on 2 cores).
  options.threads = std::max(8, 4 * static_cast<int>(std::thread::hardware_concurrency()));
  if (std::string threads = a.Get("threads"); !threads.empty()) {
    options.threads = std::atoi(threads.c_str());
    if (options.threads < 1) return Fail("--threads needs a positive number");
  }
  if (std::string limits = a.Get("rate-limits", "on"); limits == "off") {
    options.per_token = options.per_integration_token = options.login_per_ip = http::RateLimit{};
  } else if (limits != "on") {
    return Fail("--rate-limits is on or off");
  }
  http::ServerDeps deps{(*app)->store(), *(*app)->clock(), (*app)->tickets(), &(*app)->engine()};
  deps.totp = (*app)->totp();
  // The knowledge API searches the bot's own index (rebuilt when an article is saved).
  dialogue::OrgContext* org_context = &(*app)->org();
  deps.knowledge_index =
      [org_context]() -> Result<std::shared_ptr<const knowledge::KnowledgeIndex>> {
    SA_ASSIGN_OR_RETURN(std::shared_ptr<const dialogue::OrgSnapshot> snapshot,
                        org_context->Current());
    return snapshot->kb;
  };
  // Admins retrain the intent model on demand (POST /api/v1/nlu/retrain); an
  // accepted model is swapped in before the request returns.
  if (auto retrain_options = RetrainOptionsFor(OptionsFrom(a)); retrain_options.ok()) {
    deps.nlu_model_file = retrain_options->model_path;
    deps.nlu_retrain = [store = &(*app)->store(), clock = (*app)->clock(), org_context,
                        base = *retrain_options]() -> Result<nlu::RetrainReport> {
      nlu::RetrainOptions o = base;
      o.now = clock->Now();
      SA_ASSIGN_OR_RETURN(nlu::RetrainReport report, dialogue::RetrainFromStore(*store, o));
      if (report.accepted) SA_RETURN_IF_ERROR(org_context->Current().status());
      return report;
    };
  }
  auto server = http::Server::Start(options, deps);
  if (!server.ok()) return Fail(server.status().message());
  g_server = server->get();
  // The learning loop: retrain from agents' corrections now and then; the
  // organization context reloads the model file when it changes.
  auto every = ParseInterval(a.Get("retrain-every", "6h"));
  if (!every) return Fail("--retrain-every: expected e.g. 6h, 30m, 1d or 0");
  std::unique_ptr<dialogue::RetrainJob> retrain;
  if (every->count() > 0) {
    auto retrain_options = RetrainOptionsFor(OptionsFrom(a));
    if (!retrain_options.ok()) return Fail(retrain_options.status().message());
    retrain = std::make_unique<dialogue::RetrainJob>(
        (*app)->store(), *retrain_options, *every,
        [](const Result<nlu::RetrainReport>& r) {
          if (r.ok()) {
            std::cerr << "nlu retrain: " << r->reason << std::endl;
          } else {
            std::cerr << "nlu retrain failed: " << r.status().message() << std::endl;
          }
        });
    retrain->Start();
  }
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  std::cout << "smartassist listening on " << (*server)->Url()
            << " (database: " << (*app)->store().Backend() << ", organization: "
            << ((*org)->pack.organization.name.empty() ? "none imported yet"
                                                       : (*org)->pack.organization.name)
            << ")" << std::endl;
  (*server)->Wait();
  g_server = nullptr;
  if (retrain) retrain->Stop();
  return 0;
}

}  // namespace
}  // namespace sa::app

int main(int argc, char** argv) {
  using namespace sa::app;
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "help") {
    std::cout << kUsage;
    return argc < 2 ? 1 : 0;
  }
  const std::string cmd = argv[1];
  if (cmd == "nlu" && argc > 2 && std::string(argv[2]) == "retrain") {
    // From the store (--data/--db); `--examples FILE --model OUT` is nlu's own file-based form.
    Args args = Parse(argc, argv, 3, {});
    if (!args.error.empty()) return Fail(args.error);
    if (args.options.count("examples") == 0) return CmdNluRetrain(args);
  }
  if (cmd == "nlu") return sa::nlu::NluMain(argc - 2, argv + 2);
  if (cmd == "kb") return sa::knowledge::KbMain(argc - 2, argv + 2);
  Args args = Parse(argc, argv, 2, {"agents-edit-any-team"});
  if (!args.error.empty()) return Fail(args.error);
  if (cmd == "serve") return CmdServe(args);
  if (cmd == "import") return CmdImport(args);
  if (cmd == "token") return CmdToken(args);
  if (cmd == "password") return CmdPassword(args);
  if (cmd == "chat") return CmdChat(args);
  if (cmd == "audit") return CmdAudit(args);
  std::cerr << "smartassist: unknown command \"" << cmd << "\"\n" << kUsage;
  return 1;
}
