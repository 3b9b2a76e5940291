// Text analysis for knowledge search (private to the module): splitting into
// words, stop words, stemming by script, Chinese n-grams, typo candidates.
//
// Terms are language-independent in form: a Latin-script word is stemmed with
// the English stemmer and a Cyrillic one with the Russian stemmer whatever the
// article's language, so "AnyPath" in a Russian article and in an English
// query give the same term. Chinese runs give character bigrams and unigrams.
// All functions are thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace sa::knowledge {

enum class Script : uint8_t { kLatin, kCyrillic, kCjk, kDigit };

struct Word {
  std::string text;  // lower-cased (and ё folded to е); a whole run for CJK
  Script script = Script::kLatin;
};

// Splits text into words: runs of letters/digits (hyphen- or apostrophe-joined
// parts split, with the joined form also emitted as an extra word when
// `joined` is non-null) and runs of CJK ideographs.
std::vector<Word> SplitWords(std::string_view text, std::vector<Word>* joined = nullptr);

// Function words of English, Russian and Chinese (dropped everywhere).
bool IsStopWord(std::string_view lower_word);
// Greetings and filler of a chatty message ("hi", "thanks", "подскажите",
// "请问"); dropped from queries only.
bool IsChitChat(std::string_view lower_word);

// The index term of a Latin/Cyrillic/digit word (stemmed by script).
std::string StemWord(const Word& word);

// What to do with stop words when making terms.
enum class TermMode { kIndex, kQuery };

// One term of a text and whether it came from a CJK unigram (weaker evidence).
struct Term {
  std::string term;
  bool weak = false;
  std::string surface;  // the lower-cased word it came from (for typo fixing)
};

// Terms of a text, in order, duplicates kept (so their counts are the wdf).
std::vector<Term> TextTerms(std::string_view text, TermMode mode);

// "zh" when the text has CJK ideographs, "ru" when Cyrillic letters outnumber
// Latin ones, else "en".
std::string DetectLanguageOf(std::string_view text);

// Spelling candidates by deletion neighbourhoods (SymSpell, edit distance 1,
// plus transpositions through the same neighbourhoods). Not thread-safe by
// itself: the owner locks it.
class TypoDictionary {
 public:
  // Words shorter than this are never corrected nor proposed.
  static constexpr size_t kMinLength = 4;
  void Add(const std::string& word);
  // Known words at distance 1 from `word` (not `word` itself), most frequent
  // first. Empty when `word` is known or too short.
  std::vector<std::string> Candidates(const std::string& word) const;
  bool Contains(const std::string& word) const { return counts_.count(word) > 0; }

 private:
  std::unordered_map<std::string, uint32_t> counts_;
  std::unordered_map<std::string, std::vector<uint32_t>> deletions_;  // -> word ids
  std::vector<std::string> words_;
};

// Truncates UTF-8 text to at most `max_bytes` on a character boundary,
// preferring a word boundary, appending "…" when cut.
std::string TruncateUtf8(std::string_view text, size_t max_bytes);

}  // namespace sa::knowledge
