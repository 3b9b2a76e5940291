// A small synchronous HTTP/1.1 client for the API tests: one keep-alive
// connection to 127.0.0.1:port, reopened when the server closes it.
// Not thread-safe (one per test thread).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "core/json.h"

namespace sa::http::testing {

struct HttpResponse {
  int status = 0;
  std::multimap<std::string, std::string> headers;  // lower-case names
  std::string body;

  // The first value of a header, or "".
  std::string Header(const std::string& lower_name) const;
  // The body parsed as JSON (null when it is not JSON).
  Json json() const;
  // error.code of a JSON error body, or "".
  std::string ErrorCode() const;
};

class Client {
 public:
  explicit Client(uint16_t port);
  ~Client();

  // Sends one request; `headers` are added as given (e.g. {"Authorization", "Bearer x"}).
  HttpResponse Send(const std::string& method, const std::string& target,
                    const std::string& body = "",
                    const std::map<std::string, std::string>& headers = {});
  // Convenience: JSON body and a bearer token ("" = none).
  HttpResponse Call(const std::string& method, const std::string& target, const std::string& token,
                    const Json& body = nullptr, std::map<std::string, std::string> headers = {});
  // Writes raw bytes on a fresh connection and reads one response.
  HttpResponse Raw(const std::string& bytes);
  // Number of TCP connections opened so far (to observe keep-alive).
  int connections() const { return connections_; }

 private:
  struct Conn;
  uint16_t port_;
  std::unique_ptr<Conn> conn_;
  int connections_ = 0;
};

}  // namespace sa::http::testing
