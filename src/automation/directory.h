// Directory: the organization's account store (OpenLDAP), seen only through the
// few operations the bot performs on it: check an entry exists, reset its
// password, and verify a password by binding (for tests and diagnostics).
//
// Entries are named by DN, the `users[].directory_id` of the org pack
// ("uid=alice,ou=people,dc=acme,dc=example"). Passwords are never logged, never
// kept after a call returns, and never appear in a Status message.
//
// Errors: kNotFound (no such entry), kUnavailable (server down, unreachable or
// timed out; the message names the URI), kUnauthenticated (CheckCredentials
// only: the password does not bind), kPermissionDenied (the service account
// may not do this, or its own bind DN/password is refused: a configuration
// error), kFailedPrecondition (the server's password policy rejected the
// password, or the server has no ppolicy overlay for pwdReset),
// kInvalidArgument (malformed DN or empty password), kInternal (anything else).
//
// Thread-safety: implementations are thread-safe; the LDAP one opens a short
// connection per call, so concurrent calls never share a libldap handle.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sa::automation {

class Directory {
 public:
  virtual ~Directory() = default;

  // Sets the entry's userPassword to `new_password` (hashed by the server).
  // When `must_change`, also sets pwdReset TRUE so that the ppolicy overlay
  // forces a change at the next login; otherwise removes any pwdReset flag
  // (the user chose this password). Old passwords stop working at once.
  virtual Status ResetPassword(std::string_view dn, std::string_view new_password,
                               bool must_change) = 0;

  // True when the entry exists, false when it does not; a Status only when the
  // directory could not be asked.
  virtual Result<bool> Exists(std::string_view dn) = 0;

  // Ok when `password` binds as `dn`; kUnauthenticated when it does not (also
  // for an empty password, which LDAP would treat as an anonymous bind).
  virtual Status CheckCredentials(std::string_view dn, std::string_view password) = 0;
};

struct LdapOptions {
  std::string uri;            // "ldap://ldap.acme.example:389/" or "ldaps://..."
  std::string bind_dn;        // service account allowed to reset passwords
  std::string bind_password;  // its password (never logged)
  bool start_tls = false;     // issue StartTLS on ldap:// before binding
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds operation_timeout{10000};
};

// A Directory backed by an LDAP server through libldap. Validates the options
// (kInvalidArgument for a malformed URI) but does not connect: a server that is
// down makes each call fail with kUnavailable, not the factory.
Result<std::unique_ptr<Directory>> NewLdapDirectory(const LdapOptions& options);

}  // namespace sa::automation
