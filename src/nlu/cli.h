// `smartassist nlu ...`: the NLU command line (evaluation on labelled data
// sets). Called by the app's main with the arguments after "nlu".
// Writes to stdout/stderr; returns the process exit code. Not thread-safe
// (meant for main).
#pragma once

namespace sa::nlu {

// nlu eval --train FILE (--test FILE | --holdout FRACTION [--seed N])
//          [--format clinc|banking] [--solver 0|2] [--c X] [--threshold T] [--tune]
int NluMain(int argc, char** argv);

}  // namespace sa::nlu
