// IntentClassifier: hashed n-gram features + one-vs-rest liblinear models,
// softmax-calibrated. The per-class binary problems are trained in parallel.
#include <linear.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <thread>
#include <unordered_map>

#include "nlu/features.h"
#include "nlu/nlu.h"

namespace sa::nlu {
namespace {

constexpr char kMagic[] = "SANLU2";  // 2: feature weights stored
// Tuned on CLINC150 val (docs/PERFORMANCE.md): below this calibrated
// probability the best label is reported as out of scope.
constexpr double kDefaultOosThreshold = 0.25;      // primal solvers (0, 2)
constexpr double kDefaultOosThresholdDual = 0.35;  // dual L2-loss SVM (solver 1)
constexpr double kDefaultTemperatureLr = 1.0;
constexpr double kDefaultTemperatureSvm = 10.0;

void Quiet(const char*) {}

class LinearClassifier final : public IntentClassifier {
 public:
  LinearClassifier() = default;

  static Result<std::unique_ptr<IntentClassifier>> Build(const std::vector<Example>& examples,
                                                         const ClassifierOptions& options);

  Status Save(const std::string& path) const override;
  static Result<std::unique_ptr<IntentClassifier>> LoadFrom(const std::string& path);

  std::vector<ScoredIntent> Predict(std::string_view text,
                                    std::string_view language) const override {
    SparseFeatures f = Featurize(text, features_);
    size_t k = labels_.size();
    std::vector<double> dec(bias_.begin(), bias_.end());
    for (const auto& [h, v] : f) {
      auto it = index_.find(h);
      if (it == index_.end()) continue;
      const float* row = &weights_[static_cast<size_t>(it->second) * k];
      for (size_t j = 0; j < k; ++j) dec[j] += v * row[j];
    }
    double mx = *std::max_element(dec.begin(), dec.end());
    double sum = 0;
    for (double& d : dec) {
      d = std::exp((d - mx) * temperature_);
      sum += d;
    }
    std::vector<ScoredIntent> out(k);
    for (size_t j = 0; j < k; ++j) out[j] = {labels_[j], dec[j] / sum};
    std::sort(out.begin(), out.end(),
              [](const ScoredIntent& a, const ScoredIntent& b) { return a.score > b.score; });
    return out;
  }

  ScoredIntent Classify(std::string_view text, std::string_view language) const override {
    std::vector<ScoredIntent> p = Predict(text, language);
    if (p.empty()) return {oos_label_, 1.0};
    if (p[0].name != oos_label_ && p[0].score < oos_threshold_) return {oos_label_, 1 - p[0].score};
    return p[0];
  }
  double oos_threshold() const override { return oos_threshold_; }
  const std::vector<std::string>& labels() const override { return labels_; }

