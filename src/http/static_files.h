// Web assets served from a directory for every non-API GET: exact files with
// their content type, and index.html for client-side (SPA) routes. Paths never
// leave the directory (no "..", no symlink escape). Thread-safe (read-only).
#pragma once

#include <string>

#include "http/message.h"

namespace sa::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root);  // empty root = serve nothing (404)
  // The file for `path` ("/", "/app.js", "/tickets/INC-1" -> index.html), or
  // a 404/405 JSON error.
  Response Serve(const Request& request) const;

 private:
  std::string root_;  // canonical, or empty
};

// "text/html; charset=utf-8" for ".html", ... "application/octet-stream" otherwise.
std::string ContentTypeFor(const std::string& path);

}  // namespace sa::http
