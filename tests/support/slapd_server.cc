#include "tests/support/slapd_server.h"

#include <fcntl.h>
#include <ldap.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace sa::test {
namespace {

namespace fs = std::filesystem;
using std::chrono::steady_clock;

std::string EnvOr(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

// A port that was free a moment ago (the kernel picks it for port 0).
int PickFreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(addr);
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

// Starts `argv` with stdout and stderr appended to `log`; the child dies with
// the test process (PR_SET_PDEATHSIG) so a crashed test leaves no slapd behind.
pid_t Spawn(const std::vector<std::string>& argv, const std::string& log) {
  std::vector<char*> args;  // built before fork: the child only calls async-signal-safe code
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = fork();
  if (pid != 0) return pid;
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  if (fd >= 0) {
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    close(fd);
  }
  execv(args[0], args.data());
  _exit(127);
}

// Exit status of a finished child, or -1 while it still runs.
int ExitedStatus(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, WNOHANG) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int RunToCompletion(const std::vector<std::string>& argv, const std::string& log) {
  pid_t pid = Spawn(argv, log);
  if (pid < 0) return -1;
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  return static_cast<bool>(out);
}

std::string FirstRdnValue(const std::string& suffix) {  // "dc=acme,dc=example" -> "acme"
  size_t eq = suffix.find('=');
  size_t comma = suffix.find(',');
  return suffix.substr(eq + 1, comma == std::string::npos ? std::string::npos : comma - eq - 1);
}

struct LdapCloser {
  void operator()(LDAP* ld) const { ldap_unbind_ext_s(ld, nullptr, nullptr); }
};

// A bound admin connection, or the libldap error code.
std::unique_ptr<LDAP, LdapCloser> AdminConnection(const std::string& uri, const std::string& dn,
                                                  const std::string& password, int* rc) {
  LDAP* raw = nullptr;
  *rc = ldap_initialize(&raw, uri.c_str());
  if (*rc != LDAP_SUCCESS) return nullptr;
  std::unique_ptr<LDAP, LdapCloser> ld(raw);
  int version = LDAP_VERSION3;
  timeval timeout{1, 0};
  ldap_set_option(raw, LDAP_OPT_PROTOCOL_VERSION, &version);
  ldap_set_option(raw, LDAP_OPT_NETWORK_TIMEOUT, &timeout);
  ldap_set_option(raw, LDAP_OPT_TIMEOUT, &timeout);
  std::string pw = password;
  berval cred{pw.size(), pw.data()};
  *rc = ldap_sasl_bind_s(raw, dn.c_str(), LDAP_SASL_SIMPLE, &cred, nullptr, nullptr, nullptr);
  if (*rc != LDAP_SUCCESS) return nullptr;
  return ld;
}

}  // namespace

SlapdServer::SlapdServer(SlapdOptions options) : options_(std::move(options)) {
  admin_dn_ = "cn=admin," + options_.suffix;
  service_dn_ = "cn=smartassist,ou=services," + options_.suffix;
}

SlapdServer::~SlapdServer() {
  Stop();
  if (!dir_.empty()) {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
}

Result<std::unique_ptr<SlapdServer>> SlapdServer::Start(SlapdOptions options) {
  std::unique_ptr<SlapdServer> server(new SlapdServer(std::move(options)));
  SA_RETURN_IF_ERROR(server->Setup());
  SA_RETURN_IF_ERROR(server->Launch());
  return server;
}

std::string SlapdServer::UserDn(std::string_view uid) const {
  return "uid=" + std::string(uid) + ",ou=people," + options_.suffix;
}

Status SlapdServer::Setup() {
  std::string tmpl = (fs::temp_directory_path() / "sa-slapd-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) return Unavailable("slapd: cannot create a temp dir");
  dir_ = tmpl;
  fs::create_directories(dir_ + "/data");
  const std::string modules = EnvOr("SA_LDAP_MODULES", "/usr/lib/ldap");
  const std::string& s = options_.suffix;

  std::ostringstream conf;
  conf << "include /etc/ldap/schema/core.schema\n"
       << "include /etc/ldap/schema/cosine.schema\n"
       << "include /etc/ldap/schema/inetorgperson.schema\n"
       << "modulepath " << modules << "\n"
       << "moduleload back_mdb\n";
  if (options_.password_policy) conf << "moduleload ppolicy\n";
  conf << "pidfile " << dir_ << "/slapd.pid\n"
       << "argsfile " << dir_ << "/slapd.args\n"
       << "password-hash {SSHA}\n"
       << "database mdb\n"
       << "suffix \"" << s << "\"\n"
       << "rootdn \"" << admin_dn_ << "\"\n"
       << "rootpw " << admin_password_ << "\n"
       << "directory " << dir_ << "/data\n"
       << "maxsize 16777216\n";
  if (options_.password_policy) {
    conf << "overlay ppolicy\n"
         << "ppolicy_default \"cn=default,ou=policies," << s << "\"\n";
  }
  conf << "access to dn.subtree=\"ou=people," << s << "\" attrs=userPassword"
       << (options_.password_policy ? ",pwdReset" : "") << "\n"
       << "  by dn.exact=\"" << service_dn_ << "\" write by self write by anonymous auth"
       << " by * none\n"
       << "access to attrs=userPassword by self write by anonymous auth by * none\n"
       << "access to * by self read by users read by * none\n";

  std::ostringstream ldif;
  ldif << "dn: " << s << "\nobjectClass: dcObject\nobjectClass: organization\n"
       << "o: " << FirstRdnValue(s) << "\ndc: " << FirstRdnValue(s) << "\n\n"
       << "dn: ou=people," << s << "\nobjectClass: organizationalUnit\nou: people\n\n"
       << "dn: ou=policies," << s << "\nobjectClass: organizationalUnit\nou: policies\n\n"
       << "dn: ou=services," << s << "\nobjectClass: organizationalUnit\nou: services\n\n"
       << "dn: " << service_dn_ << "\nobjectClass: applicationProcess\n"
       << "objectClass: simpleSecurityObject\ncn: smartassist\n"
       << "userPassword: " << service_password_ << "\n\n";
  if (options_.password_policy) {
    ldif << "dn: cn=default,ou=policies," << s << "\n"
         << "objectClass: device\nobjectClass: pwdPolicy\ncn: default\n"
         << "pwdAttribute: userPassword\npwdMustChange: TRUE\npwdAllowUserChange: TRUE\n"
         << "pwdCheckQuality: 2\npwdMinLength: " << options_.policy_min_length << "\n\n";
  }
  for (const DirectoryUser& u : options_.users) {
    std::string sn =
        u.name.substr(u.name.rfind(' ') == std::string::npos ? 0 : u.name.rfind(' ') + 1);
    ldif << "dn: " << UserDn(u.uid) << "\nobjectClass: inetOrgPerson\n"
         << "uid: " << u.uid << "\ncn: " << u.name << "\nsn: " << sn << "\n";
    if (!u.mail.empty()) ldif << "mail: " << u.mail << "\n";
    ldif << "userPassword: " << u.password << "\n\n";
  }
  if (!WriteFile(dir_ + "/slapd.conf", conf.str()) || !WriteFile(dir_ + "/data.ldif", ldif.str())) {
    return Unavailable("slapd: cannot write config into " + dir_);
  }
  const std::string slapadd = EnvOr("SA_SLAPADD", "/usr/sbin/slapadd");
  int rc = RunToCompletion({slapadd, "-q", "-f", dir_ + "/slapd.conf", "-l", dir_ + "/data.ldif"},
                           dir_ + "/slapadd.log");
  if (rc != 0) {
    std::ifstream log(dir_ + "/slapadd.log");
    std::stringstream text;
    text << log.rdbuf();
    return Unavailable("slapadd failed (exit " + std::to_string(rc) + "): " + text.str());
  }
  return Status::Ok();
}

Status SlapdServer::Launch() {
  const std::string slapd = EnvOr("SA_SLAPD", "/usr/sbin/slapd");
  const std::string log = dir_ + "/slapd.log";
  // The port can be taken between PickFreePort and slapd's bind; then slapd
  // exits at once and we try another one.
  for (int attempt = 0; attempt < 5; ++attempt) {
    port_ = PickFreePort();
    uri_ = "ldap://127.0.0.1:" + std::to_string(port_) + "/";
    pid_ = Spawn({slapd, "-h", uri_, "-f", dir_ + "/slapd.conf", "-d", "0"}, log);
    if (pid_ < 0) return Unavailable("slapd: fork failed");
    const auto deadline = steady_clock::now() + std::chrono::seconds(20);
    while (steady_clock::now() < deadline) {
      int rc = 0;
      if (AdminConnection(uri_, admin_dn_, admin_password_, &rc) != nullptr) return Status::Ok();
      if (ExitedStatus(pid_) >= 0) {
        pid_ = -1;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));  // readiness polling
    }
    if (pid_ > 0) {
      Stop();
      return Unavailable("slapd did not accept binds within 20 s: " + LogTail());
    }
  }
  return Unavailable("slapd kept exiting at start: " + LogTail());
}

std::string SlapdServer::LogTail() const {
  std::ifstream in(dir_ + "/slapd.log");
  std::stringstream text;
  text << in.rdbuf();
  std::string all = text.str();
  return all.size() > 2000 ? all.substr(all.size() - 2000) : all;
}

void SlapdServer::Stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  const auto deadline = steady_clock::now() + std::chrono::seconds(10);
  while (ExitedStatus(pid_) < 0) {
    if (steady_clock::now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // bounded shutdown polling
  }
  pid_ = -1;
}

Result<std::vector<std::string>> SlapdServer::Attribute(std::string_view dn,
                                                        std::string_view attribute) const {
  int rc = 0;
  auto ld = AdminConnection(uri_, admin_dn_, admin_password_, &rc);
  if (ld == nullptr) return Unavailable(std::string("slapd admin bind: ") + ldap_err2string(rc));
  std::string base(dn);
  std::string attr(attribute);
  char* attrs[] = {attr.data(), nullptr};
  LDAPMessage* result = nullptr;
  rc = ldap_search_ext_s(ld.get(), base.c_str(), LDAP_SCOPE_BASE, "(objectClass=*)", attrs, 0,
                         nullptr, nullptr, nullptr, 1, &result);
  if (rc == LDAP_NO_SUCH_OBJECT) {
    ldap_msgfree(result);
    return NotFound("no entry " + base);
  }
  if (rc != LDAP_SUCCESS) {
    ldap_msgfree(result);
    return Unavailable(std::string("slapd search: ") + ldap_err2string(rc));
  }
  std::vector<std::string> out;
  LDAPMessage* entry = ldap_first_entry(ld.get(), result);
  if (entry != nullptr) {
    berval** values = ldap_get_values_len(ld.get(), entry, attr.c_str());
    for (int i = 0; values != nullptr && values[i] != nullptr; ++i) {
      out.emplace_back(values[i]->bv_val, values[i]->bv_len);
    }
    ldap_value_free_len(values);
  }
  ldap_msgfree(result);
  return out;
}

Status SlapdServer::ReadOwnEntry(std::string_view dn, std::string_view password) const {
  int rc = 0;
  const std::string user(dn);
  auto ld = AdminConnection(uri_, user, std::string(password), &rc);
  if (rc == LDAP_INVALID_CREDENTIALS) return Unauthenticated("invalid credentials");
  if (ld == nullptr) return Unavailable(std::string("slapd bind: ") + ldap_err2string(rc));
  LDAPMessage* result = nullptr;
  rc = ldap_search_ext_s(ld.get(), user.c_str(), LDAP_SCOPE_BASE, "(objectClass=*)", nullptr, 0,
                         nullptr, nullptr, nullptr, 1, &result);
  ldap_msgfree(result);
  if (rc == LDAP_INSUFFICIENT_ACCESS) return PermissionDenied(ldap_err2string(rc));
  if (rc != LDAP_SUCCESS) return Internal(std::string("slapd search: ") + ldap_err2string(rc));
  return Status::Ok();
}

}  // namespace sa::test
