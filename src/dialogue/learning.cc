#include "dialogue/learning.h"

#include <utility>

namespace sa::dialogue {

Status RememberNotUnderstood(store::Store& store, const Clock& clock, const std::string& text,
                             const std::string& language, const std::string& conversation_id) {
  if (text.empty()) return Status::Ok();
  store::TrainingExample e;
  e.kind = kUnlabelled;
  e.text = text;
  e.language = language;
  e.source = conversation_id;
  e.at = clock.Now();
  return store.Transact([&](store::Tx& tx) { return tx.learning().Add(e).status(); });
}

Result<std::vector<nlu::Example>> IntentExamples(store::Store& store) {
  std::vector<store::TrainingExample> rows;
  SA_RETURN_IF_ERROR(store.Transact([&](store::Tx& tx) -> Status {
    SA_ASSIGN_OR_RETURN(rows, tx.learning().List(kIntentKind, 100000));
    return Status::Ok();
  }));
  std::vector<nlu::Example> out;
  out.reserve(rows.size());
  for (auto& r : rows) {
    if (r.label.empty() || r.text.empty()) continue;
    out.push_back({std::move(r.text), std::move(r.label), std::move(r.language)});
  }
  return out;
}

Result<nlu::RetrainReport> RetrainFromStore(store::Store& store, nlu::RetrainOptions options) {
  SA_ASSIGN_OR_RETURN(options.extra_examples, IntentExamples(store));
  return nlu::Retrain(options);
}

RetrainJob::RetrainJob(store::Store& store, nlu::RetrainOptions options,
                       std::chrono::seconds interval, ReportFn on_report)
    : store_(store),
      options_(std::move(options)),
      interval_(interval),
      on_report_(std::move(on_report)) {}

RetrainJob::~RetrainJob() { Stop(); }

void RetrainJob::Start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable() || interval_.count() <= 0) return;
  stop_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void RetrainJob::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool RetrainJob::RunOnce() {
  std::lock_guard run_lock(run_mu_);
  int64_t generation = 0;
  size_t examples = 0;
  Status st = store_.Transact([&](store::Tx& tx) -> Status {
    SA_ASSIGN_OR_RETURN(generation, tx.learning().Generation());
    SA_ASSIGN_OR_RETURN(auto rows, tx.learning().List(kIntentKind, 1));
    examples = rows.size();
    return Status::Ok();
  });
  if (!st.ok()) {
    if (on_report_) on_report_(st);
    return false;
  }
  if (examples == 0 || generation == last_generation_) return false;
  Result<nlu::RetrainReport> report = RetrainFromStore(store_, options_);
  if (report.ok()) last_generation_ = generation;  // a failure is retried next round
  if (on_report_) on_report_(report);
  return true;
}

void RetrainJob::Loop() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    if (wake_.wait_for(lock, interval_, [this] { return stop_; })) break;
    lock.unlock();
    RunOnce();
    lock.lock();
  }
}

}  // namespace sa::dialogue
