// Mailer over SMTP with libcurl: builds an RFC 5322 message (UTF-8 headers as
// RFC 2047 encoded words, body in base64) and sends it in one transaction.
#include <curl/curl.h>

#include <cstring>
#include <ctime>
#include <mutex>
#include <string>

#include "automation/mailer.h"
#include "core/ids.h"

namespace sa::automation {
namespace {

void EnsureCurl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string Base64(std::string_view in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i + 1 == in.size()) {
    uint32_t n = uint8_t(in[i]) << 16;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

bool IsPlainAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

// A header value: as is when short printable ASCII, else RFC 2047 encoded
// words of at most 45 bytes each, cut on UTF-8 character boundaries, folded.
std::string EncodeHeaderText(std::string_view text) {
  if (IsPlainAscii(text) && text.size() <= 70 && text.find("=?") == std::string_view::npos) {
    return std::string(text);
  }
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = std::min(pos + 45, text.size());
    while (end < text.size() && end > pos && (uint8_t(text[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(text.substr(pos, end - pos)) + "?=";
    pos = end;
  }
  return out;
}

// Body: lines normalized to CRLF, base64 in lines of 76 characters.
std::string EncodeBody(std::string_view text) {
  std::string crlf;
  crlf.reserve(text.size() + text.size() / 32);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') continue;
    if (text[i] == '\n') crlf += '\r';
    crlf += text[i];
  }
  std::string encoded = Base64(crlf);
  std::string out;
  for (size_t i = 0; i < encoded.size(); i += 76) {
    out.append(encoded, i, 76).append("\r\n");
  }
  return out;
}

std::string RfcDate(TimePoint t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

// A deliberately strict addr-spec check: one '@', no spaces, controls, angle
// brackets, commas or quotes (which could smuggle extra recipients or headers).
bool IsValidAddress(std::string_view address) {
  if (address.empty() || address.size() > 254) return false;
  size_t at = address.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 == address.size() ||
      address.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  for (unsigned char c : address) {
    if (c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == ',' || c == '"' || c == '(' ||
        c == ')' || c == ';' || c == '\\') {
      return false;
    }
  }
  return true;
}

bool HasLineBreak(std::string_view s) {
  return s.find('\r') != std::string_view::npos || s.find('\n') != std::string_view::npos;
}

struct Upload {
  std::string data;
  size_t offset = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t nitems, void* userdata) {
  auto* upload = static_cast<Upload*>(userdata);
  size_t n = std::min(size * nitems, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

class SmtpMailer : public Mailer {
 public:
  SmtpMailer(SmtpOptions options, std::shared_ptr<Clock> clock)
      : options_(std::move(options)), clock_(std::move(clock)) {
    std::string host = options_.host;
    if (host.find(':') != std::string::npos) host = "[" + host + "]";  // IPv6 literal
    url_ = "smtp://" + host + ":" + std::to_string(options_.port);
  }

  Status Send(const Mail& mail) override {
    if (!IsValidAddress(mail.to)) {
      return InvalidArgument("invalid recipient address \"" + mail.to + "\"");
    }
    if (HasLineBreak(mail.subject)) return InvalidArgument("the subject contains a line break");
    EnsureCurl();
    std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl) return Internal("libcurl: cannot create a handle");
    Upload upload{Compose(mail)};
    std::unique_ptr<curl_slist, SlistDeleter> rcpt(
        curl_slist_append(nullptr, ("<" + mail.to + ">").c_str()));
    const std::string from = "<" + options_.from + ">";
    char error[CURL_ERROR_SIZE] = {};
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
    curl_easy_setopt(c, CURLOPT_READFUNCTION, &ReadUpload);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, long(options_.connect_timeout.count()));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, long(options_.timeout.count()));
    if (options_.start_tls) curl_easy_setopt(c, CURLOPT_USE_SSL, long(CURLUSESSL_ALL));
    if (!options_.username.empty()) {
      curl_easy_setopt(c, CURLOPT_USERNAME, options_.username.c_str());
      curl_easy_setopt(c, CURLOPT_PASSWORD, options_.password.c_str());
    }
    CURLcode rc = curl_easy_perform(c);
    if (rc == CURLE_OK) return Status::Ok();
    long reply = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
    return Failure(rc, reply, error);
  }

 private:
  std::string Compose(const Mail& mail) const {
    std::string from_header = "<" + options_.from + ">";
    if (!options_.from_name.empty()) {
      from_header = EncodeHeaderText(options_.from_name) + " " + from_header;
    }
    std::string domain = options_.from.substr(options_.from.find('@') + 1);
    std::string m;
    m += "Date: " + RfcDate(clock_->Now()) + "\r\n";
    m += "From: " + from_header + "\r\n";
    m += "To: <" + mail.to + ">\r\n";
    m += "Subject: " + EncodeHeaderText(mail.subject) + "\r\n";
    m += "Message-ID: <" + RandomHex(16) + "@" + domain + ">\r\n";
    m += "MIME-Version: 1.0\r\n";
    m += "Content-Type: text/plain; charset=UTF-8\r\n";
    m += "Content-Transfer-Encoding: base64\r\n";
    m += "\r\n";
    m += EncodeBody(mail.text);
    return m;
  }

  Status Failure(CURLcode rc, long reply, const char* error) const {
    std::string message = "mail server " + url_ + ": " +
                          (error[0] != '\0' ? std::string(error) : curl_easy_strerror(rc));
    if (reply >= 400) message += " (SMTP " + std::to_string(reply) + ")";
    if (reply >= 500) return FailedPrecondition(message);
    if (reply >= 400) return Unavailable(message);
    switch (rc) {
      case CURLE_COULDNT_CONNECT:
      case CURLE_COULDNT_RESOLVE_HOST:
      case CURLE_OPERATION_TIMEDOUT:
      case CURLE_SEND_ERROR:
      case CURLE_RECV_ERROR:
      case CURLE_GOT_NOTHING:
      case CURLE_SSL_CONNECT_ERROR:
        return Unavailable(message);
      case CURLE_LOGIN_DENIED:
      case CURLE_USE_SSL_FAILED:
        return FailedPrecondition(message);
      default:
        return Internal(message);
    }
  }

  SmtpOptions options_;
  std::shared_ptr<Clock> clock_;
  std::string url_;
};

}  // namespace

Result<std::unique_ptr<Mailer>> NewSmtpMailer(SmtpOptions options) {
  if (!IsValidAddress(options.from)) {
    return InvalidArgument("invalid sender address \"" + options.from + "\"");
  }
  if (HasLineBreak(options.from_name)) return InvalidArgument("sender name contains a line break");
  if (options.host.empty() || options.port <= 0 || options.port > 65535) {
    return InvalidArgument("invalid SMTP host or port");
  }
  if (options.connect_timeout.count() <= 0 || options.timeout.count() <= 0) {
    return InvalidArgument("SMTP timeouts must be positive");
  }
  std::shared_ptr<Clock> clock = options.clock ? options.clock : NewSystemClock();
  return std::unique_ptr<Mailer>(std::make_unique<SmtpMailer>(std::move(options), clock));
}

}  // namespace sa::automation
