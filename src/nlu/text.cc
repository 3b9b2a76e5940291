#include "nlu/text.h"

#include <libstemmer.h>
#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>

namespace sa::nlu {
namespace {

const icu::Normalizer2* NfkcCf() {
  static const icu::Normalizer2* n = [] {
    UErrorCode st = U_ZERO_ERROR;
    const icu::Normalizer2* r = icu::Normalizer2::getNFKCCasefoldInstance(st);
    return U_SUCCESS(st) ? r : nullptr;
  }();
  return n;
}

icu::BreakIterator* WordBreaker() {
  static const icu::BreakIterator* proto = [] {
    UErrorCode st = U_ZERO_ERROR;
    icu::BreakIterator* b = icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), st);
    return U_SUCCESS(st) ? b : nullptr;
  }();
  thread_local std::unique_ptr<icu::BreakIterator> mine(proto ? proto->clone() : nullptr);
  return mine.get();
}

struct Stemmers {
  sb_stemmer* en = sb_stemmer_new("english", "UTF_8");
  sb_stemmer* ru = sb_stemmer_new("russian", "UTF_8");
  ~Stemmers() {
    if (en) sb_stemmer_delete(en);
    if (ru) sb_stemmer_delete(ru);
  }
};

Script ScriptOfCodePoint(UChar32 c) {
  if (u_isdigit(c)) return Script::kDigit;
  UErrorCode st = U_ZERO_ERROR;
  UScriptCode sc = uscript_getScript(c, &st);
  switch (sc) {
    case USCRIPT_LATIN: return Script::kLatin;
    case USCRIPT_CYRILLIC: return Script::kCyrillic;
    case USCRIPT_HAN: return Script::kHan;
    default: return Script::kOther;
  }
}

}  // namespace

std::string Normalize(std::string_view text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  const icu::Normalizer2* n = NfkcCf();
  std::string out;
  if (n) {
    UErrorCode st = U_ZERO_ERROR;
    icu::UnicodeString r = n->normalize(u, st);
    if (U_SUCCESS(st)) {
      r.toUTF8String(out);
      return out;
    }
  }
  u.foldCase().toUTF8String(out);
  return out;
}

Script ScriptOf(std::string_view word) {
  int32_t i = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(word.data());
  int32_t len = static_cast<int32_t>(word.size());
  Script fallback = Script::kOther;
  while (i < len) {
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c < 0) continue;
    Script sc = ScriptOfCodePoint(c);
    if (sc == Script::kDigit) {
      fallback = Script::kDigit;
      continue;
    }
    if (sc != Script::kOther) return sc;
  }
  return fallback;
}

ScriptCounts CountScripts(std::string_view text) {
  ScriptCounts counts;
  int32_t i = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t len = static_cast<int32_t>(text.size());
  while (i < len) {
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c < 0 || !u_isalpha(c)) continue;
    UErrorCode st = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(c, &st);
    switch (sc) {
      case USCRIPT_LATIN: ++counts.latin; break;
      case USCRIPT_CYRILLIC: ++counts.cyrillic; break;
      case USCRIPT_HAN: ++counts.han; break;
      case USCRIPT_HIRAGANA:
      case USCRIPT_KATAKANA: ++counts.kana; break;
      case USCRIPT_HANGUL: ++counts.hangul; break;
      default: ++counts.other;
    }
  }
  return counts;
}

std::string Stem(std::string_view word, Script script) {
  thread_local Stemmers stemmers;
  sb_stemmer* st = script == Script::kLatin      ? stemmers.en
                   : script == Script::kCyrillic ? stemmers.ru
                                                 : nullptr;
  if (!st || word.size() < 3) return std::string(word);
  const sb_symbol* r = sb_stemmer_stem(st, reinterpret_cast<const sb_symbol*>(word.data()),
                                       static_cast<int>(word.size()));
  if (!r) return std::string(word);
  return std::string(reinterpret_cast<const char*>(r), sb_stemmer_length(st));
}

std::vector<Token> Tokenize(std::string_view normalized) {
  std::vector<Token> out;
  icu::BreakIterator* bi = WordBreaker();
  if (!bi) return out;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(normalized.data(), static_cast<int32_t>(normalized.size())));
  bi->setText(u);
  // Map UTF-16 offsets back to UTF-8 byte offsets incrementally.
  int32_t u16_pos = 0;
  size_t byte_pos = 0;
  auto advance_to = [&](int32_t target) {
    while (u16_pos < target) {
      UChar32 c = u.char32At(u16_pos);
      u16_pos += U16_LENGTH(c);
      byte_pos += U8_LENGTH(c);
    }
  };
  int32_t start = bi->first();
  for (int32_t end = bi->next(); end != icu::BreakIterator::DONE; start = end, end = bi->next()) {
    int32_t status = bi->getRuleStatus();
    if (status == UBRK_WORD_NONE) continue;  // spaces, punctuation
    advance_to(start);
    size_t b = byte_pos;
    advance_to(end);
    Token t;
    t.begin = b;
    t.end = byte_pos;
    t.text = std::string(normalized.substr(b, byte_pos - b));
    t.script = ScriptOf(t.text);
    t.stem = Stem(t.text, t.script);
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<Token> Analyze(std::string_view text) { return Tokenize(Normalize(text)); }

std::u32string ToU32(std::string_view str) {
  std::u32string out;
  out.reserve(str.size());
  int32_t i = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(str.data());
  int32_t len = static_cast<int32_t>(str.size());
  while (i < len) {
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c >= 0) out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

std::string FromU32(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) {
    uint8_t buf[4];
    int32_t n = 0;
    UBool err = false;
    U8_APPEND(buf, n, 4, static_cast<UChar32>(c), err);
    if (!err) out.append(reinterpret_cast<char*>(buf), n);
  }
  return out;
}

int EditDistance(std::u32string_view a, std::u32string_view b, int max) {
  int la = static_cast<int>(a.size()), lb = static_cast<int>(b.size());
  if (std::abs(la - lb) > max) return max + 1;
  std::vector<int> prev(lb + 1), cur(lb + 1);
  for (int j = 0; j <= lb; ++j) prev[j] = j;
  for (int i = 1; i <= la; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= lb; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      // Transposition (Damerau, adjacent).
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > max) return max + 1;
    std::swap(prev, cur);
  }
  return prev[lb];
}

}  // namespace sa::nlu
