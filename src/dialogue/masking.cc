#include "dialogue/masking.h"

#include <regex>
#include <vector>

namespace sa::dialogue {
namespace {

constexpr const char* kHidden = "[hidden]";

bool LuhnValid(const std::string& digits) {
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

// Replaces every match of `re` for which `keep(match)` says it is a secret;
// only capture group `group` is replaced.
template <typename Pred>
bool ReplaceMatches(std::string* text, const std::regex& re, int group, Pred is_secret) {
  std::string out;
  bool changed = false;
  auto begin = std::sregex_iterator(text->begin(), text->end(), re);
  size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    if (!is_secret(m)) continue;
    size_t pos = static_cast<size_t>(m.position(group));
    out.append(*text, last, pos - last);
    out += kHidden;
    last = pos + static_cast<size_t>(m.length(group));
    changed = true;
  }
  if (!changed) return false;
  out.append(*text, last, std::string::npos);
  *text = std::move(out);
  return true;
}

}  // namespace

Masked MaskSecrets(std::string_view input) {
  static const std::regex kPassword(
      R"((?:password|passwd|pwd|passcode|пароль|парол[ья]|密码|口令)\s*(?:is|was|=|:|：|это|是|为)\s*[\"'«“]?([^\s\"'»”,，。]+))",
      std::regex::icase);
  static const std::regex kCard(R"((?:^|[^\d])((?:\d[ -]?){12,18}\d)(?:$|[^\d]))");
  static const std::regex kToken(
      R"((?:^|[^A-Za-z0-9_\-])([A-Za-z0-9_\-]{24,})(?:$|[^A-Za-z0-9_\-]))");

  Masked result{std::string(input), false};
  result.changed |= ReplaceMatches(&result.text, kPassword, 1,
                                   [](const std::smatch& m) { return m.length(1) >= 4; });
  result.changed |= ReplaceMatches(&result.text, kCard, 1, [](const std::smatch& m) {
    std::string digits;
    for (char c : m.str(1)) {
      if (c >= '0' && c <= '9') digits += c;
    }
    return digits.size() >= 13 && digits.size() <= 19 && LuhnValid(digits);
  });
  result.changed |= ReplaceMatches(&result.text, kToken, 1, [](const std::smatch& m) {
    const std::string s = m.str(1);
    bool digit = false, alpha = false;
    for (char c : s) {
      digit |= (c >= '0' && c <= '9');
      alpha |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
    return digit && alpha;
  });
  return result;
}

}  // namespace sa::dialogue
