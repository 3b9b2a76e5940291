#include "nlu/wordnet.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unordered_set>
#include <utility>

namespace sa::nlu {
namespace {

constexpr const char* kPos[] = {"noun", "verb", "adj", "adv"};

uint64_t PosId(char c) {
  switch (c) {
    case 'n':
      return 1;
    case 'v':
      return 2;
    case 'a':
    case 's':
      return 3;
    case 'r':
      return 4;
    default:
      return 0;
  }
}

uint64_t SynsetId(uint64_t pos, uint64_t offset) { return pos << 32 | offset; }

// Words that WordNet lists (as "a" = vitamin A, "it" = information technology,
// "can" = container) but that carry no concept in a request.
const std::unordered_set<std::string_view>& FunctionWords() {
  static const std::unordered_set<std::string_view> kWords = {
      "a", "an", "the", "i", "me", "my", "mine", "we", "us", "our", "you", "your", "he", "she",
      "it", "its", "they", "them", "their", "this", "that", "these", "those", "there", "here",
      "be", "am", "is", "are", "was", "were", "been", "being", "have", "has", "had", "do",
      "does", "did", "done", "can", "could", "will", "would", "shall", "should", "may", "might",
      "must", "not", "no", "yes", "and", "or", "but", "if", "so", "as", "at", "by", "for",
      "from", "in", "into", "of", "on", "to", "up", "out", "off", "with", "about", "over",
      "what", "which", "who", "whom", "why", "how", "when", "where", "all", "any", "some",
      "much", "many", "more", "most", "very", "too", "also", "just", "get", "got", "still",
      "then", "than", "now", "one", "ever", "even", "own", "s", "t", "don", "im", "ive"};
  return kWords;
}

// WordNet's detachment rules (morphy), all parts of speech at once.
constexpr std::pair<const char*, const char*> kSuffixRules[] = {
    {"s", ""},    {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"},
    {"men", "man"}, {"ies", "y"}, {"es", "e"},  {"es", ""},   {"ed", "e"},    {"ed", ""},
    {"ing", "e"}, {"ing", ""},  {"er", ""},   {"est", ""},  {"er", "e"},    {"est", "e"}};

}  // namespace

Result<std::unique_ptr<WordNet>> WordNet::Load(const std::string& dir, int senses) {
  auto wn = std::unique_ptr<WordNet>(new WordNet());
  std::unordered_set<uint64_t> wanted;
  for (const char* pos : kPos) {
    std::ifstream in(dir + "/index." + pos);
    if (!in) return NotFound("no WordNet index in " + dir);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == ' ') continue;  // licence header
      std::istringstream ls(line);
      std::string lemma, p;
      int synset_cnt = 0, p_cnt = 0;
      ls >> lemma >> p >> synset_cnt >> p_cnt;
      if (lemma.find('_') != std::string::npos) continue;  // collocations
      std::string skip;
      for (int i = 0; i < p_cnt; ++i) ls >> skip;
      int sense_cnt = 0, tagged = 0;
      ls >> sense_cnt >> tagged;
      std::vector<Sense>& v = wn->lemmas_[lemma];
      for (int i = 0; i < synset_cnt && i < senses; ++i) {
        std::string off;
        if (!(ls >> off)) break;
        uint64_t id = SynsetId(PosId(p[0]), std::strtoull(off.c_str(), nullptr, 10));
        v.push_back({id, i});
        wanted.insert(id);
      }
    }
    std::ifstream exc(dir + "/" + pos + ".exc");
    while (std::getline(exc, line)) {
      std::istringstream ls(line);
      std::string inflected, base;
      ls >> inflected;
      while (ls >> base) wn->exceptions_[inflected].push_back(base);
    }
  }
  for (const char* pos : kPos) {
    std::ifstream in(dir + "/data." + pos);
    if (!in) return NotFound("no WordNet data in " + dir);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == ' ') continue;
      std::istringstream ls(line);
      std::string off, lex, type, wcnt_hex;
      ls >> off >> lex >> type >> wcnt_hex;
      uint64_t id = SynsetId(PosId(type[0]), std::strtoull(off.c_str(), nullptr, 10));
      if (!wanted.count(id)) continue;
      long w_cnt = std::strtol(wcnt_hex.c_str(), nullptr, 16);
      std::string skip;
      for (long i = 0; i < 2 * w_cnt; ++i) ls >> skip;
      int p_cnt = 0;
      ls >> p_cnt;
      for (int i = 0; i < p_cnt; ++i) {
        std::string sym, target, tpos, st;
        ls >> sym >> target >> tpos >> st;
        if (sym == "@" || sym == "@i") {
          wn->hypernyms_[id].push_back(
              SynsetId(PosId(tpos[0]), std::strtoull(target.c_str(), nullptr, 10)));
        }
      }
    }
  }
  return wn;
}

const WordNet* WordNet::Shared() {
  static const std::unique_ptr<WordNet> kShared = [] {
    const char* env = std::getenv("SA_WORDNET_DIR");
    auto r = Load(env && *env ? env : "/usr/share/wordnet");
    return r.ok() ? std::move(*r) : nullptr;
  }();
  return kShared.get();
}

std::vector<WordNet::Sense> WordNet::SensesOf(const std::string& lemma) const {
  auto it = lemmas_.find(lemma);
  return it == lemmas_.end() ? std::vector<Sense>{} : it->second;
}

WordNet::Concepts WordNet::Lookup(std::string_view word) const {
  Concepts c;
  if (word.size() < 2 || FunctionWords().count(word)) return c;
  std::string w(word);
  std::vector<Sense> senses = SensesOf(w);
  auto add_lemma = [&](const std::string& base) {
    for (const Sense& s : SensesOf(base)) {
      bool dup = false;
      for (const Sense& t : senses) dup |= t.synset == s.synset;
      if (!dup) senses.push_back(s);
    }
  };
  if (auto it = exceptions_.find(w); it != exceptions_.end()) {
    for (const std::string& base : it->second) add_lemma(base);
  }
  if (senses.empty() || w.size() > 4) {
    // Inflected forms: "payments", "charged", "topping" also get their lemma's senses.
    for (const auto& [suffix, repl] : kSuffixRules) {
      std::string_view s(suffix);
      if (w.size() > s.size() + 2 && w.compare(w.size() - s.size(), s.size(), s) == 0) {
        add_lemma(w.substr(0, w.size() - s.size()) + repl);
      }
    }
  }
  for (const Sense& s : senses) {
    c.synsets.push_back(s.synset);
    c.ranks.push_back(s.rank);
    if (auto it = hypernyms_.find(s.synset); it != hypernyms_.end()) {
      c.hypernyms.insert(c.hypernyms.end(), it->second.begin(), it->second.end());
    }
  }
  return c;
}

}  // namespace sa::nlu
