// Wiring: builds every module of smartassist from the command-line options,
// explicitly, in one place (no globals). Used by main() and by end-to-end tests
// that run the whole product in-process.
#pragma once

#include <memory>
#include <string>

#include "automation/directory.h"
#include "automation/mailer.h"
#include "automation/totp_vault.h"
#include "core/clock.h"
#include "core/status.h"
#include "dialogue/dialogue.h"
#include "itsm/tickets.h"
#include "nlu/retrain.h"
#include "store/store.h"

namespace sa::app {

struct AppOptions {
  std::string data_dir = "./data";  // SQLite database, NLU model cache, mail spool
  std::string db_url;               // postgresql://... selects PostgreSQL
  std::string resource_dir;         // resources/ (NLU data); "" = find it
  // Mail for verification codes: SMTP when smtp_host is set, else the spool <data>/outbox.
  std::string smtp_host;
  int smtp_port = 25;
  std::string mail_from = "smartassist@localhost";
  // Directory for password resets; none when ldap_uri is empty.
  std::string ldap_uri, ldap_bind_dn, ldap_bind_password;
  bool agents_edit_any_team = false;
};

class App {
 public:
  static Result<std::unique_ptr<App>> Open(const AppOptions& options);

  store::Store& store() { return *store_; }
  const std::shared_ptr<Clock>& clock() { return clock_; }
  itsm::TicketService& tickets() { return *tickets_; }
  dialogue::Engine& engine() { return *engine_; }
  dialogue::OrgContext& org() { return *org_; }
  // Users' authenticator apps (<data>/totp), for the bot and /api/v1/me/totp.
  automation::TotpVault* totp() { return totp_.get(); }

 private:
  App() = default;
  std::shared_ptr<Clock> clock_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<itsm::TicketService> tickets_;
  std::unique_ptr<dialogue::OrgContext> org_;
  std::unique_ptr<dialogue::Messages> messages_;
  std::unique_ptr<automation::Mailer> mailer_;
  std::unique_ptr<automation::Directory> directory_;
  std::unique_ptr<automation::TotpVault> totp_;
  std::unique_ptr<dialogue::Engine> engine_;
};

// The resources/ directory: $SMARTASSIST_RESOURCES, ./resources, or beside the
// executable in the source tree or an install prefix. "" when none is found.
std::string FindResources();

// Where the learning loop's retrained intent model lives: <data>/nlu-model.bin
// (the server reloads it when it changes; docs/NLU.md, "Learning loop").
std::string ModelFile(const AppOptions& options);

// nlu::Retrain settings for `nlu retrain` and the server's periodic job: the
// built-in data of the resources directory, the model file above, and the
// built-in test utterances (tests/nlu/intents.tsv beside resources/) when
// present. kFailedPrecondition when no resources directory is found.
Result<nlu::RetrainOptions> RetrainOptionsFor(const AppOptions& options);

}  // namespace sa::app
