// Transport: Boost.Beast HTTP/1.1 sessions on a multi-threaded io_context.
// Each connection is a Session on its own strand; requests are parsed here and
// answered by Api (api.h), which knows nothing of Beast.
#include "http/server.h"

#include <spdlog/logger.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <charconv>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "core/ids.h"
#include "http/api.h"
#include "http/websocket_session.h"

namespace sa::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

constexpr size_t kHeaderLimit = 16 * 1024;
constexpr std::chrono::seconds kLingerTimeout{2};

bool ValidRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
      return false;
    }
  }
  return true;
}

Result<std::pair<std::string, uint16_t>> SplitHostPort(const std::string& listen) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) {
    return InvalidArgument("listen: expected HOST:PORT, got \"" + listen + "\"");
  }
  std::string host = listen.substr(0, colon);
  std::string port_text = listen.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535 ||
      host.empty()) {
    return InvalidArgument("listen: expected HOST:PORT, got \"" + listen + "\"");
  }
  return std::make_pair(host, static_cast<uint16_t>(port));
}

std::shared_ptr<spdlog::logger> MakeAccessLog(const std::string& where) {
  spdlog::sink_ptr sink;
  if (where.empty() || where == "stderr") {
    sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  } else if (where == "stdout") {
    sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
  } else if (where == "off") {
    sink = std::make_shared<spdlog::sinks::null_sink_mt>();
  } else {
    sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(where);
  }
  auto logger = std::make_shared<spdlog::logger>("access", std::move(sink));
  logger->set_pattern("%v");
  logger->flush_on(spdlog::level::info);
  return logger;
}

}  // namespace

class Session;

class Server::Impl {
 public:
  Impl(ServerOptions options, ServerDeps deps)
      : options_(std::move(options)),
        deps_(deps),
        ioc_(std::max(1, options_.threads)),
        acceptor_(ioc_),
        grace_timer_(ioc_),
        api_(options_, deps_) {}

  ~Impl() {
    std::lock_guard lock(mu_);
    destroying_ = true;
  }

  Status Listen();
  void Run();
  void Stop();
  void Wait();

  // Called by sessions (any I/O thread).
  void Register(const std::shared_ptr<Session>& session);
  void Unregister(Session* session);
  bool stopping() const { return stopping_.load(); }
  Response Answer(Request& request, std::string* route);
  void Finish(const Request& request, const std::string& route, int status, MonoTime start,
              size_t bytes);
  const ServerOptions& options() const { return options_; }
  const Clock& deps_clock() const { return deps_.clock; }

  std::string url_;
  uint16_t port_ = 0;
  Api& api() { return api_; }

 private:
  void Accept();

  ServerOptions options_;
  ServerDeps deps_;
  // Declared before ioc_ so they outlive it: destroying ioc_ destroys queued
  // handlers, whose sessions unregister themselves.
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  bool destroying_ = false;  // guarded by mu_
  std::map<Session*, std::weak_ptr<Session>> sessions_;
  net::io_context ioc_;
  tcp::acceptor acceptor_;
  net::steady_timer grace_timer_;
  Api api_;
  std::shared_ptr<spdlog::logger> access_log_;
  std::vector<std::thread> threads_;
  std::once_flag joined_;
  friend class Server;
};

