// Ranking internals of KnowledgeIndex (private to the module; used by the
// index, the eval tool and tests): the tunable parameters, the per-hit
// features, and the confidence model fitted on them.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "knowledge/knowledge.h"

namespace sa::knowledge {

struct RankParams {
  // Field weights of the BM25F score (title, tags, names of the article's
  // services, body); b_tags is used for tags and service names.
  double w_title = 6.0, w_tags = 3.0, w_names = 1.0, w_body = 0.3;
  double k1 = 1.6;
  double b_title = 0.9, b_tags = 0.5, b_body = 0.75;
  // Query-term weights.
  double w_weak = 0.3;  // CJK unigrams
  double w_typo = 1.0;  // a spelling correction of an unknown word
  // A translation of a query word into another language (glossary.h), and a
  // name of the same service / catalog item in another language.
  double w_translate = 0.7;
  double w_alias = 0.5;
  // Added to the normalised BM25F score.
  double w_query_cover = 0.0;   // idf share of the query's terms found in the article
  double w_title_cover = 0.0;   // idf share of the title's terms found in the query
  double w_service = 0.25;      // the article is about a service the query names
  double w_service_hint = 1.0;  // ... a service the caller says the conversation is about
  double w_language = 0.05;     // the article is in the query's language
  size_t candidates = 30;       // stage-1 (Xapian) candidates re-ranked

  // Sets a field by name ("w_title", "k1"...); false for an unknown name.
  bool Set(std::string_view name, double value);
  std::string ToString() const;
};

// What the confidence model sees of a hit.
struct HitFeatures {
  double score = 0;        // final ranking score
  double margin = 0;       // (score - best other family's score) / score; < 0 below the top
  double query_cover = 0;  // 0..1
  double title_cover = 0;  // 0..1
  double bm25 = 0;         // normalised BM25F part, 0..1
  double query_terms = 0;  // log(1 + number of distinct query terms)
};

// Logistic confidence: sigmoid(w · [1, features]).
inline constexpr size_t kConfidenceFeatures = 7;
using ConfidenceWeights = std::array<double, kConfidenceFeatures>;
std::array<double, kConfidenceFeatures> ConfidenceInputs(const HitFeatures& f);
double Confidence(const ConfidenceWeights& w, const HitFeatures& f);
// The weights fitted by `kb eval --fit` on stackfaq dev (see docs/KNOWLEDGE.md).
const ConfidenceWeights& DefaultConfidenceWeights();

struct ScoredHit {
  SearchHit hit;
  HitFeatures features;
};

// The index with its knobs exposed, for the eval tool and tests.
class TunableIndex : public KnowledgeIndex {
 public:
  virtual void SetParams(const RankParams& params) = 0;
  virtual void SetConfidenceWeights(const ConfidenceWeights& weights) = 0;
  // Search with the features of every hit (same order and content as Search).
  virtual std::vector<ScoredHit> SearchScored(const SearchQuery& query) const = 0;
};

Result<std::unique_ptr<TunableIndex>> CreateTunableIndex(const IndexOptions& options);

}  // namespace sa::knowledge
