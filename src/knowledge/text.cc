#include "knowledge/text.h"

#include <xapian.h>

#include <algorithm>
#include <array>

namespace sa::knowledge {
namespace {

bool IsCjk(unsigned ch) {
  return (ch >= 0x4E00 && ch <= 0x9FFF) || (ch >= 0x3400 && ch <= 0x4DBF) ||
         (ch >= 0xF900 && ch <= 0xFAFF) || (ch >= 0x20000 && ch <= 0x2A6DF);
}
bool IsCyrillic(unsigned ch) { return ch >= 0x0400 && ch <= 0x04FF; }

unsigned Fold(unsigned ch) {
  ch = Xapian::Unicode::tolower(ch);
  if (ch == 0x0451) ch = 0x0435;  // ё -> е
  return ch;
}

// Joiners inside a word: "wi-fi", "don't", "e-mail".
bool IsJoiner(unsigned ch) { return ch == '-' || ch == '\'' || ch == 0x2019 || ch == '_'; }

const std::unordered_set<std::string_view>& StopWords() {
  static const auto* kSet = new std::unordered_set<std::string_view>{
      // English
      "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are",
      "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but",
      "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for",
      "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself",
      "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just",
      "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once",
      "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she",
      "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them",
      "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too",
      "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which",
      "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself",
      "yourselves", "s", "t", "d", "ll", "m", "re", "ve", "don", "doesn", "didn", "isn", "aren",
      "wasn", "cant", "dont", "doesnt", "didnt", "im", "ive", "id", "whats", "hows", "thats",
      "there's", "also", "however", "may", "might", "must", "shall", "yet", "via", "etc", "u", "ur",
      "r", "e.g", "eg", "ie",
      // Russian
      "и", "в", "во", "не", "что", "он", "на", "я", "с", "со", "как", "а", "то", "все", "она",
      "так", "его", "но", "да", "ты", "к", "у", "же", "вы", "за", "бы", "по", "ее", "мне", "было",
      "вот", "от", "меня", "еще", "нет", "о", "из", "ему", "когда", "даже", "ну", "ли", "если",
      "уже", "или", "ни", "быть", "был", "него", "до", "вас", "нибудь", "уж", "вам", "ведь", "там",
      "потом", "себя", "ей", "они", "тут", "где", "есть", "ней", "для", "мы", "тебя", "их", "чем",
      "была", "сам", "чтоб", "без", "чего", "тоже", "себе", "под", "будет", "ж", "тогда", "кто",
      "этот", "того", "потому", "этого", "какой", "ним", "здесь", "этом", "почти", "мой", "тем",
      "чтобы", "нее", "были", "куда", "зачем", "всех", "при", "об", "хоть", "над", "тот", "через",
      "эти", "нас", "про", "всего", "них", "какая", "разве", "эту", "моя", "свою", "этой", "перед",
      "том", "такой", "им", "всю", "между", "это", "мои", "мою", "моего", "моем", "свой", "какие",
      "каким", "какое", "какую", "вы", "вами", "ваш", "ваша", "ваши", "вашего",
      // Chinese (whole runs or after splitting)
      "的", "了", "吗", "啊", "呢", "吧", "呀", "嘛", "我", "你", "您", "他", "她", "它", "是",
      "在", "和", "与", "或", "也", "都", "就", "把", "被", "给", "么", "怎", "什", "这", "那",
      "哪", "个", "着", "过", "得", "地", "么", "我们", "你们", "他们", "如何", "怎么", "怎样",
      "怎么样", "什么", "为什么", "哪里", "哪儿", "这个", "那个", "一下", "可以", "能够", "需要",
      "应该", "还是", "还", "又", "很", "吗？", "之", "其", "为"};
  return *kSet;
}

const std::unordered_set<std::string_view>& ChitChat() {
  static const auto* kSet = new std::unordered_set<std::string_view>{
      "hi",         "hello",      "hey",       "thanks",  "thank",    "thx",          "please",
      "pls",        "plz",        "guys",      "folks",   "anyone",   "somebody",     "someone",
      "morning",    "afternoon",  "evening",   "cheers",  "regards",  "ok",           "okay",
      "oh",         "hmm",        "well",      "lol",     "btw",      "tell",         "know",
      "wondering",  "thing",      "things",    "stuff",   "today",    "yesterday",    "tomorrow",
      "actually",   "really",     "basically", "anyway",  "привет",   "здравствуйте", "добрый",
      "подскажите", "пожалуйста", "спасибо",   "коллеги", "помогите", "скажите",      "здрасьте",
      "你好",       "您好",       "请问",      "谢谢",    "请",       "麻烦",         "帮忙",
      "帮我",       "一下"};
  return *kSet;
}

bool IsStopChar(unsigned ch) {
  static constexpr std::array<unsigned, 34> kChars = {
      U'的', U'了', U'吗', U'啊', U'呢', U'吧', U'呀', U'嘛', U'我', U'你', U'您', U'他',
      U'她', U'它', U'是', U'在', U'和', U'与', U'或', U'也', U'都', U'就', U'把', U'被',
      U'给', U'么', U'这', U'那', U'哪', U'着', U'过', U'很', U'还', U'又'};
  return std::find(kChars.begin(), kChars.end(), ch) != kChars.end();
}

void Append(std::string& out, unsigned ch) { Xapian::Unicode::append_utf8(out, ch); }

}  // namespace

std::vector<Word> SplitWords(std::string_view text, std::vector<Word>* joined) {
  std::vector<Word> words;
  std::string cur;
  Script cur_script = Script::kDigit;
  bool has_letter = false;
  std::string joined_cur;
  int joined_parts = 0;
  auto flush = [&] {
    if (!cur.empty()) {
      words.push_back({cur, has_letter ? cur_script : Script::kDigit});
      if (joined_parts > 0) joined_cur += cur;
    }
    cur.clear();
    has_letter = false;
    cur_script = Script::kDigit;
  };
  auto flush_joined = [&] {
    if (joined != nullptr && joined_parts > 0 && !joined_cur.empty()) {
      Script s = words.empty() ? Script::kLatin : words.back().script;
      joined->push_back({joined_cur, s});
    }
    joined_cur.clear();
    joined_parts = 0;
  };
  std::string cjk;
  auto flush_cjk = [&] {
    if (!cjk.empty()) words.push_back({cjk, Script::kCjk});
    cjk.clear();
  };
  Xapian::Utf8Iterator it(text.data(), text.size()), end;
  unsigned prev = 0;
  for (; it != end; ++it) {
    unsigned ch = *it;
    if (IsCjk(ch)) {
      flush();
      flush_joined();
      Append(cjk, ch);
    } else if (Xapian::Unicode::is_wordchar(ch) && ch != '_') {
      flush_cjk();
      if (Xapian::Unicode::get_category(ch) <= Xapian::Unicode::OTHER_LETTER ||
          Xapian::Unicode::get_category(ch) == Xapian::Unicode::NON_SPACING_MARK) {
        if (!has_letter) cur_script = IsCyrillic(ch) ? Script::kCyrillic : Script::kLatin;
        has_letter = true;
      }
      Append(cur, Fold(ch));
    } else {
      flush_cjk();
      // A joiner between two word characters keeps the parts for a joined form.
      auto next = it;
      ++next;
      bool joins = IsJoiner(ch) && !cur.empty() && next != end &&
                   Xapian::Unicode::is_wordchar(*next) && !IsCjk(*next);
      if (joins) {
        if (joined_parts == 0) joined_cur.clear();
        ++joined_parts;
        flush();
      } else {
        flush();
        flush_joined();
      }
    }
    prev = ch;
  }
  (void)prev;
  flush();
  flush_joined();
  flush_cjk();
  return words;
}

bool IsStopWord(std::string_view w) { return StopWords().count(w) > 0; }
bool IsChitChat(std::string_view w) { return ChitChat().count(w) > 0; }

std::string StemWord(const Word& word) {
  thread_local Xapian::Stem english("english");
  thread_local Xapian::Stem russian("russian");
  switch (word.script) {
    case Script::kLatin:
      return english(word.text);
    case Script::kCyrillic:
      return russian(word.text);
    default:
      return word.text;
  }
}

namespace {

void CjkTerms(const std::string& run, TermMode mode, std::vector<Term>* out) {
  // Split the run at stop characters, then emit unigrams and bigrams.
  std::vector<std::vector<unsigned>> segments(1);
  Xapian::Utf8Iterator it(run), end;
  for (; it != end; ++it) {
    if (IsStopChar(*it)) {
      if (!segments.back().empty()) segments.emplace_back();
    } else {
      segments.back().push_back(*it);
    }
  }
  for (const auto& seg : segments) {
    for (size_t i = 0; i < seg.size(); ++i) {
      std::string uni;
      Append(uni, seg[i]);
      out->push_back({uni, true, uni});
      if (i + 1 < seg.size()) {
        std::string bi = uni;
        Append(bi, seg[i + 1]);
        if (IsStopWord(bi) || (mode == TermMode::kQuery && IsChitChat(bi))) continue;
        out->push_back({bi, false, bi});
      }
    }
  }
}

}  // namespace

std::vector<Term> TextTerms(std::string_view text, TermMode mode) {
  std::vector<Word> joined;
  std::vector<Word> words = SplitWords(text, &joined);
  words.insert(words.end(), joined.begin(), joined.end());
  std::vector<Term> terms;
  terms.reserve(words.size() * 2);
  for (const auto& w : words) {
    if (w.script == Script::kCjk) {
      CjkTerms(w.text, mode, &terms);
      continue;
    }
    if (IsStopWord(w.text)) continue;
    if (mode == TermMode::kQuery && IsChitChat(w.text)) continue;
    if (w.text.size() > 64) continue;
    terms.push_back({StemWord(w), false, w.text});
  }
  return terms;
}

std::string DetectLanguageOf(std::string_view text) {
  size_t latin = 0, cyrillic = 0;
  Xapian::Utf8Iterator it(text.data(), text.size()), end;
  for (; it != end; ++it) {
    unsigned ch = *it;
    if (IsCjk(ch)) return "zh";
    if (IsCyrillic(ch)) {
      ++cyrillic;
    } else if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') {
      ++latin;
    }
  }
  return cyrillic > latin ? "ru" : "en";
}

