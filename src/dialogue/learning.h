// The learning loop's side in the dialogue module: remember what the bot did
// not understand (for an admin to review and label), and retrain the intent
// model from what agents and reviewers taught (nlu::Retrain), now or
// periodically in the background. See docs/NLU.md, "Learning loop".
//
// The retrained model is a file (RetrainFromStore's model_path); OrgContext
// (org_context.h) notices a newer file and swaps the engine in without
// dropping a request. Routing learns without any of this: OrgContext rebuilds
// the router when store::LearningRepo::Generation() moves (a reassignment, a
// team correction).
//
// Thread-safety: the free functions may be called from any thread (they use
// the Store's transactions); RetrainJob's methods are thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "nlu/nlu.h"
#include "nlu/retrain.h"
#include "store/store.h"

namespace sa::dialogue {

// TrainingExample kinds and sources used by the loop.
inline constexpr char kUnlabelled[] = "unlabelled";
inline constexpr char kIntentKind[] = "intent";
inline constexpr char kTeamKind[] = "team";
inline constexpr char kServiceKind[] = "service";

// Stores `text` (already masked) as an "unlabelled" example awaiting review,
// with its language and the conversation id as source. Empty text is skipped.
// Returns the store's status; the bot ignores it (best effort).
Status RememberNotUnderstood(store::Store& store, const Clock& clock, const std::string& text,
                             const std::string& language, const std::string& conversation_id);

// Every labelled intent example (kind "intent") as NLU training examples
// (intent = fine intent name), oldest first.
Result<std::vector<nlu::Example>> IntentExamples(store::Store& store);

// Reads IntentExamples and runs nlu::Retrain with `options` (whose
// extra_examples are replaced). Blocking: seconds of CPU.
Result<nlu::RetrainReport> RetrainFromStore(store::Store& store, nlu::RetrainOptions options);

// Runs RetrainFromStore every `interval` on a background thread, when there is
// something new to learn (the learning generation moved since the last run
// and there is at least one intent example). `on_report` (may be empty) gets
// each outcome, for logs. The thread waits on a condition variable, so Stop()
// (or the destructor) returns promptly.
class RetrainJob {
 public:
  using ReportFn = std::function<void(const Result<nlu::RetrainReport>&)>;

  RetrainJob(store::Store& store, nlu::RetrainOptions options, std::chrono::seconds interval,
             ReportFn on_report);
  ~RetrainJob();
  RetrainJob(const RetrainJob&) = delete;
  RetrainJob& operator=(const RetrainJob&) = delete;

  void Start();
  void Stop();
  // One round now, on the caller's thread: retrains if there is something new.
  // False when skipped.
  bool RunOnce();

 private:
  void Loop();

  store::Store& store_;
  nlu::RetrainOptions options_;
  std::chrono::seconds interval_;
  ReportFn on_report_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;
  int64_t last_generation_ = -1;
  std::mutex run_mu_;  // one retrain at a time
  std::thread thread_;
};

}  // namespace sa::dialogue
