// Turns a message into sparse hashed features for the intent classifier
// (private to sa_nlu): word unigrams and stems, stem bigrams, character
// n-grams of words (3..5, sub-word evidence for typos and inflection) and,
// for Chinese, character unigrams and bigrams. Each group is L2-normalized
// and weighted. Thread-safe (pure function).
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace sa::nlu {

struct FeatureWeights {
  double word = 1.0;
  double bigram = 0.7;
  double chars = 0.8;
};

// (feature hash, value) pairs, hashes unique.
using SparseFeatures = std::vector<std::pair<uint64_t, float>>;

SparseFeatures Featurize(std::string_view text, const FeatureWeights& weights = {});

}  // namespace sa::nlu
