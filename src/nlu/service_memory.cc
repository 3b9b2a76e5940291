#include "nlu/service_memory.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

#include "nlu/text.h"

namespace sa::nlu {
namespace {

// Distinct terms of a text: stems of words, and each Chinese character (ICU
// segments Chinese differently depending on the context).
std::set<std::string> Terms(std::string_view text) {
  std::set<std::string> terms;
  for (const Token& t : Analyze(text)) {
    if (t.script == Script::kDigit) continue;
    terms.insert(t.stem);
    if (t.script == Script::kHan) {
      std::u32string u = ToU32(t.text);
      for (size_t i = 0; i < u.size(); ++i) terms.insert(FromU32(u.substr(i, 1)));
    }
  }
  return terms;
}

}  // namespace

ServiceMemory ServiceMemory::Build(const std::vector<Example>& corrections,
                                   const std::vector<Example>& corpus) {
  ServiceMemory m;
  if (corrections.empty()) return m;
  std::unordered_map<std::string, int> df;
  for (const Example& e : corpus)
    for (const std::string& t : Terms(e.text)) ++df[t];
  const double n = static_cast<double>(corpus.size());
  for (const auto& [t, c] : df) m.idf_[t] = std::log((n + 1) / (c + 1)) + 1;
  m.unseen_idf_ = std::log(n + 1) + 1;
  for (const Example& e : corrections) {
    if (e.intent.empty()) continue;
    Vector v = m.Embed(e.text);
    if (v.empty()) continue;
    m.Index(v, e.intent);
    ++m.corrections_;
  }
  if (m.corrections_ == 0) return ServiceMemory();
  for (const Example& e : corpus) m.Index(m.Embed(e.text), "");
  return m;
}

void ServiceMemory::Index(const Vector& v, std::string service) {
  const auto doc = static_cast<uint32_t>(services_.size());
  services_.push_back(std::move(service));
  for (const auto& [t, w] : v) postings_[t].emplace_back(doc, static_cast<float>(w));
}

ServiceMemory::Vector ServiceMemory::Embed(std::string_view text) const {
  Vector v;
  double norm = 0;
  for (const std::string& t : Terms(text)) {
    auto it = idf_.find(t);
    double w = it == idf_.end() ? unseen_idf_ : it->second;
    v.emplace_back(t, w);
    norm += w * w;
  }
  if (norm > 0) {
    for (auto& [t, w] : v) w /= std::sqrt(norm);
  }
  return v;
}

std::optional<ServiceMemory::Hit> ServiceMemory::Match(std::string_view text) const {
  if (corrections_ == 0) return std::nullopt;
  std::unordered_map<uint32_t, double> dots;
  for (const auto& [t, w] : Embed(text)) {
    auto it = postings_.find(t);
    if (it == postings_.end()) continue;
    for (const auto& [doc, dw] : it->second) dots[doc] += w * dw;
  }
  double best = 0;
  int64_t best_doc = -1;
  for (const auto& [doc, dot] : dots) {
    // Ties go to the corpus (it names no service).
    bool better = dot > best + 1e-9 ||
                  (std::abs(dot - best) <= 1e-9 && best_doc >= 0 && services_[doc].empty());
    if (better) {
      best = dot;
      best_doc = doc;
    }
  }
  if (best_doc < 0 || best < kMinSimilarity || services_[best_doc].empty()) return std::nullopt;
  return Hit{services_[best_doc], best};
}

}  // namespace sa::nlu
