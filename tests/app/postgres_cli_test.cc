// The product on PostgreSQL, as an operator runs it: `smartassist import`,
// `token create` and `serve --db postgresql://...` as separate processes on a
// real PostgreSQL server (tests/support/postgres_server.h), a few API calls
// over real sockets, and `audit verify --db ...` on what they wrote.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "client.h"
#include "core/ids.h"
#include "tests/support/postgres_server.h"

namespace sa::app {
namespace {

namespace fs = std::filesystem;
using http::testing::Client;
using http::testing::HttpResponse;

// How long `serve` may take to train its models and listen (loaded machine).
constexpr int kStartTimeoutMs = 180'000;

struct Output {
  int exit_code = -1;
  std::string text;  // stdout and stderr
};

// Runs the smartassist binary with `args` and waits for it.
Output RunCli(const std::string& args) {
  Output out;
  std::string command = std::string(SA_BINARY) + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) out.text.append(buf.data(), n);
  int status = pclose(pipe);
  out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

std::string LastLine(const std::string& text) {
  std::string t = text;
  while (!t.empty() && t.back() == '\n') t.pop_back();
  auto nl = t.rfind('\n');
  return nl == std::string::npos ? t : t.substr(nl + 1);
}

class PostgresCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    sa::testing::PostgresServer* pg = sa::testing::SharedPostgresServer(&error);
    ASSERT_NE(pg, nullptr) << error;
    auto uri = pg->CreateUniqueDatabase();
    ASSERT_TRUE(uri.ok()) << uri.status().ToString();
    db_ = *uri;
    dir_ = fs::temp_directory_path() / ("sa-pg-cli-" + RandomHex(6));
    fs::create_directories(dir_);
    common_ = "--db '" + db_ + "' --data '" + dir_.string() + "'";
  }

  void TearDown() override {
    StopServer();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Starts `serve` on a free loopback port (it prints the URL it listens on)
  // and returns the port, or 0 (with a test failure) when it did not come up.
  uint16_t StartServer() {
    int fds[2];
    if (pipe(fds) != 0) return 0;
    server_pid_ = fork();
    if (server_pid_ == 0) {
      dup2(fds[1], STDOUT_FILENO);
      int log = open((dir_ / "server.log").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (log >= 0) dup2(log, STDERR_FILENO);
      close(fds[0]);
      close(fds[1]);
      execl(SA_BINARY, SA_BINARY, "serve", "--db", db_.c_str(), "--data", dir_.c_str(), "--listen",
            "127.0.0.1:0", "--access-log", "off", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(fds[1]);
    std::string seen;
    std::smatch match;
    const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+))");
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kStartTimeoutMs);
    while (!std::regex_search(seen, match, listening)) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      pollfd p{fds[0], POLLIN, 0};
      if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
      char buf[512];
      ssize_t n = read(fds[0], buf, sizeof(buf));
      if (n <= 0) break;
      seen.append(buf, static_cast<size_t>(n));
    }
    close(fds[0]);
    if (match.empty()) {
      ADD_FAILURE() << "serve did not start; stdout: " << seen;
      return 0;
    }
    return static_cast<uint16_t>(std::stoi(match.str(1)));
  }

  // SIGTERM, then waits: the server stops gracefully. Returns its exit code.
  int StopServer() {
    if (server_pid_ <= 0) return -1;
    kill(server_pid_, SIGTERM);
    int status = 0;
    waitpid(server_pid_, &status, 0);
    server_pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  std::string db_;
  fs::path dir_;
  std::string common_;
  pid_t server_pid_ = -1;
};

TEST_F(PostgresCliTest, ImportsServesAndKeepsAVerifiableAuditChain) {
  Output imported =
      RunCli("import '" + std::string(SA_SOURCE_DIR) + "/examples/acme.yaml' " + common_);
  ASSERT_EQ(imported.exit_code, 0) << imported.text;
  EXPECT_NE(imported.text.find("Acme Corp"), std::string::npos) << imported.text;
  Output again =
      RunCli("import '" + std::string(SA_SOURCE_DIR) + "/examples/acme.yaml' " + common_);
  EXPECT_EQ(again.exit_code, 0) << again.text;

  Output integration = RunCli("token create --name slack --role integration " + common_);
  ASSERT_EQ(integration.exit_code, 0) << integration.text;
  const std::string slack = LastLine(integration.text);
  Output agent = RunCli("token create --name franck --role agent --user franck " + common_);
  ASSERT_EQ(agent.exit_code, 0) << agent.text;
  const std::string franck = LastLine(agent.text);
  ASSERT_TRUE(std::regex_match(slack, std::regex("sat_[0-9a-f]{64}"))) << slack;

  uint16_t port = StartServer();
  ASSERT_NE(port, 0);
  Client client(port);
  EXPECT_EQ(client.Call("GET", "/healthz", "").status, 200);
  EXPECT_EQ(client.Call("GET", "/readyz", "").status, 200);
  EXPECT_EQ(client.Call("GET", "/api/v1/tickets", "").status, 401);

  HttpResponse created = client.Call("POST", "/api/v1/tickets", franck,
                                     {{"title", "Locked out after the password change"},
                                      {"requester", "alice"},
                                      {"team", "identity"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string ticket = created.json().value("id", "");
  EXPECT_TRUE(std::regex_match(ticket, std::regex("(INC|REQ)-\\d{6}"))) << ticket;
  HttpResponse got = client.Call("GET", "/api/v1/tickets/" + ticket, franck);
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.json()["title"], "Locked out after the password change");
  HttpResponse comment = client.Call("POST", "/api/v1/tickets/" + ticket + "/comments", franck,
                                     {{"body", "Looking at the concentrator logs"}});
  EXPECT_EQ(comment.status, 201) << comment.body;
  HttpResponse list = client.Call("GET", "/api/v1/tickets?limit=10", franck);
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_GE(list.json()["total"].get<int>(), 1);

  // The real bot on PostgreSQL: a conversation, and a retried message
  // (same client_message_id) answered the same without a second turn.
  HttpResponse open =
      client.Call("POST", "/api/v1/conversations", slack, {{"user", "alice"}, {"channel", "api"}});
  ASSERT_EQ(open.status, 201) << open.body;
  const std::string conversation = open.json().value("id", "");
  const Json message = {{"text", "how do I set up the VPN client?"}, {"client_message_id", "m-1"}};
  HttpResponse first = client.Call("POST", "/api/v1/conversations/" + conversation + "/messages",
                                   slack, message, {{"X-On-Behalf-Of", "alice"}});
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_FALSE(first.json()["replies"].empty()) << first.body;
  HttpResponse retried = client.Call("POST", "/api/v1/conversations/" + conversation + "/messages",
                                     slack, message, {{"X-On-Behalf-Of", "alice"}});
  ASSERT_EQ(retried.status, 200) << retried.body;
  EXPECT_EQ(retried.json()["replies"], first.json()["replies"]);
  EXPECT_EQ(StopServer(), 0);

  Output audit = RunCli("audit verify " + common_);
  EXPECT_EQ(audit.exit_code, 0) << audit.text;
  EXPECT_NE(audit.text.find("audit chain ok"), std::string::npos) << audit.text;
}

}  // namespace
}  // namespace sa::app
