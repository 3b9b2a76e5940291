// Mailer: sends plain-text e-mail (verification codes, notifications) to one
// recipient. The SMTP implementation uses libcurl's smtp:// support.
//
// Errors: kInvalidArgument (malformed address, or CR/LF in a header field),
// kUnavailable (server refused the connection, timed out, or answered with a
// temporary 4xx error), kFailedPrecondition (the server rejected the message or
// the recipient with a permanent 5xx error), kInternal (anything else).
// Message bodies are never logged (they carry one-time codes).
//
// Thread-safety: implementations are thread-safe; each Send uses its own
// connection.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/status.h"

namespace sa::automation {

struct Mail {
  std::string to;       // "alice@acme.example"
  std::string subject;  // UTF-8, one line
  std::string text;     // UTF-8 plain-text body; lines end with \n
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  // Delivers `mail` to the server; ok once the server accepted it for delivery.
  virtual Status Send(const Mail& mail) = 0;
};

struct SmtpOptions {
  std::string host = "localhost";
  int port = 25;
  std::string from;        // envelope and header sender, "bot@acme.example"
  std::string from_name;   // optional display name, UTF-8 ("Acme Service Desk")
  std::string username;    // optional SMTP AUTH user
  std::string password;    // its password (never logged)
  bool start_tls = false;  // require STARTTLS
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds timeout{20000};  // whole transaction
  std::shared_ptr<Clock> clock;              // for the Date header; null = system clock
};

// An SMTP Mailer. kInvalidArgument when `from`, host or port is malformed.
Result<std::unique_ptr<Mailer>> NewSmtpMailer(SmtpOptions options);

}  // namespace sa::automation
