// Natural-language understanding: what a user's message means.
//
// An Engine turns one message into an Analysis: its language (en/ru/zh among
// the organization's languages), its intent with a calibrated confidence and an
// out-of-scope flag, the entities it names (services, configuration items,
// catalog items by name/alias with typo and inflection tolerance, ticket ids,
// emails, hostnames, IPs, dates, urgency cues), and sentiment/frustration.
// It knows no conversation and no database: the organization's vocabulary is
// handed in at creation, the reference time and zone per call.
//
// Intents are "fine" names (printer_problem, software_install, ...); use
// CoarseIntent() to get the names of shared/API-CONTRACT.md (incident,
// service_request, ...). Analysis::intent is the fine name,
// Analysis::coarse_intent the contract one.
//
// Thread-safety: Engine and IntentClassifier are immutable after creation;
// every const method may be called from any number of threads at once.
// To change the model (retrain), build a new Engine and swap the pointer
// (e.g. std::atomic<std::shared_ptr<const Engine>>) — in-flight calls keep
// the old one alive.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/status.h"

namespace sa::nlu {

// ---------------------------------------------------------------- vocabulary

// A labelled utterance.
struct Example {
  std::string text;
  std::string intent;
  std::string language;  // optional ("" = detect)
};

// One organization-specific thing users may name.
struct VocabularyEntry {
  std::string kind;                    // "service" | "config_item" | "catalog_item" | "article"
  std::string id;                      // canonical id, returned as Entity::value
  std::vector<std::string> names;      // name + aliases, any language
  std::vector<std::string> hostnames;  // hosts that belong to it (config items), may be empty
};

// The organization's vocabulary and languages, from its pack.
struct Vocabulary {
  std::vector<VocabularyEntry> entries;
  std::vector<std::string> languages = {"en", "ru", "zh"};  // org languages, first = default
  // Agents' service corrections: Example::text = what the user said,
  // Example::intent = the id of the service an agent said it was about. When
  // a message names no service, the closest of these (TF-IDF cosine >= 0.5)
  // gives a kService entity with score < 1 and the whole message as text.
  // Ids that are not services of `entries` are ignored.
  std::vector<Example> service_examples;
};

// ---------------------------------------------------------------- results

// Entity kinds (Entity::kind).
inline constexpr const char kService[] = "service";
inline constexpr const char kConfigItem[] = "config_item";
inline constexpr const char kCatalogItem[] = "catalog_item";
inline constexpr const char kArticle[] = "article";
inline constexpr const char kTicketId[] = "ticket_id";  // value "INC-000042" / "REQ-000007"
inline constexpr const char kEmail[] = "email";         // value lower-cased address
inline constexpr const char kHostname[] = "hostname";   // value lower-cased host
inline constexpr const char kIp[] = "ip";
inline constexpr const char kDate[] = "date";        // value "2026-12-25" (org/user zone)
inline constexpr const char kUrgency[] = "urgency";  // value "low" | "medium" | "high"

struct Entity {
  std::string kind;
  std::string value;   // canonical id (vocabulary kinds) or normalized value
  std::string text;    // surface form as written in the message
  double score = 1.0;  // 1 exact; lower for fuzzy / typo matches (0..1)
  size_t begin = 0;    // byte offsets of `text` in the analysed message
  size_t end = 0;
};

struct ScoredIntent {
  std::string name;
  double score = 0;  // calibrated probability, 0..1
};

struct Analysis {
  std::string language;                   // "en" | "ru" | "zh" (one of the org's languages)
  double language_confidence = 0;         // 0..1
  std::string intent;                     // fine intent, "out_of_scope" when out_of_scope
  std::string coarse_intent;              // contract intent (CoarseIntent(intent))
  double confidence = 0;                  // calibrated probability of `intent`, 0..1
  std::vector<ScoredIntent> top_intents;  // best first, up to 5, fine names
  bool out_of_scope = false;
  std::vector<Entity> entities;  // in order of appearance
  std::string urgency;           // "" | "low" | "medium" | "high"
  double sentiment = 0;          // -1 (negative) .. 1 (positive)
  double frustration = 0;        // 0 .. 1 (>= 0.6: angry / desperate)

  // First entity of `kind`, or nullptr.
  const Entity* Find(std::string_view kind) const;
};

// Per-call context.
struct AnalyzeContext {
  std::string language_hint;     // e.g. the user's profile language; may be empty
  TimePoint now{};               // reference time for relative dates ("tomorrow")
  std::string timezone = "UTC";  // IANA zone for dates
};

// ---------------------------------------------------------------- intents

// The fine intent labels of the built-in IT-support model.
const std::vector<std::string>& FineIntents();

// Maps a fine intent to a contract intent (password_reset, how_to, incident,
// service_request, ticket_status, outage_check, human_agent, greeting, thanks,
// out_of_scope). Contract names map to themselves; unknown names to
// "out_of_scope". See docs/NLU.md for the table.
std::string CoarseIntent(std::string_view fine);

struct ClassifierOptions {
  // Label that means "out of scope" in training data (trained as a class) and
  // the threshold below which a prediction is reported as out of scope.
  std::string oos_label = "oos";
  double oos_threshold = -1;  // < 0: use the value tuned/saved with the model
  double c = 2.0;             // regularization (liblinear C)
  // liblinear solver: 2 = L2-loss SVM, primal Newton (default: deterministic);
  // 1 = the same objective by dual coordinate descent (about 2x less CPU on
  // CLINC150/Banking77, what `nlu eval` uses; its random order makes results
  // vary slightly between runs when threads > 1); 0 = logistic regression.
  int solver = 2;
  double temperature = 0;  // softmax temperature over decision values; 0 = default
  int min_count = 1;       // features seen fewer times in training are dropped
  int threads = 2;         // one-vs-rest problems trained in parallel
  // Feature-group overrides for ablations, "key=value,..." (keys: word, bigram,
  // trigram, chars, pairs, cross, cmin, cmax); "" = the tuned defaults. Saved
  // with the model, so Predict always featurizes as training did.
  std::string features;

