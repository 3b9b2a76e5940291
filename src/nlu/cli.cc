#include "nlu/cli.h"

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "nlu/dataset.h"
#include "nlu/nlu.h"
#include "nlu/retrain.h"

namespace sa::nlu {
namespace {

using Clock = std::chrono::steady_clock;

int Usage() {
  std::fprintf(
      stderr,
      "usage: nlu eval --train FILE (--test FILE | --holdout FRACTION [--seed N])\n"
      "                [--format clinc|banking|tsv] [--preset ensemble] [--solver 0|1|2|4]\n"
      "                [--c X] [--threshold T] [--temperature T] [--features K=V,...] [--tune]\n"
      "                [--min-count N] [--balance B] [--tfidf 0|1] [--heads S:C[:W[:T]],...]\n"
      "                [--fasttext W] [--ft-epochs N] [--ft-dim N] [--ft-ngrams N]\n"
      "                [--ft-lr X] [--ft-minn N] [--ft-maxn N] [--ft-bucket N]\n"
      "                [--ens-temperature T] [--augment N[:P]]\n"
      "       nlu retrain --examples FILE.jsonl --model OUT [--resources DIR]\n"
      "                [--tests FILE.tsv] [--holdout FRACTION] [--tolerance T]\n"
      "         exit 0 = new model written, 3 = rejected (old kept), 1 = error\n");
  return 2;
}

struct Metrics {
  double in_scope_acc = 0, oos_recall = 0, oos_precision = 0, macro_f1 = 0;
  int in_scope = 0, oos = 0;
};

Metrics Score(const std::vector<Example>& test, const std::vector<std::string>& pred,
              const std::string& oos) {
  Metrics m;
  int in_ok = 0, oos_hit = 0, oos_pred = 0;
  std::map<std::string, int> tp, fp, fn;
  std::set<std::string> labels;
  for (size_t i = 0; i < test.size(); ++i) {
    const std::string& g = test[i].intent;
    const std::string& p = pred[i];
    labels.insert(g);
    if (g == oos) {
      ++m.oos;
      if (p == oos) ++oos_hit;
    } else {
      ++m.in_scope;
      if (p == g) ++in_ok;
    }
    if (p == oos) ++oos_pred;
    if (p == g) {
      ++tp[g];
    } else {
      ++fp[p];
      ++fn[g];
    }
  }
  m.in_scope_acc = m.in_scope ? 100.0 * in_ok / m.in_scope : 0;
  m.oos_recall = m.oos ? 100.0 * oos_hit / m.oos : 0;
  m.oos_precision = oos_pred ? 100.0 * oos_hit / oos_pred : 0;
  double f1_sum = 0;
  for (const auto& l : labels) {
    double p = tp[l] + fp[l] ? double(tp[l]) / (tp[l] + fp[l]) : 0;
    double r = tp[l] + fn[l] ? double(tp[l]) / (tp[l] + fn[l]) : 0;
    f1_sum += p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
  m.macro_f1 = labels.empty() ? 0 : 100.0 * f1_sum / labels.size();
  return m;
}

// Training set plus `copies` noisy copies of each example (words dropped with
// probability p, deterministic in seed); copies equal to the original are skipped.
std::vector<Example> AugmentByWordDropout(const std::vector<Example>& in, int copies, double p,
                                          unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<Example> out = in;
  for (const Example& e : in) {
    std::vector<std::string> words;
    std::istringstream ws(e.text);
    for (std::string w; ws >> w;) words.push_back(w);
    if (words.size() < 3) continue;
    for (int c = 0; c < copies; ++c) {
      std::string text;
      for (const std::string& w : words) {
        if (u(rng) < p) continue;
        text += (text.empty() ? "" : " ") + w;
      }
      if (text.empty() || text == e.text) continue;
      out.push_back({text, e.intent, e.language});
    }
  }
  return out;
}

int Eval(const std::map<std::string, std::string>& args, bool tune) {
  auto get = [&](const std::string& k, const std::string& d) {
    auto it = args.find(k);
    return it == args.end() ? d : it->second;
  };
  if (!args.count("--train")) return Usage();
  std::string format = get("--format", "");
  auto train = ReadExamples(args.at("--train"), format);
  if (!train.ok()) {
    std::fprintf(stderr, "%s\n", train.status().ToString().c_str());
    return 1;
  }
  std::vector<Example> train_set, test_set;
  if (args.count("--test")) {
    auto test = ReadExamples(args.at("--test"), format);
    if (!test.ok()) {
      std::fprintf(stderr, "%s\n", test.status().ToString().c_str());
      return 1;
    }
    train_set = std::move(*train);
    test_set = std::move(*test);
  } else if (args.count("--holdout")) {
    SplitExamples(*train, std::stod(args.at("--holdout")),
                  static_cast<unsigned>(std::stoul(get("--seed", "42"))), &train_set, &test_set);
  } else {
    return Usage();
  }
  // --augment N[:P]: N extra copies of every training example with each word
  // dropped with probability P (default 0.15; at least one word kept).
  if (args.count("--augment")) {
    std::string spec = args.at("--augment");
    int copies = std::stoi(spec);
    double p = spec.find(':') == std::string::npos ? 0.15 : std::stod(spec.substr(spec.find(':') + 1));
    train_set = AugmentByWordDropout(train_set, copies, p, 7);
  }
  // --preset ensemble starts from EnsembleClassifierOptions(); every flag
  // given overrides the preset's value.
  std::string preset = get("--preset", "");
  if (!preset.empty() && preset != "ensemble") return Usage();
  ClassifierOptions opts = preset == "ensemble" ? EnsembleClassifierOptions() : ClassifierOptions();
  if (preset.empty()) opts.solver = 1;  // eval's default: dual CD (see docs/PERFORMANCE.md)
  auto num = [&](const std::string& k, double current) {
    auto it = args.find(k);
    return it == args.end() ? current : std::stod(it->second);
  };
  auto integer = [&](const std::string& k, int current) {
    auto it = args.find(k);
    return it == args.end() ? current : std::stoi(it->second);
  };
  opts.solver = integer("--solver", opts.solver);
  opts.c = num("--c", opts.c);
  opts.oos_threshold = num("--threshold", opts.oos_threshold);
  opts.temperature = num("--temperature", opts.temperature);
  opts.threads = integer("--threads", opts.threads);
  opts.features = get("--features", opts.features);
  opts.min_count = integer("--min-count", opts.min_count);
  opts.balance = num("--balance", opts.balance);
  opts.tfidf = integer("--tfidf", opts.tfidf ? 1 : 0) == 1;
  if (args.count("--heads")) {
    // --heads solver:C[:weight[:temperature]],...  ("none" = no extra head)
    opts.extra_heads.clear();
    std::stringstream hs(get("--heads", ""));
    std::string item;
    while (std::getline(hs, item, ',')) {
      if (item.empty() || item == "none") continue;
      ClassifierOptions::LinearHead h;
      std::vector<double> v;
      std::stringstream is(item);
      std::string x;
      while (std::getline(is, x, ':')) v.push_back(std::stod(x));
      if (v.size() < 2 || v.size() > 4) return Usage();
      h.solver = static_cast<int>(v[0]);
      h.c = v[1];
      if (v.size() > 2) h.weight = v[2];
      if (v.size() > 3) h.temperature = v[3];
      opts.extra_heads.push_back(h);
    }
  }
  opts.fasttext_weight = num("--fasttext", opts.fasttext_weight);
  opts.fasttext_epochs = integer("--ft-epochs", opts.fasttext_epochs);
  opts.fasttext_dim = integer("--ft-dim", opts.fasttext_dim);
  opts.fasttext_word_ngrams = integer("--ft-ngrams", opts.fasttext_word_ngrams);
  opts.fasttext_lr = num("--ft-lr", opts.fasttext_lr);
  opts.fasttext_minn = integer("--ft-minn", opts.fasttext_minn);
  opts.fasttext_maxn = integer("--ft-maxn", opts.fasttext_maxn);
  opts.fasttext_bucket = integer("--ft-bucket", opts.fasttext_bucket);
  opts.ensemble_temperature = num("--ens-temperature", opts.ensemble_temperature);
  bool has_oos = false;
  for (const auto& e : train_set) has_oos |= e.intent == opts.oos_label;
  for (const auto& e : test_set) has_oos |= e.intent == opts.oos_label;
  if (!has_oos) opts.oos_threshold = 0;

  auto cpu_seconds = [] {
    struct rusage r {};
    getrusage(RUSAGE_SELF, &r);
    return r.ru_utime.tv_sec + r.ru_stime.tv_sec + (r.ru_utime.tv_usec + r.ru_stime.tv_usec) / 1e6;
  };
  double cpu0 = cpu_seconds();
  auto t0 = Clock::now();
  auto clf = IntentClassifier::Train(train_set, opts);
  double train_s = std::chrono::duration<double>(Clock::now() - t0).count();
  double train_cpu_s = cpu_seconds() - cpu0;
  if (!clf.ok()) {
    std::fprintf(stderr, "%s\n", clf.status().ToString().c_str());
    return 1;
  }
  std::vector<std::string> pred;
  std::vector<double> lat_us, top;
  std::vector<std::string> top_label;
  // CPU time of this thread per call too: under load, wall latency measures
  // preemption more than the classifier.
  auto thread_cpu_us = [] {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
  };
  std::vector<double> cpu_us;
  for (const auto& e : test_set) {
    double c0 = thread_cpu_us();
    auto s = Clock::now();
    ScoredIntent r = (*clf)->Classify(e.text, "");
    lat_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - s).count());
    cpu_us.push_back(thread_cpu_us() - c0);
    pred.push_back(r.name);
    if (tune) {
      auto p = (*clf)->Predict(e.text, "");
      top.push_back(p[0].score);
      top_label.push_back(p[0].name);
    }
  }
  std::sort(lat_us.begin(), lat_us.end());
  std::sort(cpu_us.begin(), cpu_us.end());
  Metrics m = Score(test_set, pred, opts.oos_label);
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("train examples   %zu (%zu labels)\n", train_set.size(), (*clf)->labels().size());
  std::printf("test examples    %zu (%d in scope, %d oos)\n", test_set.size(), m.in_scope, m.oos);
  std::printf("in-scope acc     %.2f%%\n", m.in_scope_acc);
  if (m.oos) {
    std::printf("oos recall       %.2f%%\n", m.oos_recall);
    std::printf("oos precision    %.2f%%\n", m.oos_precision);
  }
  std::printf("macro-F1         %.2f%%\n", m.macro_f1);
  std::printf("training time    %.2f s wall, %.2f s CPU (all threads)\n", train_s, train_cpu_s);
  std::printf("latency p50      %.1f us\n", lat_us[lat_us.size() / 2]);
  std::printf("latency p99      %.1f us\n", lat_us[lat_us.size() * 99 / 100]);
  std::printf("CPU/utt p50 p99  %.1f us %.1f us (thread CPU time)\n", cpu_us[cpu_us.size() / 2],
              cpu_us[cpu_us.size() * 99 / 100]);
  std::printf("oos threshold    %.2f\n", (*clf)->oos_threshold());
  std::printf("max RSS          %.1f MB\n", ru.ru_maxrss / 1024.0);
  if (tune) {
    for (double th = 0.05; th < 0.95; th += 0.05) {
      std::vector<std::string> p2;
      for (size_t i = 0; i < top.size(); ++i)
        p2.push_back(top[i] < th ? opts.oos_label : top_label[i]);
      Metrics t = Score(test_set, p2, opts.oos_label);
      std::printf("threshold %.2f: in-scope %.2f oos recall %.2f precision %.2f f1 %.2f\n", th,
                  t.in_scope_acc, t.oos_recall, t.oos_precision, t.macro_f1);
    }
  }
  return 0;
}

int RetrainCommand(const std::map<std::string, std::string>& args) {
  auto get = [&](const std::string& k, const std::string& d) {
    auto it = args.find(k);
    return it == args.end() ? d : it->second;
  };
  if (!args.count("--examples") || !args.count("--model")) return Usage();
  auto examples = ReadExamples(args.at("--examples"), "clinc");
  if (!examples.ok()) {
    std::fprintf(stderr, "%s\n", examples.status().ToString().c_str());
    return 1;
  }
  RetrainOptions o;
  o.resource_dir = get("--resources", o.resource_dir);
  o.extra_examples = std::move(*examples);
  o.model_path = args.at("--model");
  o.builtin_tests = get("--tests", "");
  o.holdout_fraction = std::stod(get("--holdout", "0.2"));
  o.tolerance = std::stod(get("--tolerance", "0"));
  auto report = Retrain(o);
  if (!report.ok()) {
    std::fprintf(stderr, "%s\n", report.status().ToString().c_str());
    return 1;
  }
  std::printf("%s\n", report->reason.c_str());
  std::printf("corrections trained %zu, held out %zu; built-in tests %zu; training %.2f s\n",
              report->extra_trained, report->extra_held_out, report->builtin_tests,
              report->training_seconds);
  std::printf("old: held-out %.2f%% built-in %.2f%%\n", 100 * report->old_heldout_accuracy,
              100 * report->old_builtin_accuracy);
  std::printf("new: held-out %.2f%% built-in %.2f%%\n", 100 * report->new_heldout_accuracy,
              100 * report->new_builtin_accuracy);
  return report->accepted ? 0 : 3;
}

}  // namespace

int NluMain(int argc, char** argv) {
  if (argc < 1) return Usage();
  std::string cmd = argv[0];
  std::map<std::string, std::string> args;
  bool tune = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--tune") {
      tune = true;
    } else if (i + 1 < argc) {
      args[a] = argv[++i];
    } else {
      return Usage();
    }
  }
  try {
    if (cmd == "eval") return Eval(args, tune);
    if (cmd == "retrain") return RetrainCommand(args);
  } catch (const std::exception& e) {  // std::stod on a malformed number
    std::fprintf(stderr, "nlu %s: %s\n", cmd.c_str(), e.what());
  }
  return Usage();
}

}  // namespace sa::nlu
