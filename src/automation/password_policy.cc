#include "automation/password_policy.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <vector>

#include "automation/random.h"

namespace sa::automation {
namespace {

constexpr int kMinUserPart = 3;  // shorter name parts ("Li", "Jo") would refuse too much

struct Shape {
  bool valid = true;  // well-formed UTF-8 without control characters
  int length = 0;     // code points
  bool lower = false, upper = false, digit = false, symbol = false;
  int Classes() const { return lower + upper + digit + symbol; }
};

Shape Analyze(std::string_view s) {
  Shape shape;
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(bytes, i, n, c);
    if (c < 0 || u_iscntrl(c) || u_charType(c) == U_UNASSIGNED) {
      shape.valid = false;
      continue;
    }
    ++shape.length;
    switch (u_charType(c)) {
      case U_LOWERCASE_LETTER:
        shape.lower = true;
        break;
      case U_UPPERCASE_LETTER:
      case U_TITLECASE_LETTER:
        shape.upper = true;
        break;
      case U_DECIMAL_DIGIT_NUMBER:
        shape.digit = true;
        break;
      default:
        shape.symbol = true;
        break;  // punctuation, symbols, uncased letters (CJK)
    }
  }
  return shape;
}

std::string Fold(std::string_view s) {
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())))
      .foldCase()
      .toUTF8String(out);
  return out;
}

int CodePoints(std::string_view s) {
  int count = 0;
  for (unsigned char c : s) count += (c & 0xC0) != 0x80;
  return count;
}

// Splits on anything that is not a letter or digit ("Anne-Marie O'Neil").
std::vector<std::string> NameParts(std::string_view text) {
  std::vector<std::string> parts;
  std::string current;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, n, c);
    if (c >= 0 && u_isalnum(c)) {
      current.append(text.substr(start, i - start));
    } else if (!current.empty()) {
      parts.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) parts.push_back(std::move(current));
  return parts;
}

bool ContainsPart(const std::string& folded_password, std::string_view part) {
  if (CodePoints(part) < kMinUserPart) return false;
  return folded_password.find(Fold(part)) != std::string::npos;
}

PasswordVerdict Refuse(const char* reason, std::string message) {
  return PasswordVerdict{reason, std::move(message)};
}

}  // namespace

PasswordVerdict PasswordPolicy::Evaluate(std::string_view password, const model::User& user) const {
  const Shape shape = Analyze(password);
  if (!shape.valid) {
    return Refuse(kReasonInvalidCharacters,
                  "the password contains control characters or is not valid UTF-8");
  }
  if (shape.length < min_length) {
    return Refuse(kReasonTooShort,
                  "the password must have at least " + std::to_string(min_length) + " characters");
  }
  if (shape.length > max_length) {
    return Refuse(kReasonTooLong,
                  "the password must have at most " + std::to_string(max_length) + " characters");
  }
  if (shape.Classes() < min_classes) {
    return Refuse(kReasonTooFewClasses,
                  "the password must mix at least " + std::to_string(min_classes) +
                      " of: lower-case letters, upper-case letters, digits, symbols");
  }
  if (forbid_user_parts) {
    const std::string folded = Fold(password);
    if (ContainsPart(folded, user.id)) {
      return Refuse(kReasonContainsUserId, "the password must not contain the user id");
    }
    std::vector<std::string> parts = NameParts(user.name);
    const std::string_view email = user.email;
    for (std::string& part : NameParts(email.substr(0, email.find('@')))) {
      parts.push_back(std::move(part));
    }
    for (const std::string& part : parts) {
      if (ContainsPart(folded, part)) {
        return Refuse(kReasonContainsName, "the password must not contain the user's name");
      }
    }
  }
  return PasswordVerdict{};
}

Status PasswordPolicy::Check(std::string_view password, const model::User& user) const {
  PasswordVerdict verdict = Evaluate(password, user);
  if (verdict.ok()) return Status::Ok();
  return InvalidArgument(verdict.reason + ": " + verdict.message);
}

std::string PasswordPolicy::GenerateTemporaryPassword(const model::User& user) const {
  // No look-alikes (0 O o, 1 l I), no quotes or backslash, nothing Markdown eats.
  static constexpr std::string_view kLower = "abcdefghijkmnpqrstuvwxyz";
  static constexpr std::string_view kUpper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  static constexpr std::string_view kDigit = "23456789";
  static constexpr std::string_view kSymbol = "!#%+=?@-";
  static constexpr std::string_view kClasses[] = {kLower, kUpper, kDigit, kSymbol};
  auto pick = [](std::string_view from) {
    return from[internal::RandomBelow(static_cast<uint32_t>(from.size()))];
  };
  const int length = std::clamp(std::max(16, min_length), 4, std::max(4, max_length));
  for (int attempt = 0;; ++attempt) {
    std::string out;
    for (std::string_view cls : kClasses) out.push_back(pick(cls));
    while (static_cast<int>(out.size()) < length) {
      out.push_back(pick(kClasses[internal::RandomBelow(4)]));
    }
    for (size_t i = out.size() - 1; i > 0; --i) {  // Fisher-Yates
      std::swap(out[i], out[internal::RandomBelow(static_cast<uint32_t>(i + 1))]);
    }
    // A policy no random string can meet (e.g. min_classes > 4) must not hang us.
    if (Evaluate(out, user).ok() || attempt >= 100) return out;
  }
}

std::string PasswordPolicy::GenerateTemporaryPassword() const {
  return GenerateTemporaryPassword(model::User{});
}

}  // namespace sa::automation
