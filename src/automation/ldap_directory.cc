// Directory over libldap: one short-lived connection per call, bound as the
// service account (or as the user, for CheckCredentials).
#include <ldap.h>
#include <sys/time.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "automation/directory.h"

namespace sa::automation {
namespace {

timeval ToTimeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

berval ToBerval(std::string_view s) {
  berval bv{};
  bv.bv_len = s.size();
  bv.bv_val = const_cast<char*>(s.data());
  return bv;
}

bool IsUnavailable(int rc) {
  switch (rc) {
    case LDAP_SERVER_DOWN:
    case LDAP_CONNECT_ERROR:
    case LDAP_TIMEOUT:
    case LDAP_UNAVAILABLE:
    case LDAP_BUSY:
    case LDAP_TIMELIMIT_EXCEEDED:
      return true;
    default:
      return false;
  }
}

struct LdapDeleter {
  void operator()(LDAP* ld) const { ldap_unbind_ext_s(ld, nullptr, nullptr); }
};
using LdapHandle = std::unique_ptr<LDAP, LdapDeleter>;

struct MessageDeleter {
  void operator()(LDAPMessage* m) const { ldap_msgfree(m); }
};

class LdapDirectory : public Directory {
 public:
  explicit LdapDirectory(LdapOptions options) : options_(std::move(options)) {}

  Status ResetPassword(std::string_view dn, std::string_view new_password,
                       bool must_change) override {
    SA_RETURN_IF_ERROR(ValidateDn(dn));
    if (new_password.empty() || new_password.find('\0') != std::string_view::npos) {
      return InvalidArgument("the new password is empty or contains a NUL character");
    }
    SA_ASSIGN_OR_RETURN(LdapHandle ld, ConnectAsService());
    // RFC 3062 Password Modify: the server hashes the password with its own
    // scheme and applies its password policy.
    std::string dn_copy(dn);
    berval user = ToBerval(dn_copy);
    std::string pw_copy(new_password);
    berval newpw = ToBerval(pw_copy);
    berval generated{};
    int rc = ldap_passwd_s(ld.get(), &user, nullptr, &newpw, &generated, nullptr, nullptr);
    std::fill(pw_copy.begin(), pw_copy.end(), '\0');
    if (generated.bv_val != nullptr) ber_memfree(generated.bv_val);
    if (rc != LDAP_SUCCESS) return Failure(ld.get(), rc, "reset the password of " + dn_copy);
    return SetPwdReset(ld.get(), dn_copy, must_change);
  }

  Result<bool> Exists(std::string_view dn) override {
    SA_RETURN_IF_ERROR(ValidateDn(dn));
    SA_ASSIGN_OR_RETURN(LdapHandle ld, ConnectAsService());
    std::string base(dn);
    char no_attrs[] = LDAP_NO_ATTRS;
    char* attrs[] = {no_attrs, nullptr};
    LDAPMessage* raw = nullptr;
    timeval timeout = ToTimeval(options_.operation_timeout);
    int rc = ldap_search_ext_s(ld.get(), base.c_str(), LDAP_SCOPE_BASE, "(objectClass=*)", attrs, 0,
                               nullptr, nullptr, &timeout, 1, &raw);
    std::unique_ptr<LDAPMessage, MessageDeleter> result(raw);
    if (rc == LDAP_NO_SUCH_OBJECT) return false;
    if (rc != LDAP_SUCCESS) return Failure(ld.get(), rc, "look up " + base);
    return ldap_count_entries(ld.get(), result.get()) > 0;
  }

  Status CheckCredentials(std::string_view dn, std::string_view password) override {
    SA_RETURN_IF_ERROR(ValidateDn(dn));
    // An empty password would be an unauthenticated bind, which "succeeds".
    if (password.empty()) return Unauthenticated("empty password");
    SA_ASSIGN_OR_RETURN(LdapHandle ld, Open());
    int rc = Bind(ld.get(), dn, password);
    if (rc == LDAP_INVALID_CREDENTIALS) {
      return Unauthenticated("invalid credentials for " + std::string(dn));
    }
    if (rc != LDAP_SUCCESS) return Failure(ld.get(), rc, "bind as " + std::string(dn));
    return Status::Ok();
  }

 private:
  static Status ValidateDn(std::string_view dn) {
    if (dn.empty()) return InvalidArgument("empty directory DN");
    std::string copy(dn);
    LDAPDN parsed = nullptr;
    int rc = ldap_str2dn(copy.c_str(), &parsed, LDAP_DN_FORMAT_LDAPV3);
    if (parsed != nullptr) ldap_dnfree(parsed);
    if (rc != LDAP_SUCCESS) return InvalidArgument("malformed directory DN \"" + copy + "\"");
    return Status::Ok();
  }

