// Reading labelled data sets for evaluation (private to sa_nlu): CLINC150
// JSON lines {"text","intent"}, Banking77 CSV (text,category) and our own
// TSV (text<TAB>intent). Not thread-safe by itself (pure functions).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "nlu/nlu.h"

namespace sa::nlu {

// format: "clinc" | "banking" | "tsv" | "" (by file extension).
Result<std::vector<Example>> ReadExamples(const std::string& path, std::string format);

// Stratified split: a fraction of each label goes to `held`, deterministic in seed.
void SplitExamples(const std::vector<Example>& all, double fraction, unsigned seed,
                   std::vector<Example>* kept, std::vector<Example>* held);

// The built-in IT-support training set: resource_dir/intents/{en,ru,zh}.tsv,
// with each example's language set and "out_of_scope" labels renamed "oos".
Result<std::vector<Example>> ReadBuiltinExamples(const std::string& resource_dir);

// Trains the Engine's intent model (one-vs-rest, oos_label "oos").
Result<std::unique_ptr<IntentClassifier>> TrainEngineModel(const std::vector<Example>& examples);

// Fine intent as Engine::Analyze reports it: the best label, or
// "out_of_scope" when it is "oos" or below the Engine's threshold.
std::string EngineIntent(const IntentClassifier& clf, std::string_view text);

// Hash of a training set (with the feature version), stored beside a cached model.
std::string TrainingHash(const std::vector<Example>& examples);

}  // namespace sa::nlu
