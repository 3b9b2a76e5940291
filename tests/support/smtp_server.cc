#include "tests/support/smtp_server.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#ifndef SA_TEST_SUPPORT_DIR
#error "SA_TEST_SUPPORT_DIR must name tests/support (set by CMake)"
#endif

namespace sa::test {
namespace {

namespace fs = std::filesystem;
using std::chrono::steady_clock;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Exit status of a finished child, or -1 while it still runs.
int ExitedStatus(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, WNOHANG) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

Result<std::unique_ptr<SmtpServer>> SmtpServer::Start() {
  std::unique_ptr<SmtpServer> server(new SmtpServer());
  std::string tmpl = (fs::temp_directory_path() / "sa-smtp-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) return Unavailable("smtp sink: cannot create a temp dir");
  server->dir_ = tmpl;
  fs::create_directories(server->dir_ + "/mail");

  const char* env_python = std::getenv("SA_PYTHON");
  const std::string python = env_python != nullptr && *env_python ? env_python : "/usr/bin/python3";
  const std::string script = std::string(SA_TEST_SUPPORT_DIR) + "/smtp_sink.py";
  const std::string port_file = server->dir_ + "/port";
  const std::string log = server->dir_ + "/server.log";
  std::vector<std::string> argv = {python,        script,   "--dir", server->dir_ + "/mail",
                                   "--port-file", port_file};
  std::vector<char*> args;
  for (std::string& a : argv) args.push_back(a.data());
  args.push_back(nullptr);

  pid_t pid = fork();
  if (pid < 0) return Unavailable("smtp sink: fork failed");
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the test
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (fd >= 0) {
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
      close(fd);
    }
    execv(args[0], args.data());
    _exit(127);
  }
  server->pid_ = pid;

  // Readiness: the script writes the port file once it listens.
  const auto deadline = steady_clock::now() + std::chrono::seconds(20);
  while (steady_clock::now() < deadline) {
    if (fs::exists(port_file)) {
      server->port_ = std::atoi(ReadAll(port_file).c_str());
      if (server->port_ > 0) return server;
    }
    if (ExitedStatus(server->pid_) >= 0) {
      server->pid_ = -1;
      return Unavailable("smtp sink exited at start: " + server->LogText());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // readiness polling
  }
  return Unavailable("smtp sink did not start within 20 s: " + server->LogText());
}

SmtpServer::~SmtpServer() {
  Stop();
  if (!dir_.empty()) {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
}

void SmtpServer::Stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

std::string SmtpServer::LogText() const { return ReadAll(dir_ + "/server.log"); }

std::vector<ReceivedMail> SmtpServer::Messages() const {
  std::vector<ReceivedMail> out;
  for (int n = 1;; ++n) {
    const std::string path = dir_ + "/mail/msg-" + std::to_string(n) + ".json";
    if (!fs::exists(path)) break;
    Json j = Json::parse(ReadAll(path), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) break;
    ReceivedMail m;
    m.mail_from = j.value("mail_from", "");
    m.rcpt_tos = j.value("rcpt_tos", std::vector<std::string>{});
    m.subject = j.value("subject", "");
    m.to = j.value("to", "");
    m.from = j.value("from", "");
    m.date = j.value("date", "");
    m.message_id = j.value("message_id", "");
    m.content_type = j.value("content_type", "");
    m.charset = j.value("charset", "");
    m.text = j.value("text", "");
    m.raw = j.value("raw", "");
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace sa::test
