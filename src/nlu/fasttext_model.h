// A fastText supervised model (libfasttext) as one member of the intent
// classifier's ensemble (private to sa_nlu). Trained in-process on the
// normalized words of each example; predicts a probability per label index.
// Immutable after Train/FromBytes; Predict is thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sa::nlu {

struct FastTextParams {
  int epochs = 25;
  int dim = 100;
  int word_ngrams = 2;
  double lr = 0.5;
  int minn = 0;
  int maxn = 0;
  int bucket = 200000;
  int threads = 1;
  int seed = 0;
};

// What fastText sees of a message: its normalized words, numbers as "0",
// separated by single spaces.
std::string FastTextInput(std::string_view text);

class FastTextModel {
 public:
  ~FastTextModel();
  // texts already passed through FastTextInput; labels in [0, num_labels).
  static Result<std::unique_ptr<FastTextModel>> Train(const std::vector<std::string>& texts,
                                                      const std::vector<int>& labels,
                                                      int num_labels, const FastTextParams& params);
  // From the bytes of bytes() (a fastText .bin file).
  static Result<std::unique_ptr<FastTextModel>> FromBytes(const std::string& bytes, int num_labels);
  const std::string& bytes() const { return bytes_; }

  // Probabilities of labels 0..num_labels-1 for an input of FastTextInput
  // (labels never seen in training get 0).
  void Predict(const std::string& input, std::vector<double>* probs) const;

 private:
  struct Impl;
  FastTextModel();
  std::unique_ptr<Impl> impl_;
  std::string bytes_;
};

}  // namespace sa::nlu
