#include "tests/support/postgres_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

namespace sa::testing {
namespace {

constexpr auto kStartTimeout = std::chrono::seconds(30);
constexpr auto kReadyTimeout = std::chrono::seconds(10);
constexpr auto kPollInterval = std::chrono::milliseconds(20);
constexpr int kStartAttempts = 3;

bool IsRoot() { return geteuid() == 0; }

// Runs a command (as the postgres user when we are root), its output appended
// to `log`. Returns its exit status, or -1 when it could not run.
int RunCommand(std::vector<std::string> argv, const std::string& log) {
  if (IsRoot()) argv.insert(argv.begin(), {"runuser", "-u", "postgres", "--"});
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
      close(fd);
    }
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string Tail(const std::string& path, size_t max_chars = 2000) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  return text.size() > max_chars ? text.substr(text.size() - max_chars) : text;
}

// A TCP port that was free a moment ago.
Result<int> FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return Unavailable("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    close(fd);
    return Unavailable("cannot bind a free port");
  }
  close(fd);
  return static_cast<int>(ntohs(addr.sin_port));
}

Result<std::string> MakeTempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "sa-pg-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) return Unavailable("mkdtemp failed");
  if (IsRoot()) {
    passwd* pw = getpwnam("postgres");
    if (pw == nullptr) {
      std::filesystem::remove_all(tmpl);
      return Unavailable("running as root but there is no `postgres` user to run the server");
    }
    if (chown(tmpl.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
      std::filesystem::remove_all(tmpl);
      return Unavailable("cannot chown " + tmpl + " to postgres");
    }
  }
  return tmpl;
}

std::string Bin(const char* name) { return std::string(PostgresServer::kBinDir) + "/" + name; }

std::string ConnInfo(int port, std::string_view database) {
  return "host=127.0.0.1 port=" + std::to_string(port) +
         " user=postgres dbname=" + std::string(database) + " connect_timeout=2";
}

// Waits until the server at `port` accepts TCP connections, bounded.
Status WaitUntilReady(int port, const std::string& log) {
  const std::string conninfo = ConnInfo(port, "postgres");
  const auto deadline = std::chrono::steady_clock::now() + kReadyTimeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (PQping(conninfo.c_str()) == PQPING_OK) return Status::Ok();
    std::this_thread::sleep_for(kPollInterval);
  }
  return Unavailable("postgres did not start; log tail:\n" + Tail(log));
}

// initdb is the slow part of starting (seconds): it runs once per machine
// into a template cluster (kept in the temp dir, named by user and version,
// published by an atomic rename), which each server then copies.
Result<std::string> TemplateCluster(const std::string& log) {
  const std::string tmp = std::filesystem::temp_directory_path().string();
  const std::string final_dir = tmp + "/sa-pg-template-15-uid" + std::to_string(geteuid());
  if (access((final_dir + "/data/PG_VERSION").c_str(), F_OK) == 0) return final_dir + "/data";
  SA_ASSIGN_OR_RETURN(std::string building, MakeTempDir());
  if (RunCommand({Bin("initdb"), "-D", building + "/data", "-U", "postgres", "--auth=trust", "-E",
                  "UTF8", "--no-sync", "--locale=C"},
                 log) != 0) {
    std::filesystem::remove_all(building);
    return Unavailable("initdb failed:\n" + Tail(log));
  }
  if (rename(building.c_str(), final_dir.c_str()) != 0) {
    // Another process published one first; use theirs.
    std::filesystem::remove_all(building);
  }
  return final_dir + "/data";
}

Status CopyTemplateCluster(const std::string& data, const std::string& log) {
  SA_ASSIGN_OR_RETURN(std::string source, TemplateCluster(log));
  if (RunCommand({"cp", "-a", source, data}, log) != 0) {
    return Unavailable("cannot copy the template cluster " + source + ":\n" + Tail(log));
  }
  return Status::Ok();
}

std::unique_ptr<PostgresServer> g_shared;
pid_t g_shared_owner = 0;
std::string g_start_error;  // set when starting failed: later calls fail fast

// Stops the shared server once all tests ran.
class SharedServerEnvironment : public ::testing::Environment {
 public:
  void TearDown() override {
    if (g_shared_owner == getpid()) g_shared.reset();
  }
};

