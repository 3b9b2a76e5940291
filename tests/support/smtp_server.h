// SmtpServer: a real SMTP server for tests (python3-aiosmtpd running
// tests/support/smtp_sink.py), private to one test. It listens on 127.0.0.1 at
// a port the kernel picks and keeps each accepted message as a file in a temp
// dir, decoded by Python's e-mail parser (an independent MIME implementation).
// Recipients @tempfail.example get a 451 reply, @reject.example a 550.
// The destructor kills the server and removes the temp dir.
//
// Interpreter: /usr/bin/python3 (Debian's, which has aiosmtpd), overridable
// with $SA_PYTHON. Thread-compatible: one test thread drives it.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/status.h"

namespace sa::test {

struct ReceivedMail {
  std::string mail_from;                            // envelope sender
  std::vector<std::string> rcpt_tos;                // envelope recipients
  std::string subject, to, from, date, message_id;  // decoded headers
  std::string content_type, charset;
  std::string text;  // decoded text/plain body
  std::string raw;   // the message as received
};

class SmtpServer {
 public:
  // kUnavailable (with the server's log) when it cannot be started.
  static Result<std::unique_ptr<SmtpServer>> Start();
  ~SmtpServer();
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  const std::string& host() const { return host_; }  // "127.0.0.1"
  int port() const { return port_; }

  // Messages accepted so far, oldest first.
  std::vector<ReceivedMail> Messages() const;

  // Kills the server (idempotent); its port then refuses connections.
  void Stop();

 private:
  SmtpServer() = default;
  std::string LogText() const;

  std::string dir_;
  std::string host_ = "127.0.0.1";
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace sa::test
