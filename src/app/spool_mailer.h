// A Mailer that writes each message as an RFC 5322 file into a spool
// directory (<data>/outbox) instead of talking SMTP: the demo's and a
// mail-less installation's way to deliver verification codes (an operator or
// a local MTA picks them up). Thread-safe.
#pragma once

#include <memory>
#include <string>

#include "automation/mailer.h"
#include "core/clock.h"

namespace sa::app {

std::unique_ptr<automation::Mailer> NewSpoolMailer(std::string directory, std::string from,
                                                   std::shared_ptr<Clock> clock);

}  // namespace sa::app