[[maybe_unused]] ::testing::Environment* const kSharedServerEnvironment =
    ::testing::AddGlobalTestEnvironment(new SharedServerEnvironment);

}  // namespace

Result<std::unique_ptr<PostgresServer>> PostgresServer::Start() {
  if (access(Bin("initdb").c_str(), X_OK) != 0) {
    return Unavailable(std::string("PostgreSQL binaries not found in ") + kBinDir);
  }
  SA_ASSIGN_OR_RETURN(std::string dir, MakeTempDir());
  const std::string data = dir + "/data";
  const std::string log = dir + "/commands.log";       // written by us
  const std::string server_log = dir + "/server.log";  // written by the server
  if (Status copied = CopyTemplateCluster(data, log); !copied.ok()) {
    std::filesystem::remove_all(dir);
    return copied;
  }
  Status last = Unavailable("postgres did not start");
  for (int attempt = 0; attempt < kStartAttempts; ++attempt) {
    SA_ASSIGN_OR_RETURN(int port, FreePort());
    const std::string options = "-c listen_addresses=127.0.0.1 -p " + std::to_string(port) +
                                " -c unix_socket_directories=" + dir +
                                " -c fsync=off -c full_page_writes=off -c max_connections=60"
                                " -c shared_buffers=16MB";
    std::unique_ptr<PostgresServer> server(new PostgresServer(dir, port));
    // -w: pg_ctl waits (bounded by -t) until the server accepts connections
    // or fails, e.g. because the port was taken meanwhile.
    if (RunCommand({Bin("pg_ctl"), "start", "-D", data, "-l", server_log, "-w", "-t",
                    std::to_string(kStartTimeout.count()), "-o", options},
                   log) == 0) {
      last = WaitUntilReady(port, server_log);
      if (last.ok()) return server;
    } else {
      last = Unavailable("pg_ctl start failed; server log tail:\n" + Tail(server_log) +
                         "\ncommand log tail:\n" + Tail(log));
    }
    // Stop whatever started; keep the directory for the next attempt.
    RunCommand({Bin("pg_ctl"), "stop", "-D", data, "-m", "immediate", "-w", "-t", "30"},
               dir + "/stop.log");
    server->dir_.clear();
  }
  std::filesystem::remove_all(dir);
  return last;
}

PostgresServer::PostgresServer(std::string dir, int port)
    : dir_(std::move(dir)), port_(port), owner_pid_(getpid()) {}

PostgresServer::~PostgresServer() { Stop(); }

void PostgresServer::Stop() {
  if (dir_.empty() || getpid() != owner_pid_) return;
  RunCommand({Bin("pg_ctl"), "stop", "-D", dir_ + "/data", "-m", "immediate", "-w", "-t", "30"},
             dir_ + "/stop.log");
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
  dir_.clear();
}

std::string PostgresServer::Uri(std::string_view database) const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + std::string(database);
}

Result<std::string> PostgresServer::CreateDatabase(std::string_view name) {
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return InvalidArgument("database name must be [a-z0-9_]: " + std::string(name));
    }
  }
  PGconn* conn = PQconnectdb(ConnInfo(port_, "postgres").c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    return Unavailable("cannot connect to the test server: " + message);
  }
  std::string sql = "CREATE DATABASE " + std::string(name);
  PGresult* res = PQexec(conn, sql.c_str());
  bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  std::string message = ok ? "" : PQresultErrorMessage(res);
  PQclear(res);
  PQfinish(conn);
  if (!ok) return Unavailable("CREATE DATABASE failed: " + message);
  return Uri(name);
}

Result<std::string> PostgresServer::CreateUniqueDatabase() {
  return CreateDatabase("test_" + std::to_string(getpid()) + "_" +
                        std::to_string(++databases_created_));
}

PostgresServer* SharedPostgresServer(std::string* error) {
  if (g_shared && g_shared_owner == getpid()) return g_shared.get();
  if (!g_start_error.empty()) {
    if (error) *error = g_start_error;
    return nullptr;
  }
  auto started = PostgresServer::Start();
  if (!started.ok()) {
    g_start_error = started.status().ToString();
    if (error) *error = g_start_error;
    return nullptr;
  }
  g_shared = std::move(started).value();
  g_shared_owner = getpid();
  return g_shared.get();
}

}  // namespace sa::testing
