// Building the conversation engine (dialogue::Engine, engine.h) from the
// pieces it uses. The app wires it once at start; every channel shares it.
#pragma once

#include <memory>
#include <string>

#include "automation/directory.h"
#include "automation/mailer.h"
#include "automation/otp.h"
#include "automation/password_policy.h"
#include "automation/totp_vault.h"
#include "core/clock.h"
#include "dialogue/engine.h"
#include "dialogue/messages.h"
#include "dialogue/org_context.h"
#include "itsm/tickets.h"
#include "store/store.h"

namespace sa::dialogue {

struct EngineDeps {
  store::Store* store = nullptr;
  std::shared_ptr<Clock> clock;
  itsm::TicketService* tickets = nullptr;
  OrgContext* org = nullptr;  // the organization, its NLU and KB, kept fresh
  const Messages* messages = nullptr;
  automation::Mailer* mailer = nullptr;        // for verification codes; null = email codes off
  automation::Directory* directory = nullptr;  // null = the bot cannot reset passwords
  automation::TotpVault* totp = nullptr;       // users' authenticator apps; null = TOTP off
  automation::PasswordPolicy password_policy;
};

// kInvalidArgument when a required dependency is missing.
Result<std::unique_ptr<Engine>> NewEngine(EngineDeps deps);

}  // namespace sa::dialogue
