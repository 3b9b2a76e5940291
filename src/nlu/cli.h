// `smartassist nlu ...`: the NLU command line (evaluation on labelled data
// sets). Called by the app's main with the arguments after "nlu".
// Writes to stdout/stderr; returns the process exit code. Not thread-safe
// (meant for main).
#pragma once

namespace sa::nlu {

// nlu eval --train FILE (--test FILE | --holdout FRACTION [--seed N])
//          [--format clinc|banking|tsv] [--solver 0|1|2 (default 1)] [--c X] [--threshold T]
//          [--features K=V,...] [--tune]
// nlu retrain --examples FILE.jsonl --model OUT [--resources DIR] [--tests FILE.tsv]
//          [--holdout FRACTION] [--tolerance T]
//   (Retrain() of nlu/retrain.h; FILE.jsonl lines {"text","intent"[,"language"]};
//    exit 0 = new model written, 3 = rejected and old model kept, 1 = error,
//    2 = usage)
int NluMain(int argc, char** argv);

}  // namespace sa::nlu
