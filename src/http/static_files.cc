#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace sa::http {

namespace fs = std::filesystem;

namespace {

bool SafeRelative(const std::string& path) {
  // Each segment must be a plain name: no "..", no ".", no backslash or NUL.
  size_t i = 0;
  while (i <= path.size()) {
    size_t end = path.find('/', i);
    if (end == std::string::npos) end = path.size();
    std::string seg = path.substr(i, end - i);
    if (seg == ".." || seg == "." || seg.find('\\') != std::string::npos ||
        seg.find('\0') != std::string::npos) {
      return false;
    }
    i = end + 1;
  }
  return true;
}

bool ReadFile(const fs::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

}  // namespace

std::string ContentTypeFor(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".html" || ext == ".htm") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".gif") return "image/gif";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".webp") return "image/webp";
  if (ext == ".woff") return "font/woff";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".yaml" || ext == ".yml") return "application/yaml";
  if (ext == ".wasm") return "application/wasm";
  return "application/octet-stream";
}

StaticFiles::StaticFiles(std::string root) {
  if (root.empty()) return;
  std::error_code ec;
  fs::path canonical = fs::canonical(root, ec);
  if (!ec && fs::is_directory(canonical, ec)) root_ = canonical.string();
}

Response StaticFiles::Serve(const Request& request) const {
  if (request.method != "GET" && request.method != "HEAD") {
    Response r = ErrorResponse(405, "method_not_allowed",
                               "method " + request.method + " is not allowed on " + request.path,
                               request.request_id);
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  auto not_found = [&] {
    return ErrorResponse(Status(Code::kNotFound, "no such page: " + request.path),
                         request.request_id);
  };
  if (root_.empty()) return not_found();
  std::string rel = request.path.substr(request.path.find_first_not_of('/') == std::string::npos
                                            ? request.path.size()
                                            : request.path.find_first_not_of('/'));
  if (!SafeRelative(rel)) return not_found();
  if (rel.empty()) rel = "index.html";

  std::error_code ec;
  fs::path candidate = fs::path(root_) / rel;
  if (fs::is_directory(candidate, ec)) candidate /= "index.html";
  bool exists = fs::is_regular_file(candidate, ec);
  if (!exists && fs::path(rel).extension().empty()) {
    candidate = fs::path(root_) / "index.html";  // a client-side route of the web app
    exists = fs::is_regular_file(candidate, ec);
  }
  if (!exists) return not_found();
  // Refuse files whose real location is outside the root (symlinks).
  fs::path real = fs::canonical(candidate, ec);
  std::string real_s = real.string();
  if (ec || real_s.compare(0, root_.size(), root_) != 0 ||
      (real_s.size() > root_.size() && real_s[root_.size()] != '/')) {
    return not_found();
  }
  std::string body;
  if (!ReadFile(real, &body)) return not_found();
  Response r = Response::Text(200, ContentTypeFor(real_s), std::move(body));
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (real.filename() == "index.html") r.headers.emplace_back("Cache-Control", "no-cache");
  return r;
}

}  // namespace sa::http
