// WordNet concepts of English words (private to sa_nlu), for the optional
// `wn`/`wnh` feature groups: a word's most frequent senses (synsets) and their
// direct hypernyms, so that "purchase" and "buy", or "card" and "debit card",
// share features even when training never saw one of them.
//
// Reads the database of Debian's `wordnet-base` package (index.* and data.*
// files, Princeton WordNet 3.0) from $SA_WORDNET_DIR or /usr/share/wordnet.
// Immutable after loading; every const method is thread-safe. Shared() loads
// once per process (the lexicon is read-only data, like ICU's).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace sa::nlu {

class WordNet {
 public:
  // Loads dir/index.{noun,verb,adj,adv}, dir/data.* and dir/*.exc, keeping at
  // most `senses` senses per lemma and part of speech. NotFound if the
  // files are missing.
  static Result<std::unique_ptr<WordNet>> Load(const std::string& dir, int senses = 2);

  // The process-wide lexicon from $SA_WORDNET_DIR or /usr/share/wordnet, or
  // nullptr when it is not installed (the features are then simply absent).
  static const WordNet* Shared();

  // Concepts of one lower-case English word (inflections are reduced with
  // WordNet's exception lists and suffix rules): synset ids of its first
  // senses in every part of speech, best sense first, and the direct
  // hypernyms of those. Function words give nothing.
  struct Concepts {
    std::vector<uint64_t> synsets;
    std::vector<int> ranks;  // sense rank of each synset (0 = most frequent)
    std::vector<uint64_t> hypernyms;
  };
  Concepts Lookup(std::string_view word) const;

  size_t lemmas() const { return lemmas_.size(); }

 private:
  struct Sense {
    uint64_t synset;  // pos << 32 | byte offset in data.pos
    int rank;
  };
  std::vector<Sense> SensesOf(const std::string& lemma) const;

  std::unordered_map<std::string, std::vector<Sense>> lemmas_;
  std::unordered_map<uint64_t, std::vector<uint64_t>> hypernyms_;
  std::unordered_map<std::string, std::vector<std::string>> exceptions_;  // inflected -> lemmas
};

}  // namespace sa::nlu
