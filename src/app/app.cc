#include "app/app.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "app/spool_mailer.h"

namespace sa::app {
namespace fs = std::filesystem;

std::string FindResources() {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("SMARTASSIST_RESOURCES")) candidates.emplace_back(env);
  candidates.emplace_back("resources");
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.root_path();
         dir = dir.parent_path()) {
      candidates.push_back(dir / "resources");
      candidates.push_back(dir / "share/smartassist/resources");
    }
  }
  for (const auto& c : candidates) {
    if (fs::is_directory(c / "nlu", ec)) return fs::absolute(c, ec).string();
  }
  return "";
}

std::string ModelFile(const AppOptions& options) { return options.data_dir + "/nlu-model.bin"; }

Result<nlu::RetrainOptions> RetrainOptionsFor(const AppOptions& options) {
  std::string resources = options.resource_dir.empty() ? FindResources() : options.resource_dir;
  if (resources.empty()) {
    return FailedPrecondition(
        "cannot find the resources/ directory (NLU training data); set SMARTASSIST_RESOURCES");
  }
  nlu::RetrainOptions o;
  o.resource_dir = resources + "/nlu";
  o.model_path = ModelFile(options);
  std::error_code ec;
  fs::path tests = fs::path(resources).parent_path() / "tests/nlu/intents.tsv";
  if (fs::is_regular_file(tests, ec)) o.builtin_tests = tests.string();
  return o;
}

Result<std::unique_ptr<App>> App::Open(const AppOptions& options) {
  std::unique_ptr<App> app(new App());
  app->clock_ = NewSystemClock();
  const std::string location = options.db_url.empty() ? options.data_dir : options.db_url;
  SA_ASSIGN_OR_RETURN(app->store_, store::OpenStore(location));
  std::error_code ec;
  fs::create_directories(options.data_dir, ec);

  itsm::AccessPolicy policy;
  policy.agents_edit_any_team = options.agents_edit_any_team;
  app->tickets_ = std::make_unique<itsm::TicketService>(*app->store_, *app->clock_,
                                                        itsm::PriorityMatrix(), policy);
  std::string resources = options.resource_dir.empty() ? FindResources() : options.resource_dir;
  if (resources.empty()) {
    return FailedPrecondition(
        "cannot find the resources/ directory (NLU training data); set SMARTASSIST_RESOURCES");
  }
  dialogue::OrgContextOptions org_options;
  org_options.nlu_resource_dir = resources + "/nlu";
  org_options.nlu_model_cache = options.data_dir + "/nlu-cache.bin";
  org_options.nlu_model_file = ModelFile(options);
  app->org_ = std::make_unique<dialogue::OrgContext>(*app->store_, org_options);
  SA_ASSIGN_OR_RETURN(auto messages, dialogue::Messages::Embedded());
  app->messages_ = std::make_unique<dialogue::Messages>(std::move(messages));

  if (!options.smtp_host.empty()) {
    automation::SmtpOptions smtp;
    smtp.host = options.smtp_host;
    smtp.port = options.smtp_port;
    smtp.from = options.mail_from;
    smtp.clock = app->clock_;
    SA_ASSIGN_OR_RETURN(app->mailer_, automation::NewSmtpMailer(smtp));
  } else {
    app->mailer_ = NewSpoolMailer(options.data_dir + "/outbox", options.mail_from, app->clock_);
  }
  if (!options.ldap_uri.empty()) {
    automation::LdapOptions ldap;
    ldap.uri = options.ldap_uri;
    ldap.bind_dn = options.ldap_bind_dn;
    ldap.bind_password = options.ldap_bind_password;
    SA_ASSIGN_OR_RETURN(app->directory_, automation::NewLdapDirectory(ldap));
  }
  automation::TotpVaultOptions totp;
  totp.dir = options.data_dir + "/totp";
  SA_ASSIGN_OR_RETURN(app->totp_, automation::NewFileTotpVault(totp, app->clock_));
  dialogue::EngineDeps deps;
  deps.store = app->store_.get();
  deps.clock = app->clock_;
  deps.tickets = app->tickets_.get();
  deps.org = app->org_.get();
  deps.messages = app->messages_.get();
  deps.mailer = app->mailer_.get();
  deps.directory = app->directory_.get();
  deps.totp = app->totp_.get();
  SA_ASSIGN_OR_RETURN(app->engine_, dialogue::NewEngine(std::move(deps)));
  return app;
}

}  // namespace sa::app
