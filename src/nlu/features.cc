#include "nlu/features.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <string>
#include <unordered_map>

#include "nlu/text.h"
#include "nlu/wordnet.h"

namespace sa::nlu {
namespace {

constexpr uint64_t kWordSeed = 0x9e3779b97f4a7c15ULL;
constexpr uint64_t kStemSeed = 0xc2b2ae3d27d4eb4fULL;
constexpr uint64_t kBigramSeed = 0x165667b19e3779f9ULL;
constexpr uint64_t kTrigramSeed = 0x85ebca77c2b2ae63ULL;
constexpr uint64_t kCharSeed = 0x27d4eb2f165667c5ULL;
constexpr uint64_t kPairSeed = 0xd6e8feb86659fd93ULL;
constexpr uint64_t kSynsetSeed = 0x94d049bb133111ebULL;
constexpr uint64_t kHypernymSeed = 0xbf58476d1ce4e5b9ULL;

class Group {
 public:
  explicit Group(double weight) : weight_(weight) {}
  void Add(uint64_t h, float v = 1.0f) { counts_[h] += v; }
  void AppendTo(SparseFeatures& out) const {
    if (weight_ <= 0) return;
    double norm = 0;
    for (const auto& [h, c] : counts_) {
      double v = 1.0 + std::log(c);
      norm += v * v;
    }
    if (norm <= 0) return;
    double scale = weight_ / std::sqrt(norm);
    for (const auto& [h, c] : counts_) {
      out.emplace_back(h, static_cast<float>((1.0 + std::log(c)) * scale));
    }
  }

 private:
  double weight_;
  std::unordered_map<uint64_t, float> counts_;
};

bool IsNumber(const Token& t) { return t.script == Script::kDigit; }

}  // namespace

Result<FeatureWeights> ParseFeatureWeights(std::string_view spec) {
  FeatureWeights r;
  std::stringstream ss{std::string(spec)};
  std::string kv;
  while (std::getline(ss, kv, ',')) {
    if (kv.empty()) continue;
    auto eq = kv.find('=');
    if (eq == std::string::npos) return InvalidArgument("features: want key=value, got " + kv);
    std::string k = kv.substr(0, eq);
    char* end = nullptr;
    std::string vs = kv.substr(eq + 1);
    double v = std::strtod(vs.c_str(), &end);
    if (vs.empty() || *end != '\0' || v < 0) return InvalidArgument("features: bad value in " + kv);
    if (k == "word") {
      r.word = v;
    } else if (k == "bigram") {
      r.bigram = v;
    } else if (k == "trigram") {
      r.trigram = v;
    } else if (k == "chars") {
      r.chars = v;
    } else if (k == "pairs") {
      r.pairs = v;
    } else if (k == "cross") {
      r.char_cross = v;
    } else if (k == "wn") {
      r.wordnet = v;
    } else if (k == "wnh") {
      r.hypernyms = v;
    } else if (k == "cmin") {
      r.char_min = static_cast<int>(v);
    } else if (k == "cmax") {
      r.char_max = static_cast<int>(v);
    } else {
      return InvalidArgument("features: unknown key " + k);
    }
  }
  if (r.char_min < 1 || r.char_max < r.char_min || r.char_max > 8) {
    return InvalidArgument("features: need 1 <= cmin <= cmax <= 8");
  }
  return r;
}

SparseFeatures Featurize(std::string_view text, const FeatureWeights& weights) {
  std::vector<Token> tokens = Analyze(text);
  Group words(weights.word), bigrams(weights.bigram), trigrams(weights.trigram),
      chars(weights.chars), pairs(weights.pairs), cross(weights.char_cross),
      synsets(weights.wordnet), hypernyms(weights.hypernyms);
  const WordNet* wordnet =
      weights.wordnet > 0 || weights.hypernyms > 0 ? WordNet::Shared() : nullptr;
  std::string prev = "^", prev2 = "^^";
  std::vector<std::string> stems;
  std::u32string joined = U" ";
  for (const Token& t : tokens) {
    const std::string& stem = IsNumber(t) ? std::string("<num>") : t.stem;
    stems.push_back(stem);
    words.Add(Hash64(t.text, kWordSeed));
    if (stem != t.text) words.Add(Hash64(stem, kStemSeed));
    bigrams.Add(Hash64(prev + " " + stem, kBigramSeed));
    if (weights.trigram > 0) trigrams.Add(Hash64(prev2 + " " + prev + " " + stem, kTrigramSeed));
    prev2 = prev;
    prev = stem;
    std::u32string u = ToU32(t.text);
    if (t.script == Script::kHan) {
      for (size_t i = 0; i < u.size(); ++i) {
        chars.Add(Hash64(FromU32(u.substr(i, 1)), kCharSeed));
        if (i + 1 < u.size()) chars.Add(Hash64(FromU32(u.substr(i, 2)), kCharSeed));
      }
    } else if (t.script == Script::kLatin || t.script == Script::kCyrillic) {
      std::u32string p = U"<" + u + U">";
      for (size_t n = weights.char_min; n <= static_cast<size_t>(weights.char_max); ++n) {
        for (size_t i = 0; i + n <= p.size(); ++i) {
          chars.Add(Hash64(FromU32(p.substr(i, n)), kCharSeed));
        }
      }
    }
    if (wordnet && t.script == Script::kLatin) {
      WordNet::Concepts c = wordnet->Lookup(t.text);
      for (size_t i = 0; i < c.synsets.size(); ++i) {
        synsets.Add(c.synsets[i] ^ kSynsetSeed, 1.0f / static_cast<float>(1 + c.ranks[i]));
      }
      for (uint64_t h : c.hypernyms) hypernyms.Add(h ^ kHypernymSeed);
    }
    if (weights.char_cross > 0) joined += ToU32(IsNumber(t) ? std::string("0") : t.text) + U" ";
  }
  bigrams.Add(Hash64(prev + " $", kBigramSeed));
  if (weights.trigram > 0) trigrams.Add(Hash64(prev2 + " " + prev + " $", kTrigramSeed));
  if (weights.pairs > 0) {
    for (size_t i = 0; i < stems.size(); ++i)
      for (size_t j = i + 1; j < stems.size() && j <= i + 8; ++j) {
        const std::string& a = std::min(stems[i], stems[j]);
        const std::string& b = std::max(stems[i], stems[j]);
        pairs.Add(Hash64(a + "|" + b, kPairSeed));
      }
  }
  if (weights.char_cross > 0) {
    for (size_t n = 6; n <= 7; ++n)
      for (size_t i = 0; i + n <= joined.size(); ++i)
        cross.Add(Hash64(FromU32(joined.substr(i, n)), kPairSeed ^ kCharSeed));
  }
  SparseFeatures out;
  words.AppendTo(out);
  bigrams.AppendTo(out);
  trigrams.AppendTo(out);
  chars.AppendTo(out);
  pairs.AppendTo(out);
  cross.AppendTo(out);
  synsets.AppendTo(out);
  hypernyms.AppendTo(out);
  std::sort(out.begin(), out.end());
  // Merge accidental duplicates across groups.
  SparseFeatures merged;
  for (const auto& f : out) {
    if (!merged.empty() && merged.back().first == f.first) {
      merged.back().second += f.second;
    } else {
      merged.push_back(f);
    }
  }
  return merged;
}

}  // namespace sa::nlu
