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

#include "nlu/fasttext_model.h"
#include "nlu/features.h"
#include "nlu/nlu.h"

namespace sa::nlu {
namespace {

constexpr char kMagic[] = "SANLU4";    // 4: + WordNet feature weights
constexpr char kMagicV3[] = "SANLU3";  // 3: heads, tf-idf, fastText member
constexpr char kMagicV2[] = "SANLU2";  // 2: one head, feature weights stored
// Tuned on CLINC150 val (docs/PERFORMANCE.md): below this calibrated
// probability the best label is reported as out of scope.
constexpr double kDefaultOosThreshold = 0.25;      // primal solvers (0, 2)
constexpr double kDefaultOosThresholdDual = 0.35;  // dual L2-loss SVM (solver 1)
constexpr double kDefaultTemperatureLr = 1.0;
constexpr double kDefaultTemperatureSvm = 10.0;

// Floats per step of the fused dot product (a GCC/Clang vector type: SSE or
// AVX instructions, whatever the target has).
constexpr size_t kLanes = 8;
typedef float Lanes __attribute__((vector_size(kLanes * sizeof(float))));

void Quiet(const char*) {}

bool IsLogistic(int solver) { return solver == 0 || solver == 6 || solver == 7; }

// One linear model over the shared feature index: decision values, then a
// softmax with its temperature.
struct Head {
  int32_t solver = 2;
  double c = 2;
  double weight = 1;       // in the ensemble average
  double temperature = 1;  // softmax over decision values
  std::vector<float> w;    // rows x labels while training/loading; then moved to fused_
  std::vector<float> b;    // per label
};

void Softmax(std::vector<double>& dec, double temperature) {
  double mx = *std::max_element(dec.begin(), dec.end());
  double sum = 0;
  for (double& d : dec) {
    d = std::exp((d - mx) * temperature);
    sum += d;
  }
  for (double& d : dec) d /= sum;
}

class LinearClassifier final : public IntentClassifier {
 public:
  LinearClassifier() = default;

  static Result<std::unique_ptr<IntentClassifier>> Build(const std::vector<Example>& examples,
                                                         const ClassifierOptions& options);

  Status Save(const std::string& path) const override;
  static Result<std::unique_ptr<IntentClassifier>> LoadFrom(const std::string& path);

