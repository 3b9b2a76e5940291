#include "nlu/fasttext_model.h"

#include <fasttext/args.h>
#include <fasttext/dictionary.h>
#include <fasttext/fasttext.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iterator>
#include <sstream>

#include "nlu/text.h"

namespace sa::nlu {
namespace {

constexpr char kLabelPrefix[] = "__label__";

// A temporary file removed when this goes out of scope.
class TempFile {
 public:
  TempFile() {
    const char* dir = std::getenv("TMPDIR");
    std::string tmpl = std::string(dir && *dir ? dir : "/tmp") + "/sa_nlu_ft_XXXXXX";
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    int fd = mkstemp(buf.data());
    if (fd >= 0) {
      close(fd);
      path_ = buf.data();
    }
  }
  ~TempFile() {
    if (!path_.empty()) std::remove(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  bool ok() const { return !path_.empty(); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

Result<std::string> ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Unavailable("cannot read " + path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

struct FastTextModel::Impl {
  fasttext::FastText ft;
  std::vector<int> label_of;  // fastText label id -> our label index
  int num_labels = 0;
};

FastTextModel::FastTextModel() : impl_(std::make_unique<Impl>()) {}
FastTextModel::~FastTextModel() = default;

std::string FastTextInput(std::string_view text) {
  std::string out;
  for (const Token& t : Analyze(text)) {
    if (!out.empty()) out += ' ';
    out += t.script == Script::kDigit ? std::string("0") : t.text;
  }
  return out;
}

Result<std::unique_ptr<FastTextModel>> FastTextModel::FromBytes(const std::string& bytes,
                                                                int num_labels) {
  TempFile tmp;
  if (!tmp.ok()) return Unavailable("fasttext: cannot create a temporary file");
  {
    std::ofstream out(tmp.path(), std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return Unavailable("fasttext: cannot write " + tmp.path());
  }
  std::unique_ptr<FastTextModel> m(new FastTextModel());
  m->bytes_ = bytes;
  m->impl_->num_labels = num_labels;
  try {
    m->impl_->ft.loadModel(tmp.path());
    auto dict = m->impl_->ft.getDictionary();
    for (int32_t i = 0; i < dict->nlabels(); ++i) {
      std::string l = dict->getLabel(i);
      int ours = -1;
      if (l.rfind(kLabelPrefix, 0) == 0) ours = std::atoi(l.c_str() + sizeof(kLabelPrefix) - 1);
      if (ours < 0 || ours >= num_labels) return InvalidArgument("fasttext: unknown label " + l);
      m->impl_->label_of.push_back(ours);
    }
  } catch (const std::exception& e) {
    return InvalidArgument(std::string("fasttext: cannot load model: ") + e.what());
  }
  return m;
}

Result<std::unique_ptr<FastTextModel>> FastTextModel::Train(const std::vector<std::string>& texts,
                                                            const std::vector<int>& labels,
                                                            int num_labels,
                                                            const FastTextParams& params) {
  if (texts.size() != labels.size() || texts.empty()) {
    return InvalidArgument("fasttext: no training examples");
  }
  TempFile input, model;
  if (!input.ok() || !model.ok()) return Unavailable("fasttext: cannot create a temporary file");
  {
    std::ofstream out(input.path(), std::ios::trunc);
    for (size_t i = 0; i < texts.size(); ++i)
      out << kLabelPrefix << labels[i] << ' ' << texts[i] << '\n';
    if (!out) return Unavailable("fasttext: cannot write " + input.path());
  }
  fasttext::Args args;
  args.input = input.path();
  args.model = fasttext::model_name::sup;
  args.loss = fasttext::loss_name::softmax;
  args.minCount = 1;
  args.minCountLabel = 0;
  args.lr = params.lr;
  args.dim = params.dim;
  args.epoch = params.epochs;
  args.wordNgrams = params.word_ngrams;
  args.minn = params.minn;
  args.maxn = params.maxn;
  args.bucket = params.bucket;
  args.thread = std::max(1, params.threads);
  args.seed = params.seed;
  args.verbose = 0;
  try {
    fasttext::FastText ft;
    ft.train(args);
    ft.saveModel(model.path());
  } catch (const std::exception& e) {
    return Internal(std::string("fasttext training failed: ") + e.what());
  }
  SA_ASSIGN_OR_RETURN(std::string bytes, ReadAll(model.path()));
  return FromBytes(bytes, num_labels);
}

void FastTextModel::Predict(const std::string& input, std::vector<double>* probs) const {
  probs->assign(impl_->num_labels, 0.0);
  std::istringstream in(input + "\n");
  std::vector<std::pair<fasttext::real, std::string>> preds;
  // predictLine gives probabilities (not logs) of the k best labels.
  impl_->ft.predictLine(in, preds, static_cast<int32_t>(impl_->label_of.size()), 0.0);
  for (const auto& [p, l] : preds) {
    int ours = std::atoi(l.c_str() + sizeof(kLabelPrefix) - 1);
    if (ours >= 0 && ours < impl_->num_labels) (*probs)[ours] = p;
  }
  // fastText reports exp(log(p + 1e-5)); renormalize so they sum to 1.
  double sum = 0;
  for (double p : *probs) sum += p;
  if (sum > 0)
    for (double& p : *probs) p /= sum;
}

}  // namespace sa::nlu
