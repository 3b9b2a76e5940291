// The HTTP exchange as the API handlers see it, free of any Beast type:
// a parsed request and the response to send. Private to src/http.
// Plain values; a Request belongs to the thread handling it.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json.h"
#include "core/status.h"

namespace sa::http {

struct Request {
  std::string method;                          // "GET", "POST"...
  std::string target;                          // as received, e.g. "/a/b?x=1"
  std::string path;                            // percent-decoded path, no query
  std::map<std::string, std::string> query;    // decoded; last value wins
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string remote_ip;
  std::string request_id;
  std::map<std::string, std::string> params;  // from the route pattern's {name}s

  // The header's value, or "" when absent. `name` in lower case.
  const std::string& Header(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  static Response MakeJson(int status, const Json& body);
  static Response Text(int status, std::string content_type, std::string body);
  static Response NoContent();
};

// The one place that maps a Status code to an HTTP status.
int HttpStatus(Code code);

// {"error": {"code", "message", "request_id"[, "details"]}} with the status of
// `status.code()`; `details` (when non-empty) lists every problem found.
Response ErrorResponse(const Status& status, const std::string& request_id,
                       const std::vector<std::string>& details = {});
// The same for HTTP-level errors that have no sa::Code (405 method_not_allowed).
Response ErrorResponse(int http_status, std::string_view code, std::string_view message,
                       const std::string& request_id);

// Decodes %XX (and '+' as space when `plus_is_space`). InvalidArgument on a bad escape.
Result<std::string> PercentDecode(std::string_view text, bool plus_is_space);
// Splits "a=1&b=x%20y" into decoded pairs.
Result<std::map<std::string, std::string>> ParseQuery(std::string_view query);

}  // namespace sa::http
