// Text processing shared by the NLU components (private to sa_nlu): ICU
// normalization (NFKC + case folding), ICU word segmentation (dictionary-based
// for Chinese), Snowball stemming (en, ru) and edit distance.
// Thread-safe: every function may be called concurrently (ICU iterators and
// stemmers are per-thread).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sa::nlu {

enum class Script { kOther, kLatin, kCyrillic, kHan, kDigit };

struct Token {
  std::string text;  // normalized (NFKC case-folded) word
  std::string stem;  // Snowball stem (en for Latin, ru for Cyrillic), else text
  Script script = Script::kOther;
  size_t begin = 0;  // byte offsets in the normalized text
  size_t end = 0;
};

// NFKC + full case folding; invalid UTF-8 is replaced.
std::string Normalize(std::string_view text);

// Words of already-normalized text (punctuation and spaces dropped).
std::vector<Token> Tokenize(std::string_view normalized);

// Normalize + Tokenize.
std::vector<Token> Analyze(std::string_view text);

// Script of the first letter of a word.
Script ScriptOf(std::string_view word);

// Counts of letters per script in the text.
struct ScriptCounts {
  int latin = 0, cyrillic = 0, han = 0, kana = 0, hangul = 0, other = 0;
};
ScriptCounts CountScripts(std::string_view text);

std::string Stem(std::string_view word, Script script);

// Unicode code points of a UTF-8 string.
std::u32string ToU32(std::string_view s);
std::string FromU32(std::u32string_view s);

// Levenshtein distance over code points, giving up (returns max+1) beyond max.
int EditDistance(std::u32string_view a, std::u32string_view b, int max);

// 64-bit FNV-1a.
inline uint64_t Hash64(std::string_view s, uint64_t seed = 1469598103934665603ULL) {
  uint64_t h = seed;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace sa::nlu
