// What agents taught about services (private to sa_nlu): a nearest-neighbour
// text classifier over their service corrections ("the expense thingy will
// not load" -> service "expenses"), used by the Engine when a message names
// no service by name, alias or typo.
//
// Each text is a TF-IDF vector of its word stems (and Chinese characters);
// the inverse document frequencies come from the built-in intent training
// set, so words every IT request shares ("not", "working", "my") weigh
// little and the words that tell services apart weigh much. A message takes
// the service of its most similar correction when the cosine is at least
// kMinSimilarity and no built-in training example (which names no service:
// "my laptop will not start", "не могу подать заявку") is closer still.
// Immutable after Build; Match is thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "nlu/nlu.h"

namespace sa::nlu {

class ServiceMemory {
 public:
  static constexpr double kMinSimilarity = 0.5;

  // `corrections`: text -> service id (Example::intent). `corpus`: texts
  // that name no service, whose document frequencies weigh the words and
  // which compete with the corrections (the built-in training set).
  static ServiceMemory Build(const std::vector<Example>& corrections,
                             const std::vector<Example>& corpus);

  struct Hit {
    std::string service;
    double similarity = 0;  // cosine, kMinSimilarity..1
  };
  // The service of the closest correction, if close enough.
  std::optional<Hit> Match(std::string_view text) const;

  size_t size() const { return corrections_; }

 private:
  using Vector = std::vector<std::pair<std::string, double>>;  // L2 = 1
  Vector Embed(std::string_view text) const;
  void Index(const Vector& v, std::string service);

  std::unordered_map<std::string, double> idf_;
  double unseen_idf_ = 1;
  // term -> (document, weight); documents' services ("" = a corpus text).
  std::unordered_map<std::string, std::vector<std::pair<uint32_t, float>>> postings_;
  std::vector<std::string> services_;
  size_t corrections_ = 0;
};

}  // namespace sa::nlu