// One client connection: reads requests, answers them in order (keep-alive).
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Server::Impl& server) : stream_(std::move(socket)), server_(server) {
    beast::error_code bec;
    auto endpoint = stream_.socket().remote_endpoint(bec);
    if (!bec) remote_ip_ = endpoint.address().to_string();
  }
  ~Session() { server_.Unregister(this); }

  void Start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->ReadHeader(); });
  }

  // Closes the connection if it is waiting for a next request (graceful stop).
  void CloseIfIdle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->idle_) {
        beast::error_code ec;
        self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        self->stream_.socket().close(ec);
      }
    });
  }

 private:
  void ReadHeader() {
    idle_ = buffer_.size() == 0;
    if (server_.stopping() && idle_) return Close();
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(server_.options().max_import_bytes);  // narrowed in OnHeader
    stream_.expires_after(served_ == 0 ? server_.options().read_timeout
                                       : server_.options().idle_timeout);
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    idle_ = false;
    start_ = server_.deps_clock().Monotonic();
    if (ec) return OnReadError(ec);
    // Extension point (WebSocket, web UI issue): a request here with
    // `boost::beast::websocket::is_upgrade(parser_->get())` on a WebSocket
    // path is to be handed to a websocket session taking over stream_; until
    // then upgrades are answered as plain HTTP requests.
    auto& req = parser_->get();
    limit_ = BodyLimitFor(std::string_view(req.target().data(), req.target().size()));
    parser_->body_limit(limit_);
    if (auto length = parser_->content_length(); length && *length > limit_) {
      return RejectTooLarge();
    }
    if (beast::iequals(req[bhttp::field::expect], "100-continue")) {
      auto cont = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_,
                                                                       req.version());
      bhttp::async_write(stream_, *cont,
                         [self = shared_from_this(), cont](beast::error_code ec, size_t) {
                           if (ec) return self->Close();
                           self->ReadBody();
                         });
      return;
    }
    ReadBody();
  }

  // Org packs are big YAML files; every other body is small JSON.
  size_t BodyLimitFor(std::string_view target) const {
    constexpr std::string_view kImport = "/api/v1/admin/import";
    bool import = target.substr(0, kImport.size()) == kImport &&
                  (target.size() == kImport.size() || target[kImport.size()] == '?');
    return import ? server_.options().max_import_bytes : server_.options().max_body_bytes;
  }

  void ReadBody() {
    stream_.expires_after(server_.options().read_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, size_t) {
                        if (ec) return self->OnReadError(ec);
                        self->Handle();
                      });
  }

  void OnReadError(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) return RejectTooLarge();
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
        ec == net::error::operation_aborted || ec == net::error::connection_reset ||
        ec == net::error::eof || ec == net::error::bad_descriptor) {
      return Close();
    }
    // A malformed request: answer 400 and close (the stream cannot be resynced).
    Request request;
    request.method = "?";
    request.request_id = RandomHex(8);
    request.remote_ip = remote_ip_;
    Send(request, "malformed",
         ErrorResponse(InvalidArgument("malformed HTTP request: " + ec.message()),
                       request.request_id),
         /*keep_alive=*/false);
  }

  void RejectTooLarge() {
    Request request;
    const auto& req = parser_->get();
    request.method = std::string(req.method_string());
    request.path = std::string(req.target());
    request.request_id = RandomHex(8);
    request.remote_ip = remote_ip_;
    linger_ = true;
    Send(request, "too_large",
         ErrorResponse(
             TooLarge("request body exceeds the limit of " + std::to_string(limit_) + " bytes"),
             request.request_id),
         /*keep_alive=*/false);
  }

  void Handle() {
    auto& req = parser_->get();
    Request request;
    request.method = std::string(req.method_string());
    request.target = std::string(req.target());
    request.remote_ip = remote_ip_;
    for (const auto& field : req) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string value(field.value());
      auto [it, inserted] = request.headers.emplace(name, value);
      if (!inserted) it->second += (name == "cookie" ? "; " : ", ") + value;
    }
    const std::string& incoming_id = request.Header("x-request-id");
    request.request_id = ValidRequestId(incoming_id) ? incoming_id : RandomHex(8);
    request.body = std::move(req.body());
    bool keep_alive = req.keep_alive() && !server_.stopping();

    std::string route = "malformed";
    Response response;
    size_t q = request.target.find('?');
    Result<std::string> path = PercentDecode(request.target.substr(0, q), false);
    Result<std::map<std::string, std::string>> query =
        q == std::string::npos ? std::map<std::string, std::string>()
                               : ParseQuery(std::string_view(request.target).substr(q + 1));
    if (!path.ok() || !query.ok() || request.target.empty() || request.target[0] != '/') {
      response = ErrorResponse(InvalidArgument("malformed request target"), request.request_id);
    } else {
      request.path = *path;
      request.query = *std::move(query);
      if (request.path == kWebSocketPath && boost::beast::websocket::is_upgrade(req)) {
        Result<Caller> caller = server_.api().AuthenticateLive(request);
        if (caller.ok()) {
          server_.Finish(request, kWebSocketPath, 101, start_, 0);
          return StartWebSocket(server_.api().live(), std::move(stream_), parser_->release(),
                                *std::move(caller));
        }
        response = ErrorResponse(caller.status(), request.request_id);
        route = kWebSocketPath;
      } else {
        response = server_.Answer(request, &route);
      }
    }
    Send(request, route, std::move(response), keep_alive);
  }

  void Send(const Request& request, const std::string& route, Response response, bool keep_alive) {
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>();
    res->version(11);
    res->result(static_cast<unsigned>(response.status));
    res->set(bhttp::field::server, "smartassist");
    res->set("X-Request-Id", request.request_id);
    if (!response.content_type.empty()) res->set(bhttp::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) res->insert(name, value);
    res->body() = std::move(response.body);
    res->keep_alive(keep_alive);
    res->prepare_payload();
    server_.Finish(request, route, response.status, start_, res->body().size());
    ++served_;
    stream_.expires_after(server_.options().read_timeout);
    bhttp::async_write(stream_, *res,
                       [self = shared_from_this(), res](beast::error_code ec, size_t) {
                         if (ec) return self->Close();
                         if (!res->keep_alive())
                           return self->linger_ ? self->Linger() : self->Close();
                         self->ReadHeader();
                       });
  }

  // After refusing a body we did not read: stop sending, then discard what
  // the client still sends (briefly) so it can read our answer before close.
  void Linger() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(kLingerTimeout);
    auto scratch = std::make_shared<std::array<char, 16384>>();
    DiscardSome(scratch);
  }

  void DiscardSome(std::shared_ptr<std::array<char, 16384>> scratch) {
    stream_.async_read_some(net::buffer(*scratch),
                            [self = shared_from_this(), scratch](beast::error_code ec, size_t) {
                              if (ec) return self->Close();
                              self->DiscardSome(scratch);
                            });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  Server::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::string remote_ip_;
  MonoTime start_{};
  uint64_t served_ = 0;
  size_t limit_ = 0;
  bool idle_ = false;
  bool linger_ = false;
};

