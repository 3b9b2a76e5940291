// In-memory stand-ins for Directory and Mailer, for tests of their callers
// (the dialogue's password-reset flow) that need no real server; target
// `sa_automation_fakes`, never linked into the server. They follow the same
// contracts as the real ones (codes, no password in messages), and can be told
// to fail as a server that is down would. Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "automation/directory.h"
#include "automation/mailer.h"

namespace sa::automation {

class FakeDirectory : public Directory {
 public:
  // Adds or replaces an entry with its current password.
  void AddEntry(std::string dn, std::string password);
  // While set, every call fails with this status (e.g. Unavailable(...)).
  void FailWith(std::optional<Status> status);
  // The pwdReset flag of an entry (false for an unknown one).
  bool MustChange(std::string_view dn) const;
  // How many resets succeeded.
  int resets() const;

  Status ResetPassword(std::string_view dn, std::string_view new_password,
                       bool must_change) override;
  Result<bool> Exists(std::string_view dn) override;
  Status CheckCredentials(std::string_view dn, std::string_view password) override;

 private:
  struct Entry {
    std::string password;
    bool must_change = false;
  };
  mutable std::mutex mu_;
  std::map<std::string, Entry, std::less<>> entries_;
  std::optional<Status> failure_;
  int resets_ = 0;
};

class RecordingMailer : public Mailer {
 public:
  // While set, every Send fails with this status and records nothing.
  void FailWith(std::optional<Status> status);
  // Mails accepted so far, oldest first.
  std::vector<Mail> sent() const;

  Status Send(const Mail& mail) override;

 private:
  mutable std::mutex mu_;
  std::vector<Mail> sent_;
  std::optional<Status> failure_;
};

}  // namespace sa::automation