  std::vector<ScoredIntent> Predict(std::string_view text,
                                    std::string_view language) const override {
    const size_t k = labels_.size();
    std::vector<double> prob = Probabilities(text);
    std::vector<ScoredIntent> out(k);
    for (size_t j = 0; j < k; ++j) out[j] = {labels_[j], prob[j]};
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

  // Moves the heads' weights (rows x labels each) into fused_.
  void Fuse(size_t n_rows) {
    const size_t k = labels_.size();
    padded_k_ = (k + kLanes - 1) / kLanes * kLanes;
    stride_ = padded_k_ * heads_.size();
    fused_.assign(n_rows * stride_, 0.0f);
    for (size_t hi = 0; hi < heads_.size(); ++hi) {
      Head& h = heads_[hi];
      for (size_t r = 0; r < n_rows; ++r)
        for (size_t j = 0; j < k; ++j) fused_[r * stride_ + hi * padded_k_ + j] = h.w[r * k + j];
      std::vector<float>().swap(h.w);
    }
  }
  // Head hi's weights, rows x labels (for Save).
  std::vector<float> HeadWeights(size_t hi) const {
    const size_t k = labels_.size();
    const size_t n_rows = stride_ ? fused_.size() / stride_ : 0;
    std::vector<float> w(n_rows * k);
    for (size_t r = 0; r < n_rows; ++r)
      for (size_t j = 0; j < k; ++j) w[r * k + j] = fused_[r * stride_ + hi * padded_k_ + j];
    return w;
  }

 private:
  // Known features of `text` as (row, value), TF-IDF weighted if enabled.
  std::vector<std::pair<uint32_t, float>> Rows(std::string_view text) const {
    SparseFeatures f = Featurize(text, features_);
    std::vector<std::pair<uint32_t, float>> rows;
    rows.reserve(f.size());
    double before = 0, after = 0;
    for (const auto& [h, v] : f) {
      auto it = index_.find(h);
      if (it == index_.end()) continue;
      float x = v;
      if (!idf_.empty()) {
        before += static_cast<double>(v) * v;
        x = v * idf_[it->second];
        after += static_cast<double>(x) * x;
      }
      rows.emplace_back(it->second, x);
    }
    if (!idf_.empty() && after > 0) {
      float scale = static_cast<float>(std::sqrt(before / after));
      for (auto& r : rows) r.second *= scale;
    }
    return rows;
  }

  std::vector<double> Probabilities(std::string_view text) const {
    const size_t k = labels_.size();
    std::vector<std::pair<uint32_t, float>> rows = Rows(text);
    std::vector<double> prob(k, 0.0), dec(k);
    double total = 0;
    // All heads' decision values in one pass over the fused rows, in float,
    // kLanes at a time (a fixed-size inner loop the compiler vectorizes).
    std::vector<Lanes> acc(stride_ / kLanes, Lanes{});
    for (const auto& [r, v] : rows) {
      const float* row = &fused_[static_cast<size_t>(r) * stride_];
      for (size_t j = 0; j < acc.size(); ++j) {
        Lanes w;
        std::memcpy(&w, row + j * kLanes, sizeof(w));
        acc[j] += v * w;
      }
    }
    for (size_t hi = 0; hi < heads_.size(); ++hi) {
      const Head& h = heads_[hi];
      for (size_t j = 0; j < k; ++j) {
        const size_t at = hi * padded_k_ + j;
        dec[j] = h.b[j] + acc[at / kLanes][at % kLanes];
      }
      Softmax(dec, h.temperature);
      for (size_t j = 0; j < k; ++j) prob[j] += h.weight * dec[j];
      total += h.weight;
    }
    if (fasttext_) {
      fasttext_->Predict(FastTextInput(text), &dec);
      for (size_t j = 0; j < k; ++j) prob[j] += fasttext_weight_ * dec[j];
      total += fasttext_weight_;
    }
    if (total > 0)
      for (double& p : prob) p /= total;
    if (ensemble_temperature_ != 1.0 && ensemble_temperature_ > 0) {
      double sum = 0;
      for (double& p : prob) {
        p = std::pow(p, 1.0 / ensemble_temperature_);
        sum += p;
      }
      if (sum > 0)
        for (double& p : prob) p /= sum;
    }
    return prob;
  }

  std::vector<std::string> labels_;
  std::string oos_label_;
  double oos_threshold_ = kDefaultOosThreshold;
  double ensemble_temperature_ = 1.0;
  FeatureWeights features_;
  std::unordered_map<uint64_t, uint32_t> index_;  // feature hash -> row
  std::vector<float> idf_;                        // per row; empty = no TF-IDF
  std::vector<Head> heads_;
  // Weights of all heads, row-major: row r at r * stride_, head h's labels at
  // h * padded_k_ within it (k rounded up to kLanes, zero padded).
  std::vector<float> fused_;
  size_t padded_k_ = 0;
  size_t stride_ = 0;

  std::unique_ptr<FastTextModel> fasttext_;
  double fasttext_weight_ = 0;
};

Result<std::unique_ptr<IntentClassifier>> LinearClassifier::Build(
    const std::vector<Example>& examples, const ClassifierOptions& options) {
  if (examples.empty()) return InvalidArgument("no training examples");
  auto model = std::make_unique<LinearClassifier>();
  model->oos_label_ = options.oos_label;
  model->oos_threshold_ = options.oos_threshold >= 0 ? options.oos_threshold
                          : options.solver == 1      ? kDefaultOosThresholdDual
                                                     : kDefaultOosThreshold;
  model->ensemble_temperature_ =
      options.ensemble_temperature > 0 ? options.ensemble_temperature : 1;
  SA_ASSIGN_OR_RETURN(model->features_, ParseFeatureWeights(options.features));
  {
    Head main;
    main.solver = options.solver;
    main.c = options.c;
    main.temperature = options.temperature > 0 ? options.temperature
                       : options.solver == 0   ? kDefaultTemperatureLr
                                               : kDefaultTemperatureSvm;
    model->heads_.push_back(std::move(main));
  }
  for (const ClassifierOptions::LinearHead& o : options.extra_heads) {
    if (o.solver < 0 || o.solver > 7 || o.solver == 3 || o.solver == 5 || o.c <= 0 ||
        o.weight < 0) {
      return InvalidArgument("extra head: unsupported solver " + std::to_string(o.solver) +
                             " or bad C/weight");
    }
    Head h;
    h.solver = o.solver;
    h.c = o.c;
    h.weight = o.weight;
    h.temperature = o.temperature > 0      ? o.temperature
                    : IsLogistic(o.solver) ? kDefaultTemperatureLr
                                           : kDefaultTemperatureSvm;
    model->heads_.push_back(std::move(h));
  }
  std::map<std::string, int> label_ids;
  for (const Example& e : examples) label_ids.emplace(e.intent, 0);
  for (auto& [name, id] : label_ids) {
    id = static_cast<int>(model->labels_.size());
    model->labels_.push_back(name);
  }
  std::vector<int> y(examples.size());
  for (size_t i = 0; i < examples.size(); ++i) y[i] = label_ids[examples[i].intent];
  const int nt = std::max(1, options.threads);

  // fastText trains on its own threads meanwhile (it is the longer job when on).
  std::thread ft_thread;
  Result<std::unique_ptr<FastTextModel>> ft = Internal("fasttext not trained");
  if (options.fasttext_weight > 0) {
    ft_thread = std::thread([&] {
      std::vector<std::string> texts(examples.size());
      for (size_t i = 0; i < examples.size(); ++i) texts[i] = FastTextInput(examples[i].text);
      FastTextParams p;
      p.epochs = options.fasttext_epochs;
      p.dim = options.fasttext_dim;
      p.word_ngrams = options.fasttext_word_ngrams;
      p.lr = options.fasttext_lr;
      p.minn = options.fasttext_minn;
      p.maxn = options.fasttext_maxn;
      p.bucket = options.fasttext_bucket;
      p.threads = 1;  // one thread: deterministic
      ft = FastTextModel::Train(texts, y, static_cast<int>(model->labels_.size()), p);
    });
  }

  // Featurize (2 threads), count features.
  std::vector<SparseFeatures> feats(examples.size());
  {
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
  if (options.tfidf) {
    const double n = static_cast<double>(examples.size());
    model->idf_.resize(kept.size());
    for (size_t i = 0; i < kept.size(); ++i) {
      model->idf_[i] = static_cast<float>(std::log((1 + n) / (1 + counts[kept[i]])) + 1);
    }
  }

  // liblinear problem; bias as feature n_feat+1.
  std::vector<std::vector<feature_node>> rows(examples.size());
  for (size_t i = 0; i < examples.size(); ++i) {
    std::vector<feature_node>& r = rows[i];
    double before = 0, after = 0;
    for (const auto& [h, v] : feats[i]) {
      auto it = model->index_.find(h);
      if (it == model->index_.end()) continue;
      double x = v;
      if (!model->idf_.empty()) {
        before += x * x;
        x *= model->idf_[it->second];
        after += x * x;
      }
      r.push_back({static_cast<int>(it->second) + 1, x});
    }
    if (!model->idf_.empty() && after > 0) {
      double scale = std::sqrt(before / after);
      for (auto& node : r) node.value *= scale;
    }
    std::sort(r.begin(), r.end(),
              [](const feature_node& a, const feature_node& b) { return a.index < b.index; });
    r.push_back({n_feat + 1, 1.0});
    r.push_back({-1, 0});
  }
  std::vector<feature_node*> xs(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) xs[i] = rows[i].data();
  std::vector<int> class_size(model->labels_.size(), 0);
  for (int label : y) ++class_size[label];

  const size_t k = model->labels_.size();
  for (Head& h : model->heads_) {
    h.w.assign(static_cast<size_t>(n_feat) * k, 0.0f);
    h.b.assign(k, 0.0f);
  }
  set_print_string_function(&Quiet);
  // One task per (head, label); heads in order, so results do not depend on
  // which thread takes which task.
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  const size_t n_tasks = k * model->heads_.size();
  auto worker = [&] {
    std::vector<double> yy(examples.size());
    problem prob{};
    prob.l = static_cast<int>(examples.size());
    prob.n = n_feat + 1;
    prob.x = xs.data();
    prob.y = yy.data();
    prob.bias = 1.0;
    int weight_label[1] = {1};
    double label_weight[1] = {1.0};
    for (size_t task = next++; task < n_tasks; task = next++) {
      Head& head = model->heads_[task / k];
      const size_t c = task % k;
      if (head.solver == 4) continue;  // multi-class, trained below
      parameter param{};
      param.solver_type = head.solver;
      param.C = head.c;
      param.eps = head.solver == 0 ? 0.01 : 0.1;  // liblinear's defaults
      param.p = 0.1;
      if (options.balance > 0 && class_size[c] > 0) {
        double neg = static_cast<double>(examples.size()) - class_size[c];
        label_weight[0] = std::pow(neg / class_size[c], options.balance);
        param.nr_weight = 1;
        param.weight_label = weight_label;
        param.weight = label_weight;
      }
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
        head.w[static_cast<size_t>(j) * k + c] = static_cast<float>(sign * m->w[j]);
      }
      head.b[c] = static_cast<float>(sign * m->w[n_feat]);
      free_and_destroy_model(&m);
    }
  };
  // Crammer-Singer (solver 4) heads are one multi-class problem each.
  auto multiclass = [&](Head& head) {
    std::vector<double> yy(y.begin(), y.end());
    problem prob{};
    prob.l = static_cast<int>(examples.size());
    prob.n = n_feat + 1;
    prob.x = xs.data();
    prob.y = yy.data();
    prob.bias = 1.0;
    parameter param{};
    param.solver_type = head.solver;
    param.C = head.c;
    param.eps = 0.1;
    ::model* m = train(&prob, &param);
    if (!m) {
      failed = true;
      return;
    }
    const int nc = m->nr_class;
    for (int i = 0; i < nc; ++i) {
      const size_t c = static_cast<size_t>(m->label[i]);
      for (int j = 0; j < n_feat; ++j)
        head.w[static_cast<size_t>(j) * k + c] =
            static_cast<float>(m->w[static_cast<size_t>(j) * nc + i]);
      head.b[c] = static_cast<float>(m->w[static_cast<size_t>(n_feat) * nc + i]);
    }
    free_and_destroy_model(&m);
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < nt; ++t) pool.emplace_back(worker);
  for (auto& th : pool) th.join();
  for (Head& head : model->heads_)
    if (head.solver == 4 && k > 1) multiclass(head);
  model->Fuse(static_cast<size_t>(n_feat));
  if (ft_thread.joinable()) ft_thread.join();
  if (failed) return Internal("liblinear training failed");
  if (options.fasttext_weight > 0) {
    if (!ft.ok()) return ft.status();
    model->fasttext_ = std::move(*ft);
    model->fasttext_weight_ = options.fasttext_weight;
  }
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

template <typename T>
void PutVector(std::ofstream& out, const std::vector<T>& v) {
  Put<uint64_t>(out, v.size());
  out.write(reinterpret_cast<const char*>(v.data()),
            static_cast<std::streamsize>(v.size() * sizeof(T)));
}
template <typename T>
bool GetVector(std::ifstream& in, std::vector<T>& v, uint64_t max) {
  uint64_t n = 0;
  if (!Get(in, n) || n > max) return false;
  v.resize(n);
  return static_cast<bool>(
      in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(n * sizeof(T))));
}

// SANLU4: labels, oos label and threshold, ensemble temperature, feature
// weights (+ WordNet weights since 4), feature hashes, idf (maybe empty), heads (solver, C, weight,
// temperature, weights, bias), fastText weight and model bytes (maybe empty).
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
    Put(out, ensemble_temperature_);
    for (double w : {features_.word, features_.bigram, features_.chars, features_.trigram,
                     features_.pairs, features_.char_cross}) {
      Put(out, w);
    }
    Put<int32_t>(out, features_.char_min);
    Put<int32_t>(out, features_.char_max);
    Put(out, features_.wordnet);
    Put(out, features_.hypernyms);
    std::vector<uint64_t> hashes(index_.size());
    for (const auto& [h, i] : index_) hashes[i] = h;
    PutVector(out, hashes);
    PutVector(out, idf_);
    Put<uint32_t>(out, static_cast<uint32_t>(heads_.size()));
    for (size_t hi = 0; hi < heads_.size(); ++hi) {
      const Head& h = heads_[hi];
      Put(out, h.solver);
      Put(out, h.c);
      Put(out, h.weight);
      Put(out, h.temperature);
      PutVector(out, HeadWeights(hi));
      PutVector(out, h.b);
    }
    Put(out, fasttext_ ? fasttext_weight_ : 0.0);
    std::string ft_bytes = fasttext_ ? fasttext_->bytes() : std::string();
    Put<uint64_t>(out, ft_bytes.size());
    out.write(ft_bytes.data(), static_cast<std::streamsize>(ft_bytes.size()));
    if (!out) return Unavailable("write failed: " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return Unavailable("cannot rename to " + path);
  return Status::Ok();
}

Result<std::unique_ptr<IntentClassifier>> LinearClassifier::LoadFrom(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("no model file " + path);
  char magic[sizeof(kMagic)];
  if (!in.read(magic, sizeof(magic)))
    return InvalidArgument(path + ": not a smartassist NLU model");
  const bool v2 = std::memcmp(magic, kMagicV2, sizeof(kMagic)) == 0;
  const bool v3 = std::memcmp(magic, kMagicV3, sizeof(kMagic)) == 0;
  if (!v2 && !v3 && std::memcmp(magic, kMagic, sizeof(kMagic)) != 0) {
    return InvalidArgument(path + ": not a smartassist NLU model");
  }
  auto m = std::make_unique<LinearClassifier>();
  uint32_t nl = 0;
  if (!Get(in, nl) || nl > 100000) return InvalidArgument(path + ": corrupt");
  m->labels_.resize(nl);
  for (auto& l : m->labels_)
    if (!GetString(in, l)) return InvalidArgument(path + ": corrupt labels");
  FeatureWeights& fw = m->features_;
  int32_t cmin = 0, cmax = 0;
  Head v2_head;
  double& second = v2 ? v2_head.temperature : m->ensemble_temperature_;
  if (!GetString(in, m->oos_label_) || !Get(in, m->oos_threshold_) || !Get(in, second) ||
      !Get(in, fw.word) || !Get(in, fw.bigram) || !Get(in, fw.chars) || !Get(in, fw.trigram) ||
      !Get(in, fw.pairs) || !Get(in, fw.char_cross) || !Get(in, cmin) || !Get(in, cmax) ||
      cmin < 1 || cmax < cmin || cmax > 8) {
    return InvalidArgument(path + ": corrupt header");
  }
  fw.char_min = cmin;
  fw.char_max = cmax;
  if (!v2 && !v3 && (!Get(in, fw.wordnet) || !Get(in, fw.hypernyms))) {
    return InvalidArgument(path + ": corrupt header");
  }
  constexpr uint64_t kMaxFeatures = 1ull << 28;
  std::vector<uint64_t> hashes;
  if (v2) {
    uint64_t nf = 0;
    if (!Get(in, nf) || nf > kMaxFeatures) return InvalidArgument(path + ": corrupt header");
    hashes.resize(nf);
    for (auto& h : hashes)
      if (!Get(in, h)) return InvalidArgument(path + ": truncated");
    v2_head.w.resize(nf * nl);
    v2_head.b.resize(nl);
    if (!in.read(reinterpret_cast<char*>(v2_head.w.data()),
                 static_cast<std::streamsize>(v2_head.w.size() * sizeof(float))) ||
        !in.read(reinterpret_cast<char*>(v2_head.b.data()),
                 static_cast<std::streamsize>(v2_head.b.size() * sizeof(float)))) {
      return InvalidArgument(path + ": truncated weights");
    }
    m->heads_.push_back(std::move(v2_head));
  } else {
    uint32_t n_heads = 0;
    if (!GetVector(in, hashes, kMaxFeatures) || !GetVector(in, m->idf_, kMaxFeatures) ||
        (!m->idf_.empty() && m->idf_.size() != hashes.size()) || !Get(in, n_heads) || n_heads < 1 ||
        n_heads > 16) {
      return InvalidArgument(path + ": corrupt header");
    }
    for (uint32_t i = 0; i < n_heads; ++i) {
      Head h;
      if (!Get(in, h.solver) || !Get(in, h.c) || !Get(in, h.weight) || !Get(in, h.temperature) ||
          !GetVector(in, h.w, kMaxFeatures * nl) || !GetVector(in, h.b, nl) ||
          h.w.size() != hashes.size() * nl || h.b.size() != nl) {
        return InvalidArgument(path + ": truncated weights");
      }
      m->heads_.push_back(std::move(h));
    }
    uint64_t ft_size = 0;
    if (!Get(in, m->fasttext_weight_) || !Get(in, ft_size) || ft_size > (1ull << 32)) {
      return InvalidArgument(path + ": corrupt fastText member");
    }
    if (ft_size > 0) {
      std::string bytes(ft_size, '\0');
      if (!in.read(bytes.data(), static_cast<std::streamsize>(ft_size))) {
        return InvalidArgument(path + ": truncated fastText member");
      }
      SA_ASSIGN_OR_RETURN(m->fasttext_, FastTextModel::FromBytes(bytes, static_cast<int>(nl)));
    }
  }
  m->Fuse(hashes.size());
  m->index_.reserve(hashes.size());
  for (size_t i = 0; i < hashes.size(); ++i) m->index_[hashes[i]] = static_cast<uint32_t>(i);
  return std::unique_ptr<IntentClassifier>(std::move(m));
}

}  // namespace

ClassifierOptions EnsembleClassifierOptions() {
  ClassifierOptions o;
  o.solver = 1;
  o.c = 2;
  o.oos_threshold = 0.20;
  o.features = "pairs=1.2";
  o.tfidf = true;
  o.balance = 0.5;
  o.extra_heads = {{4, 1.0, 1.0, 0.0}};
  o.fasttext_weight = 1;
  o.fasttext_epochs = 25;
  o.fasttext_dim = 100;
  o.fasttext_word_ngrams = 2;
  o.fasttext_bucket = 50000;
  return o;
}

Result<std::unique_ptr<IntentClassifier>> IntentClassifier::Train(
    const std::vector<Example>& examples, const ClassifierOptions& options) {
  return LinearClassifier::Build(examples, options);
}

Result<std::unique_ptr<IntentClassifier>> IntentClassifier::Load(const std::string& path) {
  return LinearClassifier::LoadFrom(path);
}

}  // namespace sa::nlu
