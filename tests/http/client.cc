#include "client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <stdexcept>

namespace sa::http::testing {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

struct Client::Conn {
  net::io_context ioc;
  tcp::socket socket{ioc};
  beast::flat_buffer buffer;
};

std::string HttpResponse::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

Json HttpResponse::json() const { return Json::parse(body, nullptr, /*allow_exceptions=*/false); }

std::string HttpResponse::ErrorCode() const {
  Json j = json();
  if (j.is_object() && j.contains("error") && j["error"].contains("code")) {
    return j["error"]["code"].get<std::string>();
  }
  return {};
}

Client::Client(uint16_t port) : port_(port) {}
Client::~Client() = default;

namespace {

HttpResponse Convert(bhttp::response<bhttp::string_body>& res) {
  HttpResponse out;
  out.status = static_cast<int>(res.result_int());
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers.emplace(name, std::string(f.value()));
  }
  out.body = res.body();
  return out;
}

}  // namespace

HttpResponse Client::Send(const std::string& method, const std::string& target,
                          const std::string& body,
                          const std::map<std::string, std::string>& headers) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!conn_) {
      conn_ = std::make_unique<Conn>();
      conn_->socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
      ++connections_;
    }
    bhttp::request<bhttp::string_body> req;
    req.method_string(method);
    req.target(target);
    req.version(11);
    req.set(bhttp::field::host, "127.0.0.1");
    for (const auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
      req.prepare_payload();
    }
    beast::error_code ec;
    bhttp::write(conn_->socket, req, ec);
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 << 20);
    if (!ec) bhttp::read(conn_->socket, conn_->buffer, parser, ec);
    if (ec) {
      // The server closed an idle keep-alive connection: retry once on a new one.
      conn_.reset();
      if (attempt == 0) continue;
      throw std::runtime_error("HTTP request failed: " + ec.message());
    }
    auto res = parser.release();
    HttpResponse out = Convert(res);
    if (!res.keep_alive()) conn_.reset();
    return out;
  }
  throw std::runtime_error("unreachable");
}

HttpResponse Client::Call(const std::string& method, const std::string& target,
                          const std::string& token, const Json& body,
                          std::map<std::string, std::string> headers) {
  if (!token.empty()) headers["Authorization"] = "Bearer " + token;
  std::string text;
  if (!body.is_null()) {
    text = body.dump();
    headers["Content-Type"] = "application/json";
  }
  return Send(method, target, text, headers);
}

HttpResponse Client::Raw(const std::string& bytes) {
  net::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
  ++connections_;
  net::write(socket, net::buffer(bytes));
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  beast::error_code ec;
  bhttp::read(socket, buffer, parser, ec);
  if (ec) throw std::runtime_error("raw HTTP exchange failed: " + ec.message());
  auto res = parser.release();
  return Convert(res);
}

}  // namespace sa::http::testing