  // ---- Ensemble and weighting options (all off by default; docs/NLU.md).
  // Class-balanced C: in each one-vs-rest problem the positive examples'
  // cost is multiplied by (negatives / positives)^balance (0 = plain C).
  double balance = 0;
  // TF-IDF: each feature value is multiplied by its smoothed inverse document
  // frequency in the training set, then the row is rescaled to its old L2 norm.
  bool tfidf = false;
  // More linear heads over the same features (e.g. logistic regression,
  // solver 0, or Crammer-Singer multi-class SVM, solver 4); each head's
  // softmax probabilities are averaged with the main head's (weight 1).
  struct LinearHead {
    int solver = 0;
    double c = 20;
    double weight = 1;
    double temperature = 0;  // 0 = default (1 for solver 0/6/7, else 10)
  };
  std::vector<LinearHead> extra_heads;
  // > 0: a fastText supervised model (libfasttext, trained in-process on the
  // normalized words) is averaged in with this weight.
  double fasttext_weight = 0;
  int fasttext_epochs = 25;
  int fasttext_dim = 100;
  int fasttext_word_ngrams = 2;
  double fasttext_lr = 0.5;
  int fasttext_minn = 0;  // char n-grams of words in fastText (0 = none)
  int fasttext_maxn = 0;
  int fasttext_bucket = 200000;
  // Second-level calibration of the averaged probabilities: p^(1/T),
  // renormalized (1 = none). Changes confidences and OOS, never the argmax.
  double ensemble_temperature = 1;
};

// The ensemble that measured best on Banking77 (docs/PERFORMANCE.md): dual
// L2-loss SVM (solver 1) + Crammer-Singer head (solver 4, C = 1) + fastText
// (weight 1, 25 epochs, dim 100, word bigrams, 50 k buckets), stem pairs 1.2,
// TF-IDF, balance 0.5, OOS threshold 0.20 (tuned on CLINC150 val). Not
// deterministic across runs with threads > 1 (solver 1); ~4x the CPU of the
// defaults. `nlu eval --preset ensemble`.
ClassifierOptions EnsembleClassifierOptions();

// A generic text classifier (hashed word/stem/char n-gram features +
// logistic regression). Train on any labelled set; predicts calibrated scores.
// Immutable after Train/Load; Predict is thread-safe.
class IntentClassifier {
 public:
  virtual ~IntentClassifier() = default;

  static Result<std::unique_ptr<IntentClassifier>> Train(const std::vector<Example>& examples,
                                                         const ClassifierOptions& options);
  static Result<std::unique_ptr<IntentClassifier>> Load(const std::string& path);
  virtual Status Save(const std::string& path) const = 0;

  // Scores of all labels, best first (sum to 1). `language` may be "".
  virtual std::vector<ScoredIntent> Predict(std::string_view text,
                                            std::string_view language) const = 0;
  // Best label, or options.oos_label when its score is below the threshold.
  virtual ScoredIntent Classify(std::string_view text, std::string_view language) const = 0;
  virtual double oos_threshold() const = 0;
  virtual const std::vector<std::string>& labels() const = 0;
};

// ---------------------------------------------------------------- engine

struct EngineOptions {
  // Directory with intents/{en,ru,zh}.tsv (text<TAB>intent), lexicons/ and
  // sentiment files. Default: resources/nlu of the source tree / install.
  std::string resource_dir = "resources/nlu";
  // Where the trained model is cached; "" = train in memory at Create
  // (a couple of seconds). If the file exists and matches the training
  // data's hash it is loaded instead of training.
  std::string model_cache;
  // Extra labelled examples (e.g. agent corrections) added to the training set.
  std::vector<Example> extra_examples;
  // A model written by Retrain() (nlu/retrain.h) or `nlu retrain --model`:
  // when set, it is loaded as is (no training, no hash check; model_cache and
  // extra_examples are ignored for intents) and Create fails if it cannot be.
  std::string model_file;
};

class Engine {
 public:
  virtual ~Engine() = default;

  static Result<std::unique_ptr<Engine>> Create(const EngineOptions& options,
                                                const Vocabulary& vocabulary);

  // Full analysis of one message. Never fails; empty text gives out_of_scope.
  virtual Analysis Analyze(std::string_view text, const AnalyzeContext& ctx) const = 0;

  // Entities of one kind alone, for slot filling ("which service?" answered
  // "аутлук"): vocabulary kinds also match a bare answer fuzzily; kDate
  // resolves against ctx; kUrgency also accepts "high"/"высокая"/"高" etc.
  virtual std::vector<Entity> MatchEntity(std::string_view text, std::string_view kind,
                                          const AnalyzeContext& ctx) const = 0;

  // Language of `text` among the org's languages (hint breaks ties on
  // script-neutral text such as "ok" or "INC-000042").
  virtual std::pair<std::string, double> DetectLanguage(std::string_view text,
                                                        std::string_view hint) const = 0;

  // Yes/no answer detection for confirmations: +1 yes, -1 no, 0 unclear.
  virtual int YesNo(std::string_view text) const = 0;
};

}  // namespace sa::nlu
