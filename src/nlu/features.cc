#include "nlu/features.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

#include "nlu/text.h"

namespace sa::nlu {
namespace {

constexpr uint64_t kWordSeed = 0x9e3779b97f4a7c15ULL;
constexpr uint64_t kStemSeed = 0xc2b2ae3d27d4eb4fULL;
constexpr uint64_t kBigramSeed = 0x165667b19e3779f9ULL;
constexpr uint64_t kCharSeed = 0x27d4eb2f165667c5ULL;

class Group {
 public:
  explicit Group(double weight) : weight_(weight) {}
  void Add(uint64_t h, float v = 1.0f) { counts_[h] += v; }
  void AppendTo(SparseFeatures& out) const {
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

SparseFeatures Featurize(std::string_view text, const FeatureWeights& weights) {
  std::vector<Token> tokens = Analyze(text);
  Group words(weights.word), bigrams(weights.bigram), chars(weights.chars);
  std::string prev = "^";
  for (const Token& t : tokens) {
    const std::string& stem = IsNumber(t) ? std::string("<num>") : t.stem;
    words.Add(Hash64(t.text, kWordSeed));
    if (stem != t.text) words.Add(Hash64(stem, kStemSeed));
    bigrams.Add(Hash64(prev + " " + stem, kBigramSeed));
    prev = stem;
    std::u32string u = ToU32(t.text);
    if (t.script == Script::kHan) {
      for (size_t i = 0; i < u.size(); ++i) {
        chars.Add(Hash64(FromU32(u.substr(i, 1)), kCharSeed));
        if (i + 1 < u.size()) chars.Add(Hash64(FromU32(u.substr(i, 2)), kCharSeed));
      }
    } else if (t.script == Script::kLatin || t.script == Script::kCyrillic) {
      std::u32string p = U"<" + u + U">";
      for (size_t n = 3; n <= 5; ++n) {
        for (size_t i = 0; i + n <= p.size(); ++i) {
          chars.Add(Hash64(FromU32(p.substr(i, n)), kCharSeed));
        }
      }
    }
  }
  bigrams.Add(Hash64(prev + " $", kBigramSeed));
  // Chinese: character bigrams across word boundaries too.
  SparseFeatures out;
  words.AppendTo(out);
  bigrams.AppendTo(out);
  chars.AppendTo(out);
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
