#include "automation/fakes.h"

namespace sa::automation {

void FakeDirectory::AddEntry(std::string dn, std::string password) {
  std::lock_guard lock(mu_);
  entries_[std::move(dn)] = Entry{std::move(password), false};
}

void FakeDirectory::FailWith(std::optional<Status> status) {
  std::lock_guard lock(mu_);
  failure_ = std::move(status);
}

bool FakeDirectory::MustChange(std::string_view dn) const {
  std::lock_guard lock(mu_);
  auto it = entries_.find(dn);
  return it != entries_.end() && it->second.must_change;
}

int FakeDirectory::resets() const {
  std::lock_guard lock(mu_);
  return resets_;
}

Status FakeDirectory::ResetPassword(std::string_view dn, std::string_view new_password,
                                    bool must_change) {
  std::lock_guard lock(mu_);
  if (failure_) return *failure_;
  if (dn.empty() || new_password.empty()) return InvalidArgument("empty DN or password");
  auto it = entries_.find(dn);
  if (it == entries_.end()) return NotFound("no directory entry " + std::string(dn));
  it->second = Entry{std::string(new_password), must_change};
  ++resets_;
  return Status::Ok();
}

Result<bool> FakeDirectory::Exists(std::string_view dn) {
  std::lock_guard lock(mu_);
  if (failure_) return *failure_;
  if (dn.empty()) return InvalidArgument("empty directory DN");
  return entries_.find(dn) != entries_.end();
}

Status FakeDirectory::CheckCredentials(std::string_view dn, std::string_view password) {
  std::lock_guard lock(mu_);
  if (failure_) return *failure_;
  auto it = entries_.find(dn);
  if (password.empty() || it == entries_.end() || it->second.password != password) {
    return Unauthenticated("invalid credentials for " + std::string(dn));
  }
  return Status::Ok();
}

void RecordingMailer::FailWith(std::optional<Status> status) {
  std::lock_guard lock(mu_);
  failure_ = std::move(status);
}

std::vector<Mail> RecordingMailer::sent() const {
  std::lock_guard lock(mu_);
  return sent_;
}

Status RecordingMailer::Send(const Mail& mail) {
  std::lock_guard lock(mu_);
  if (failure_) return *failure_;
  if (mail.to.find('@') == std::string::npos) {
    return InvalidArgument("invalid recipient address \"" + mail.to + "\"");
  }
  sent_.push_back(mail);
  return Status::Ok();
}

}  // namespace sa::automation