Status Server::Impl::Listen() {
  SA_ASSIGN_OR_RETURN(auto host_port, SplitHostPort(options_.listen));
  if (options_.threads < 1 || options_.threads > 256) {
    return InvalidArgument("threads: expected 1..256");
  }
  if (options_.max_body_bytes == 0) return InvalidArgument("max_body_bytes: must be positive");
  try {
    access_log_ = MakeAccessLog(options_.access_log);
  } catch (const std::exception& e) {
    return InvalidArgument("access_log: " + std::string(e.what()));
  }
  beast::error_code ec;
  tcp::resolver resolver(ioc_);
  auto results = resolver.resolve(host_port.first, std::to_string(host_port.second),
                                  tcp::resolver::passive, ec);
  if (ec || results.empty()) {
    return InvalidArgument("listen: cannot resolve \"" + host_port.first + "\": " + ec.message());
  }
  tcp::endpoint endpoint = results.begin()->endpoint();
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Unavailable("cannot listen on " + options_.listen + ": " + ec.message());
  }
  tcp::endpoint bound = acceptor_.local_endpoint(ec);
  port_ = bound.port();
  std::string host = bound.address().to_string();
  if (bound.address().is_v6()) host = "[" + host + "]";
  url_ = "http://" + host + ":" + std::to_string(port_);
  return Status::Ok();
}

void Server::Impl::Run() {
  Accept();
  for (int i = 0; i < std::max(1, options_.threads); ++i) {
    threads_.emplace_back([this] { ioc_.run(); });
  }
}

void Server::Impl::Accept() {
  acceptor_.async_accept(net::make_strand(ioc_), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
      return Accept();  // e.g. too many open files: keep serving the others
    }
    auto session = std::make_shared<Session>(std::move(socket), *this);
    Register(session);
    session->Start();
    Accept();
  });
}

void Server::Impl::Register(const std::shared_ptr<Session>& session) {
  std::lock_guard lock(mu_);
  sessions_[session.get()] = session;
}

void Server::Impl::Unregister(Session* session) {
  std::lock_guard lock(mu_);
  sessions_.erase(session);
  if (stopping_ && sessions_.empty() && !destroying_) {
    net::post(ioc_, [this] { grace_timer_.cancel(); });
  }
}

void Server::Impl::Stop() {
  if (stopping_.exchange(true)) return;
  net::post(ioc_, [this] {
    beast::error_code ec;
    acceptor_.close(ec);
    grace_timer_.expires_after(options_.stop_grace);
    grace_timer_.async_wait([this](beast::error_code ec) {
      if (!ec) ioc_.stop();  // requests still running after the grace period
    });
    std::vector<std::shared_ptr<Session>> live;
    {
      std::lock_guard lock(mu_);
      for (auto& [ptr, weak] : sessions_) {
        if (auto s = weak.lock()) live.push_back(std::move(s));
      }
      if (sessions_.empty()) grace_timer_.cancel();
    }
    for (auto& s : live) s->CloseIfIdle();
    api_.live().CloseAll();
  });
}

void Server::Impl::Wait() {
  std::call_once(joined_, [this] {
    for (std::thread& t : threads_) t.join();
  });
}

Response Server::Impl::Answer(Request& request, std::string* route) {
  return api_.Handle(request, route);
}

void Server::Impl::Finish(const Request& request, const std::string& route, int status,
                          MonoTime start, size_t bytes) {
  double seconds = std::chrono::duration<double>(deps_.clock.Monotonic() - start).count();
  if (seconds < 0) seconds = 0;
  api_.metrics().Observe(route, request.method, status, seconds);
  Json line = {{"ts", FormatTime(deps_.clock.Now())},
               {"request_id", request.request_id},
               {"method", request.method},
               {"route", route},
               {"path", request.path},
               {"status", status},
               {"duration_ms", seconds * 1000.0},
               {"bytes", bytes},
               {"remote", request.remote_ip}};
  access_log_->info(line.dump(-1, ' ', false, Json::error_handler_t::replace));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  Stop();
  Wait();
}

Result<std::unique_ptr<Server>> Server::Start(ServerOptions options, ServerDeps deps) {
  auto impl = std::make_unique<Impl>(std::move(options), deps);
  SA_RETURN_IF_ERROR(impl->Listen());
  impl->Run();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

std::string Server::Url() const { return impl_->url_; }
uint16_t Server::port() const { return impl_->port_; }
std::vector<RouteInfo> Server::Routes() const { return impl_->api().Routes(); }
void Server::Stop() { impl_->Stop(); }
void Server::Wait() { impl_->Wait(); }

}  // namespace sa::http
