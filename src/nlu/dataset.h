// Reading labelled data sets for evaluation (private to sa_nlu): CLINC150
// JSON lines {"text","intent"}, Banking77 CSV (text,category) and our own
// TSV (text<TAB>intent). Not thread-safe by itself (pure functions).
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "nlu/nlu.h"

namespace sa::nlu {

// format: "clinc" | "banking" | "tsv" | "" (by file extension).
Result<std::vector<Example>> ReadExamples(const std::string& path, std::string format);

// Stratified split: a fraction of each label goes to `held`, deterministic in seed.
void SplitExamples(const std::vector<Example>& all, double fraction, unsigned seed,
                   std::vector<Example>* kept, std::vector<Example>* held);

}  // namespace sa::nlu
