// Retrain(): candidate vs current intent model on held-out corrections and
// the built-in test utterances; see retrain.h.
#include "nlu/retrain.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "core/json.h"
#include "nlu/dataset.h"
#include "nlu/text.h"

namespace sa::nlu {
namespace {

struct TestSets {
  std::vector<Example> held_out;  // fine intents
  std::vector<Example> builtin;   // contract intents
};

// Accuracy (0..1) of the fine intents on held-out corrections.
double HeldOutAccuracy(const IntentClassifier& clf, const std::vector<Example>& test) {
  if (test.empty()) return 0;
  size_t ok = 0;
  for (const Example& e : test) {
    std::string want = e.intent == "oos" ? "out_of_scope" : e.intent;
    ok += EngineIntent(clf, e.text) == want;
  }
  return static_cast<double>(ok) / static_cast<double>(test.size());
}

// Accuracy (0..1) of the contract intents on the built-in test utterances.
double BuiltinAccuracy(const IntentClassifier& clf, const std::vector<Example>& test) {
  if (test.empty()) return 0;
  size_t ok = 0;
  for (const Example& e : test) ok += CoarseIntent(EngineIntent(clf, e.text)) == e.intent;
  return static_cast<double>(ok) / static_cast<double>(test.size());
}

Status WriteModel(const IntentClassifier& clf, const std::vector<Example>& trained_on,
                  const std::string& path) {
  std::error_code ec;
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  SA_RETURN_IF_ERROR(clf.Save(path));
  std::ofstream hout(path + ".hash", std::ios::trunc);
  hout << TrainingHash(trained_on) << "\n";
  if (!hout) return Unavailable("cannot write " + path + ".hash");
  return Status::Ok();
}

std::string InfoPath(const std::string& model_path) { return model_path + ".info"; }

Status WriteInfo(const ModelInfo& info, const std::string& model_path) {
  Json j = {{"version", info.version},
            {"trained_at", info.trained_at},
            {"examples", info.examples},
            {"corrections", info.corrections},
            {"held_out", info.held_out},
            {"heldout_accuracy", info.heldout_accuracy},
            {"builtin_accuracy", info.builtin_accuracy}};
  std::string tmp = InfoPath(model_path) + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << j.dump(2) << "\n";
    if (!out) return Unavailable("cannot write " + tmp);
  }
  std::error_code ec;
  std::filesystem::rename(tmp, InfoPath(model_path), ec);
  if (ec) return Unavailable("cannot rename " + tmp + ": " + ec.message());
  return Status::Ok();
}

}  // namespace

Result<ModelInfo> ReadModelInfo(const std::string& model_path) {
  std::ifstream in(InfoPath(model_path));
  if (!in || !std::filesystem::exists(model_path)) {
    return NotFound("no retrained model at " + model_path);
  }
  try {
    Json j = Json::parse(in);
    ModelInfo info;
    info.version = j.at("version").get<int64_t>();
    info.trained_at = j.value("trained_at", "");
    if (info.trained_at.empty()) {  // retrained without a time: the file's
      std::error_code ec;
      auto mtime = std::filesystem::last_write_time(model_path, ec);
      if (!ec) {
        info.trained_at = FormatTime(std::chrono::time_point_cast<TimePoint::duration>(
            std::chrono::file_clock::to_sys(mtime)));
      }
    }
    info.examples = j.value("examples", size_t{0});
    info.corrections = j.value("corrections", size_t{0});
    info.held_out = j.value("held_out", size_t{0});
    info.heldout_accuracy = j.value("heldout_accuracy", 0.0);
    info.builtin_accuracy = j.value("builtin_accuracy", 0.0);
    return info;
  } catch (const Json::exception& e) {
    return InvalidArgument(InfoPath(model_path) + ": " + e.what());
  }
}

bool IsHeldOut(const Example& example, double holdout_fraction) {
  if (holdout_fraction <= 0) return false;
  if (holdout_fraction >= 1) return true;
  uint64_t h = Hash64(Normalize(example.text), 0x5a17c0ffee15900dULL);
  return static_cast<double>(h % 10000) < holdout_fraction * 10000;
}