 private:
  std::vector<std::string> labels_;
  std::string oos_label_;
  double oos_threshold_ = kDefaultOosThreshold;
  double temperature_ = 1.0;
  FeatureWeights features_;
  std::unordered_map<uint64_t, uint32_t> index_;  // feature hash -> row
  std::vector<float> weights_;                    // rows x labels
  std::vector<float> bias_;                       // per label
};

Result<std::unique_ptr<IntentClassifier>> LinearClassifier::Build(
    const std::vector<Example>& examples, const ClassifierOptions& options) {
  if (examples.empty()) return InvalidArgument("no training examples");
  auto model = std::make_unique<LinearClassifier>();
  model->oos_label_ = options.oos_label;
  model->oos_threshold_ = options.oos_threshold >= 0 ? options.oos_threshold
                          : options.solver == 1      ? kDefaultOosThresholdDual
                                                     : kDefaultOosThreshold;
  model->temperature_ = options.temperature > 0 ? options.temperature
                        : options.solver == 0   ? kDefaultTemperatureLr
                                                : kDefaultTemperatureSvm;
  SA_ASSIGN_OR_RETURN(model->features_, ParseFeatureWeights(options.features));
  std::map<std::string, int> label_ids;
  for (const Example& e : examples) label_ids.emplace(e.intent, 0);
  for (auto& [name, id] : label_ids) {
    id = static_cast<int>(model->labels_.size());
    model->labels_.push_back(name);
  }
  // Featurize (2 threads), count features.
  std::vector<SparseFeatures> feats(examples.size());
  {
    int nt = std::max(1, options.threads);
    std::vector<std::thread> pool;
    for (int t = 0; t < nt; ++t) {
      pool.emplace_back([&, t] {
        for (size_t i = t; i < examples.size(); i += nt)
          feats[i] = Featurize(examples[i].text, model->features_);
      });
    }
    for (auto& th : pool) th.join();
  }
  std::unordered_map<uint64_t, int> counts;
  for (const auto& f : feats)
    for (const auto& [h, v] : f) ++counts[h];
  std::vector<uint64_t> kept;
  for (const auto& [h, c] : counts)
    if (c >= options.min_count) kept.push_back(h);
  std::sort(kept.begin(), kept.end());
  for (size_t i = 0; i < kept.size(); ++i) model->index_[kept[i]] = static_cast<uint32_t>(i);
  const int n_feat = static_cast<int>(kept.size());

  // liblinear problem; bias as feature n_feat+1.
  std::vector<std::vector<feature_node>> rows(examples.size());
  for (size_t i = 0; i < examples.size(); ++i) {
    std::vector<feature_node>& r = rows[i];
    for (const auto& [h, v] : feats[i]) {
      auto it = model->index_.find(h);
      if (it != model->index_.end()) r.push_back({static_cast<int>(it->second) + 1, v});
    }
    std::sort(r.begin(), r.end(),
              [](const feature_node& a, const feature_node& b) { return a.index < b.index; });
    r.push_back({n_feat + 1, 1.0});
    r.push_back({-1, 0});
  }
  std::vector<feature_node*> xs(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) xs[i] = rows[i].data();
  std::vector<int> y(examples.size());
  for (size_t i = 0; i < examples.size(); ++i) y[i] = label_ids[examples[i].intent];

  const size_t k = model->labels_.size();
  model->weights_.assign(static_cast<size_t>(n_feat) * k, 0.0f);
  model->bias_.assign(k, 0.0f);
  set_print_string_function(&Quiet);
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  auto worker = [&] {
    std::vector<double> yy(examples.size());
    problem prob{};
    prob.l = static_cast<int>(examples.size());
    prob.n = n_feat + 1;
    prob.x = xs.data();
    prob.y = yy.data();
    prob.bias = 1.0;
    parameter param{};
    param.solver_type = options.solver;
    param.C = options.c;
    param.eps = options.solver == 0 ? 0.01 : 0.1;
    param.p = 0.1;
    for (size_t c = next++; c < k; c = next++) {
      bool any_pos = false;
      for (size_t i = 0; i < yy.size(); ++i) {
        yy[i] = y[i] == static_cast<int>(c) ? 1.0 : -1.0;
        any_pos |= yy[i] > 0;
      }
      if (!any_pos || k == 1) continue;
      ::model* m = train(&prob, &param);
      if (!m) {
        failed = true;
        continue;
      }
      double sign = m->label[0] == 1 ? 1.0 : -1.0;
      for (int j = 0; j < n_feat; ++j) {
        model->weights_[static_cast<size_t>(j) * k + c] = static_cast<float>(sign * m->w[j]);
      }
      model->bias_[c] = static_cast<float>(sign * m->w[n_feat]);
      free_and_destroy_model(&m);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < std::max(1, options.threads); ++t) pool.emplace_back(worker);
  for (auto& th : pool) th.join();
  if (failed) return Internal("liblinear training failed");
  return std::unique_ptr<IntentClassifier>(std::move(model));
}

template <typename T>
void Put(std::ofstream& out, const T& v) {
  out.write(reinterpret_cast<const char*>(&v), sizeof(T));
}
void PutString(std::ofstream& out, const std::string& s) {
  Put<uint32_t>(out, static_cast<uint32_t>(s.size()));
  out.write(s.data(), static_cast<std::streamsize>(s.size()));
}
template <typename T>
bool Get(std::ifstream& in, T& v) {
  return static_cast<bool>(in.read(reinterpret_cast<char*>(&v), sizeof(T)));
}
bool GetString(std::ifstream& in, std::string& s) {
  uint32_t n = 0;
  if (!Get(in, n) || n > (1u << 20)) return false;
  s.resize(n);
  return static_cast<bool>(in.read(s.data(), n));
}

Status LinearClassifier::Save(const std::string& path) const {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Unavailable("cannot write " + tmp);
    out.write(kMagic, sizeof(kMagic));
    Put<uint32_t>(out, static_cast<uint32_t>(labels_.size()));
    for (const auto& l : labels_) PutString(out, l);
    PutString(out, oos_label_);
    Put(out, oos_threshold_);
    Put(out, temperature_);
    for (double w : {features_.word, features_.bigram, features_.chars, features_.trigram,
                     features_.pairs, features_.char_cross}) {
      Put(out, w);
    }
    Put<int32_t>(out, features_.char_min);
    Put<int32_t>(out, features_.char_max);
    std::vector<std::pair<uint64_t, uint32_t>> idx(index_.begin(), index_.end());
    std::sort(idx.begin(), idx.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
    Put<uint64_t>(out, idx.size());
    for (const auto& [h, i] : idx) Put(out, h);
    out.write(reinterpret_cast<const char*>(weights_.data()),
              static_cast<std::streamsize>(weights_.size() * sizeof(float)));
    out.write(reinterpret_cast<const char*>(bias_.data()),
              static_cast<std::streamsize>(bias_.size() * sizeof(float)));
    if (!out) return Unavailable("write failed: " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return Unavailable("cannot rename to " + path);
  return Status::Ok();
}

Result<std::unique_ptr<IntentClassifier>> LinearClassifier::LoadFrom(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("no model file " + path);
  char magic[sizeof(kMagic)];
  if (!in.read(magic, sizeof(magic)) || std::memcmp(magic, kMagic, sizeof(kMagic)) != 0) {
    return InvalidArgument(path + ": not a smartassist NLU model");
  }
  auto m = std::make_unique<LinearClassifier>();
  uint32_t nl = 0;
  if (!Get(in, nl) || nl > 100000) return InvalidArgument(path + ": corrupt");
  m->labels_.resize(nl);
  for (auto& l : m->labels_)
    if (!GetString(in, l)) return InvalidArgument(path + ": corrupt labels");
  uint64_t nf = 0;
  FeatureWeights& fw = m->features_;
  int32_t cmin = 0, cmax = 0;
  if (!GetString(in, m->oos_label_) || !Get(in, m->oos_threshold_) || !Get(in, m->temperature_) ||
      !Get(in, fw.word) || !Get(in, fw.bigram) || !Get(in, fw.chars) || !Get(in, fw.trigram) ||
      !Get(in, fw.pairs) || !Get(in, fw.char_cross) || !Get(in, cmin) || !Get(in, cmax) ||
      cmin < 1 || cmax < cmin || cmax > 8 || !Get(in, nf) || nf > (1ull << 28)) {
    return InvalidArgument(path + ": corrupt header");
  }
  fw.char_min = cmin;
  fw.char_max = cmax;
  m->index_.reserve(nf);
  for (uint64_t i = 0; i < nf; ++i) {
    uint64_t h = 0;
    if (!Get(in, h)) return InvalidArgument(path + ": truncated");
    m->index_[h] = static_cast<uint32_t>(i);
  }
  m->weights_.resize(nf * nl);
  m->bias_.resize(nl);
  if (!in.read(reinterpret_cast<char*>(m->weights_.data()),
               static_cast<std::streamsize>(m->weights_.size() * sizeof(float))) ||
      !in.read(reinterpret_cast<char*>(m->bias_.data()),
               static_cast<std::streamsize>(m->bias_.size() * sizeof(float)))) {
    return InvalidArgument(path + ": truncated weights");
  }
  return std::unique_ptr<IntentClassifier>(std::move(m));
}

}  // namespace

Result<std::unique_ptr<IntentClassifier>> IntentClassifier::Train(
    const std::vector<Example>& examples, const ClassifierOptions& options) {
  return LinearClassifier::Build(examples, options);
}

Result<std::unique_ptr<IntentClassifier>> IntentClassifier::Load(const std::string& path) {
  return LinearClassifier::LoadFrom(path);
}

}  // namespace sa::nlu
