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

#include "core/status.h"

namespace sa::nlu {

struct FeatureWeights {
  double word = 1.0;
  double bigram = 0.7;
  double chars = 0.8;
  double trigram = 0;
  double pairs = 0;
  double char_cross = 0;
  // WordNet concepts of English words (nlu/wordnet.h): synsets of the first
  // senses (`wn`) and their hypernyms (`wnh`); 0 = off.
  double wordnet = 0;
  double hypernyms = 0;
  int char_min = 3;
  int char_max = 5;
};

// Overrides of the defaults, "key=value,..." with keys word, bigram, trigram,
// chars, pairs, cross, wn, wnh, cmin, cmax (for ablations: `nlu eval --features`).
// Fails on an unknown key or a malformed value.
Result<FeatureWeights> ParseFeatureWeights(std::string_view spec);

// (feature hash, value) pairs, hashes unique.
using SparseFeatures = std::vector<std::pair<uint64_t, float>>;

SparseFeatures Featurize(std::string_view text, const FeatureWeights& weights = {});

}  // namespace sa::nlu