Result<RetrainReport> Retrain(const RetrainOptions& options) {
  if (options.model_path.empty()) return InvalidArgument("retrain: no model path");
  static std::mutex one_at_a_time;
  std::lock_guard<std::mutex> lock(one_at_a_time);
  SA_ASSIGN_OR_RETURN(std::vector<Example> builtin, ReadBuiltinExamples(options.resource_dir));
  TestSets tests;
  if (!options.builtin_tests.empty()) {
    SA_ASSIGN_OR_RETURN(tests.builtin, ReadExamples(options.builtin_tests, "tsv"));
  }
  RetrainReport report;
  std::vector<Example> train = builtin;
  for (Example e : options.extra_examples) {
    if (e.intent == "out_of_scope") e.intent = "oos";
    if (IsHeldOut(e, options.holdout_fraction)) {
      tests.held_out.push_back(std::move(e));
    } else {
      train.push_back(std::move(e));
      ++report.extra_trained;
    }
  }
  report.extra_held_out = tests.held_out.size();
  report.builtin_tests = tests.builtin.size();
  report.examples = train.size();

  // The current model; an unreadable file (e.g. an older format) counts as
  // the built-in model, which is what Engine::Create would then train.
  std::unique_ptr<IntentClassifier> old_model;
  std::string old_note;
  if (std::filesystem::exists(options.model_path)) {
    auto loaded = IntentClassifier::Load(options.model_path);
    if (loaded.ok()) {
      old_model = std::move(*loaded);
    } else {
      old_note = " (current model unreadable, compared with the built-in one: " +
                 loaded.status().ToString() + ")";
    }
  }
  if (!old_model) {
    SA_ASSIGN_OR_RETURN(old_model, TrainEngineModel(builtin));
  }
  auto t0 = std::chrono::steady_clock::now();
  SA_ASSIGN_OR_RETURN(std::unique_ptr<IntentClassifier> candidate, TrainEngineModel(train));
  report.training_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  report.old_heldout_accuracy = HeldOutAccuracy(*old_model, tests.held_out);
  report.new_heldout_accuracy = HeldOutAccuracy(*candidate, tests.held_out);
  report.old_builtin_accuracy = BuiltinAccuracy(*old_model, tests.builtin);
  report.new_builtin_accuracy = BuiltinAccuracy(*candidate, tests.builtin);
  const double tol = options.tolerance + 1e-9;
  bool heldout_ok = report.new_heldout_accuracy + tol >= report.old_heldout_accuracy;
  bool builtin_ok = report.new_builtin_accuracy + tol >= report.old_builtin_accuracy;
  report.accepted = heldout_ok && builtin_ok;
  char buf[256];
  std::snprintf(buf, sizeof(buf),
                "%s: held-out corrections %.1f%% -> %.1f%% (%zu), built-in tests %.1f%% -> "
                "%.1f%% (%zu)",
                report.accepted ? "accepted" : "rejected", 100 * report.old_heldout_accuracy,
                100 * report.new_heldout_accuracy, report.extra_held_out,
                100 * report.old_builtin_accuracy, 100 * report.new_builtin_accuracy,
                report.builtin_tests);
  report.reason = buf + old_note;
  // A model file written before infos existed counts as version 1.
  auto current = ReadModelInfo(options.model_path);
  report.model_version = current.ok()                                   ? current->version
                         : std::filesystem::exists(options.model_path) ? 1
                                                                       : 0;
  if (!report.accepted) return report;
  SA_RETURN_IF_ERROR(WriteModel(*candidate, train, options.model_path));
  ModelInfo info;
  info.version = ++report.model_version;
  if (options.now != TimePoint{}) info.trained_at = FormatTime(options.now);
  info.examples = train.size();
  info.corrections = report.extra_trained;
  info.held_out = report.extra_held_out;
  info.heldout_accuracy = report.new_heldout_accuracy;
  info.builtin_accuracy = report.new_builtin_accuracy;
  SA_RETURN_IF_ERROR(WriteInfo(info, options.model_path));
  return report;
}

}  // namespace sa::nlu