namespace {

std::vector<std::string> Deletions(const std::string& word) {
  std::vector<unsigned> cps;
  Xapian::Utf8Iterator it(word), end;
  for (; it != end; ++it) cps.push_back(*it);
  std::vector<std::string> out;
  out.reserve(cps.size());
  for (size_t skip = 0; skip < cps.size(); ++skip) {
    std::string d;
    for (size_t i = 0; i < cps.size(); ++i) {
      if (i != skip) Append(d, cps[i]);
    }
    out.push_back(std::move(d));
  }
  return out;
}

size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

void TypoDictionary::Add(const std::string& word) {
  if (CodePoints(word) < kMinLength) return;
  auto [it, inserted] = counts_.try_emplace(word, 0);
  ++it->second;
  if (!inserted) return;
  uint32_t id = static_cast<uint32_t>(words_.size());
  words_.push_back(word);
  deletions_[word].push_back(id);
  for (auto& d : Deletions(word)) {
    auto& ids = deletions_[d];
    if (ids.empty() || ids.back() != id) ids.push_back(id);
  }
}

std::vector<std::string> TypoDictionary::Candidates(const std::string& word) const {
  std::vector<std::string> out;
  if (CodePoints(word) < kMinLength + 1 || counts_.count(word) > 0) return out;
  std::unordered_set<uint32_t> seen;
  auto collect = [&](const std::string& key) {
    auto it = deletions_.find(key);
    if (it == deletions_.end()) return;
    for (uint32_t id : it->second) {
      if (words_[id] != word && seen.insert(id).second) out.push_back(words_[id]);
    }
  };
  collect(word);                                     // word + one insertion = known word
  for (const auto& d : Deletions(word)) collect(d);  // deletion / substitution
  std::sort(out.begin(), out.end(), [&](const std::string& a, const std::string& b) {
    return counts_.at(a) > counts_.at(b);
  });
  return out;
}

std::string TruncateUtf8(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  size_t space = text.rfind(' ', cut);
  if (space != std::string_view::npos && space > max_bytes * 2 / 3) cut = space;
  std::string out(text.substr(0, cut));
  while (!out.empty() && (out.back() == ' ' || out.back() == ',')) out.pop_back();
  return out + "…";
}

}  // namespace sa::knowledge
