// `smartassist kb ...`: command-line tools over the knowledge module.
//
//   kb eval --articles FILE --queries FILE [--limit N] [--verbose]
//     Indexes the articles ({"id","title","body"} per line, optional
//     "language","tags","services") and runs every query ({"text","article"}),
//     printing P@1, MRR, Recall@5 and latency p50/p99 for the knowledge search
//     and for a plain BM25 baseline (Xapian defaults over title + body).
//   kb render FILE      Markdown file to sanitized HTML on stdout.
//
// Not thread-safe (uses stdout); meant for main().
#pragma once

namespace sa::knowledge {

// argv[0] is the first argument after "kb". Returns the process exit code.
int KbMain(int argc, char** argv);

}  // namespace sa::knowledge
