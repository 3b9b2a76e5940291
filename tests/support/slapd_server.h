// SlapdServer: a real OpenLDAP slapd for tests, private to one test. Start()
// writes a slapd.conf and an LDIF (base DN, ou=people, ou=policies, a default
// ppolicy with pwdMustChange TRUE, the given users and a service account
// cn=smartassist,ou=services) into a fresh temp dir, cn=smartassist,ou=services), loads them with
// slapadd, runs `slapd -d 0` on 127.0.0.1 with a free port, and returns once an admin bind
// succeeds. The destructor kills slapd and removes the temp dir. Works as root and as an ordinary
// user.
//
// Binaries: /usr/sbin/slapd and /usr/sbin/slapadd, modules from /usr/lib/ldap
// (Debian 12), overridable with $SA_SLAPD, $SA_SLAPADD, $SA_LDAP_MODULES.
//
// Thread-compatible: one test thread drives it.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sa::test {

struct DirectoryUser {
  std::string uid;       // "alice" -> uid=alice,ou=people,<suffix>
  std::string name;      // "Alice Martin" (cn; the last word becomes sn)
  std::string password;  // initial userPassword
  std::string mail;
};

struct SlapdOptions {
  std::string suffix = "dc=acme,dc=example";
  std::vector<DirectoryUser> users = {
      {"alice", "Alice Martin", "Alice-Initial-1", "alice@acme.example"},
      {"bob", "Bob Durand", "Bob-Initial-22", "bob@acme.example"},
      {"chen", "Chen Wei", "Chen-Initial-333", "chen@acme.example"},
  };
  bool password_policy = true;  // load the ppolicy overlay and a default policy
  int policy_min_length = 8;    // the default policy's pwdMinLength (pwdCheckQuality 2)
};

class SlapdServer {
 public:
  // kUnavailable (with slapd's log tail) when slapd cannot be set up or started.
  static Result<std::unique_ptr<SlapdServer>> Start(SlapdOptions options = {});
  ~SlapdServer();
  SlapdServer(const SlapdServer&) = delete;
  SlapdServer& operator=(const SlapdServer&) = delete;

  const std::string& uri() const { return uri_; }  // "ldap://127.0.0.1:PORT/"
  int port() const { return port_; }
  const std::string& admin_dn() const { return admin_dn_; }  // the rootdn
  const std::string& admin_password() const { return admin_password_; }
  // A service account that is not the rootdn, allowed by ACL to write
  // userPassword and pwdReset under ou=people (as production grants the bot);
  // the server's password policy applies to what it sets.
  const std::string& service_dn() const { return service_dn_; }
  const std::string& service_password() const { return service_password_; }
  const std::string& suffix() const { return options_.suffix; }
  std::string UserDn(std::string_view uid) const;

  // Values of `attribute` (operational ones too) of entry `dn`, read as the
  // admin; empty when the entry has none; kNotFound when there is no entry.
  Result<std::vector<std::string>> Attribute(std::string_view dn, std::string_view attribute) const;

  // Binds as `dn` and reads its own entry: ok, kUnauthenticated for a bad
  // password, kPermissionDenied when ppolicy restricts the session because the
  // password must be changed first (pwdReset).
  Status ReadOwnEntry(std::string_view dn, std::string_view password) const;

  // Kills slapd and waits for it (idempotent); the uri then refuses connections.
  void Stop();

 private:
  explicit SlapdServer(SlapdOptions options);
  Status Setup();
  Status Launch();
  std::string LogTail() const;

  SlapdOptions options_;
  std::string dir_;
  std::string uri_;
  int port_ = 0;
  pid_t pid_ = -1;
  std::string admin_dn_;
  std::string admin_password_ = "admin-Secret-9";
  std::string service_dn_;
  std::string service_password_ = "service-Secret-8";
};

}  // namespace sa::test