  Result<LdapHandle> Open() const {
    LDAP* raw = nullptr;
    int rc = ldap_initialize(&raw, options_.uri.c_str());
    if (rc != LDAP_SUCCESS || raw == nullptr) {
      return Internal("directory " + options_.uri + ": " + ldap_err2string(rc));
    }
    LdapHandle ld(raw);
    int version = LDAP_VERSION3;
    timeval connect = ToTimeval(options_.connect_timeout);
    timeval operation = ToTimeval(options_.operation_timeout);
    ldap_set_option(raw, LDAP_OPT_PROTOCOL_VERSION, &version);
    ldap_set_option(raw, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
    ldap_set_option(raw, LDAP_OPT_RESTART, LDAP_OPT_ON);
    ldap_set_option(raw, LDAP_OPT_NETWORK_TIMEOUT, &connect);
    ldap_set_option(raw, LDAP_OPT_TIMEOUT, &operation);
    if (options_.start_tls) {
      rc = ldap_start_tls_s(raw, nullptr, nullptr);
      if (rc != LDAP_SUCCESS) return Failure(raw, rc, "start TLS");
    }
    return ld;
  }

  static int Bind(LDAP* ld, std::string_view dn, std::string_view password) {
    std::string dn_copy(dn);
    std::string pw_copy(password);
    berval cred = ToBerval(pw_copy);
    int rc =
        ldap_sasl_bind_s(ld, dn_copy.c_str(), LDAP_SASL_SIMPLE, &cred, nullptr, nullptr, nullptr);
    std::fill(pw_copy.begin(), pw_copy.end(), '\0');
    return rc;
  }

  Result<LdapHandle> ConnectAsService() const {
    SA_ASSIGN_OR_RETURN(LdapHandle ld, Open());
    int rc = Bind(ld.get(), options_.bind_dn, options_.bind_password);
    if (rc == LDAP_INVALID_CREDENTIALS) {
      return PermissionDenied("directory " + options_.uri + " refused the service account " +
                              options_.bind_dn + " (check its DN and password)");
    }
    if (rc != LDAP_SUCCESS) return Failure(ld.get(), rc, "bind as " + options_.bind_dn);
    return ld;
  }

  // pwdReset TRUE forces a change at next login (ppolicy); without must_change
  // the flag is removed (replace with no values deletes it if present).
  Status SetPwdReset(LDAP* ld, const std::string& dn, bool must_change) const {
    char attr[] = "pwdReset";
    char value_true[] = "TRUE";
    char* values[] = {value_true, nullptr};
    LDAPMod mod{};
    mod.mod_op = LDAP_MOD_REPLACE;
    mod.mod_type = attr;
    mod.mod_values = must_change ? values : nullptr;
    LDAPMod* mods[] = {&mod, nullptr};
    int rc = ldap_modify_ext_s(ld, dn.c_str(), mods, nullptr, nullptr);
    if (rc == LDAP_SUCCESS) return Status::Ok();
    if (rc == LDAP_UNDEFINED_TYPE) {
      if (!must_change) return Status::Ok();  // no ppolicy: nothing to clear
      return FailedPrecondition("directory " + options_.uri +
                                " has no password policy overlay (pwdReset unknown); the "
                                "password was set but will not have to be changed");
    }
    return Failure(ld, rc, "set pwdReset on " + dn + " (the password itself was set)");
  }

  Status Failure(LDAP* ld, int rc, const std::string& what) const {
    std::string message =
        "directory " + options_.uri + ": cannot " + what + ": " + ldap_err2string(rc);
    char* diagnostic = nullptr;
    if (ld != nullptr &&
        ldap_get_option(ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &diagnostic) == LDAP_OPT_SUCCESS &&
        diagnostic != nullptr) {
      if (*diagnostic != '\0') message += std::string(" (") + diagnostic + ")";
      ldap_memfree(diagnostic);
    }
    if (IsUnavailable(rc)) return Unavailable(message);
    switch (rc) {
      case LDAP_NO_SUCH_OBJECT:
        return NotFound(message);
      case LDAP_INVALID_DN_SYNTAX:
        return InvalidArgument(message);
      case LDAP_INSUFFICIENT_ACCESS:
      case LDAP_STRONG_AUTH_REQUIRED:
      case LDAP_INVALID_CREDENTIALS:
        return PermissionDenied(message);
      case LDAP_CONSTRAINT_VIOLATION:
      case LDAP_UNWILLING_TO_PERFORM:
        return FailedPrecondition(message);
      default:
        return Internal(message);
    }
  }

  LdapOptions options_;
};

}  // namespace

Result<std::unique_ptr<Directory>> NewLdapDirectory(const LdapOptions& options) {
  if (!ldap_is_ldap_url(options.uri.c_str())) {
    return InvalidArgument("directory uri \"" + options.uri +
                           "\" is not an ldap:// or ldaps:// URL");
  }
  if (options.connect_timeout.count() <= 0 || options.operation_timeout.count() <= 0) {
    return InvalidArgument("directory timeouts must be positive");
  }
  return std::unique_ptr<Directory>(std::make_unique<LdapDirectory>(options));
}

}  // namespace sa::automation
