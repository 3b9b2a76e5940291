// The learning loop: retrain the intent model with agents' corrections, keep
// it only if it is not worse, and hand it to a running server without a
// restart.
//
// Retrain() trains a candidate on the built-in data (resources/nlu/intents)
// plus extra labelled examples, compares it with the current model on
// held-out data, and writes the candidate only if it is not worse on either
// measure:
//   - held-out corrections: a fixed part of the extra examples, chosen by a
//     hash of their text (so the same correction is held out at every
//     retrain, is never trained on by any model, and old and new are compared
//     fairly); fine-intent accuracy;
//   - the built-in test utterances (tests/nlu/intents.tsv: utterance<TAB>
//     contract intent); contract-intent accuracy with the Engine's threshold.
// The current model is the file at `model_path` if it exists, else the
// built-in model (what Engine::Create trains without extras).
//
// EngineHolder lets the server swap Engines: readers take a shared_ptr
// snapshot per request (in-flight requests keep the old Engine alive), a
// writer replaces it. All its methods are thread-safe. Retrain() itself is
// a blocking call for a background thread, an admin request or the CLI;
// calls in one process run one at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "nlu/nlu.h"

namespace sa::nlu {

struct RetrainOptions {
  std::string resource_dir = "resources/nlu";  // built-in training data
  std::vector<Example> extra_examples;         // agents' corrections (intent = fine name)
  std::string model_path;                      // current model; the new one is written here
  // Utterance<TAB>contract-intent file compared on as well; "" = none.
  std::string builtin_tests;
  double holdout_fraction = 0.2;  // of extra_examples, by text hash
  // The candidate must not lose more than this (absolute accuracy, 0..1) on
  // either measure. 0 = "not worse".
  double tolerance = 0.0;
  // When this training happens, recorded in the model's info; epoch = unknown.
  TimePoint now{};
};

struct RetrainReport {
  bool accepted = false;
  std::string reason;               // one line, for logs and the CLI
  size_t extra_trained = 0;         // extra examples the candidate was trained on
  size_t extra_held_out = 0;        // extra examples compared on
  size_t builtin_tests = 0;         // built-in test utterances compared on
  double old_heldout_accuracy = 0;  // 0..1 (0 when nothing is held out)
  double new_heldout_accuracy = 0;
  double old_builtin_accuracy = 0;  // 0..1 (0 when no built-in tests)
  double new_builtin_accuracy = 0;
  double training_seconds = 0;
  size_t examples = 0;            // the candidate's training set (built-in + corrections)
  int64_t model_version = 0;      // the written model's when accepted, else the current one's
};

// What a retrained model file is, written beside it (model_path + ".info",
// JSON) by Retrain when it accepts a candidate.
struct ModelInfo {
  int64_t version = 0;         // 1 for the first retrained model, +1 per accepted retrain
  std::string trained_at;      // RFC 3339: RetrainOptions::now, else the file's mtime
  size_t examples = 0;         // training examples (built-in + corrections)
  size_t corrections = 0;      // agents' corrections among them
  size_t held_out = 0;         // corrections held out for comparison
  double heldout_accuracy = 0;  // its scores when it was accepted (0..1)
  double builtin_accuracy = 0;
};

// The info of the model at `model_path`; NotFound when no model was
// retrained there yet (the server then uses the built-in model),
// InvalidArgument when the info file is corrupt.
Result<ModelInfo> ReadModelInfo(const std::string& model_path);

// Trains, compares, writes `options.model_path` (+ ".hash") when accepted.
// Fails on unreadable resources/tests, an unwritable model path or a
// training failure; a rejected candidate is a successful call with
// accepted = false (the old file is left untouched).
Result<RetrainReport> Retrain(const RetrainOptions& options);

// True when an extra example is held out for comparison (never trained on).
bool IsHeldOut(const Example& example, double holdout_fraction);

// The Engine the server currently uses. Thread-safe.
class EngineHolder {
 public:
  explicit EngineHolder(std::shared_ptr<const Engine> engine) : engine_(std::move(engine)) {}

  // Snapshot for one request; stays valid after a Swap.
  std::shared_ptr<const Engine> Get() const {
    std::lock_guard<std::mutex> lock(mu_);
    return engine_;
  }
  // Replaces the engine; returns the old one (callers may drop it).
  std::shared_ptr<const Engine> Swap(std::shared_ptr<const Engine> engine) {
    std::lock_guard<std::mutex> lock(mu_);
    std::swap(engine_, engine);
    ++generation_;
    return engine;
  }
  // Number of swaps so far.
  uint64_t generation() const {
    std::lock_guard<std::mutex> lock(mu_);
    return generation_;
  }

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const Engine> engine_;
  uint64_t generation_ = 0;
};

}  // namespace sa::nlu
