// The case library over a Xapian in-memory database: title terms prefixed
// "S" (weighted higher), description and resolution unprefixed, "XS" service.
#include "knowledge/cases.h"

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>
#include <unordered_set>

#include "core/ids.h"
#include "knowledge/text.h"

namespace sa::knowledge {
namespace {

constexpr Xapian::valueno kIdSlot = 0;
constexpr double kTitleWeight = 2.0;
constexpr double kServiceWeight = 1.5;

struct StoredCase {
  ResolvedCase c;
  std::unordered_set<std::string> terms;
};

class XapianCaseIndex final : public CaseIndex {
 public:
  XapianCaseIndex() : db_(std::string(), Xapian::DB_BACKEND_INMEMORY) {}

  Status Upsert(const ResolvedCase& c) override {
    if (c.ticket_id.empty()) return InvalidArgument("case without ticket id");
    if (c.resolution.empty()) return InvalidArgument("case " + c.ticket_id + " has no resolution");
    StoredCase stored{c, {}};
    if (stored.c.language.empty()) {
      stored.c.language = DetectLanguageOf(c.title + " " + c.description);
    }
    Xapian::Document doc;
    std::string key = "Q" + FoldId(c.ticket_id);
    doc.add_boolean_term(key);
    doc.add_value(kIdSlot, FoldId(c.ticket_id));
    if (!c.service.empty()) doc.add_term("XS" + FoldId(c.service));
    for (const auto& t : TextTerms(c.title, TermMode::kIndex)) {
      doc.add_term("S" + t.term);
      doc.add_term(t.term);
      stored.terms.insert(t.term);
    }
    for (const auto& t : TextTerms(c.description + "\n" + c.resolution, TermMode::kIndex)) {
      doc.add_term(t.term);
      stored.terms.insert(t.term);
    }
    std::unique_lock lock(mu_);
    try {
      db_.replace_document(key, doc);
    } catch (const Xapian::Error& e) {
      return Internal("case library: " + e.get_msg());
    }
    cases_[FoldId(c.ticket_id)] = std::move(stored);
    return Status::Ok();
  }

  Status Remove(std::string_view ticket_id) override {
    std::string id = FoldId(ticket_id);
    std::unique_lock lock(mu_);
    if (cases_.erase(id) == 0)
      return NotFound("case " + std::string(ticket_id) + " is not indexed");
    try {
      db_.delete_document("Q" + id);
    } catch (const Xapian::Error& e) {
      return Internal("case library: " + e.get_msg());
    }
    return Status::Ok();
  }

  std::vector<CaseHit> Search(std::string_view text, std::string_view service,
                              int limit) const override {
    std::vector<Term> terms = TextTerms(text, TermMode::kQuery);
    std::unique_lock lock(mu_);  // Xapian handles are not thread-safe
    std::vector<Xapian::Query> parts;
    std::unordered_map<std::string, double> idf;
    const double n = std::max<double>(1.0, db_.get_doccount());
    for (const auto& t : terms) {
      if (idf.count(t.term) > 0) continue;
      double df = db_.get_termfreq(t.term);
      if (df == 0) continue;
      idf[t.term] = (t.weak ? 0.3 : 1.0) * std::log(1.0 + (n - df + 0.5) / (df + 0.5));
      double w = t.weak ? 0.3 : 1.0;
      parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(t.term), w);
      parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query("S" + t.term),
                         w * kTitleWeight);
    }
    if (parts.empty()) return {};
    if (!service.empty()) {
      parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query("XS" + FoldId(service)),
                         kServiceWeight);
    }
    double idf_sum = 0;
    for (const auto& [term, w] : idf) idf_sum += w;
    std::vector<CaseHit> out;
    try {
      Xapian::Enquire enquire(db_);
      enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()));
      Xapian::MSet mset =
          enquire.get_mset(0, static_cast<Xapian::doccount>(std::clamp(limit, 1, 50)));
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        auto found = cases_.find(it.get_document().get_value(kIdSlot));
        if (found == cases_.end()) continue;
        double matched = 0;
        for (const auto& [term, w] : idf) {
          if (found->second.terms.count(term) > 0) matched += w;
        }
        out.push_back({found->second.c, it.get_weight(), idf_sum > 0 ? matched / idf_sum : 0});
      }
    } catch (const Xapian::Error&) {
      return {};
    }
    return out;
  }

  size_t Size() const override {
    std::unique_lock lock(mu_);
    return cases_.size();
  }

 private:
  mutable std::mutex mu_;
  Xapian::WritableDatabase db_;
  std::unordered_map<std::string, StoredCase> cases_;  // folded ticket id -> case
};

std::string Slug(std::string_view id) {
  std::string out;
  for (char c : FoldId(id)) {
    out.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '-');
  }
  return out;
}

}  // namespace

std::optional<ResolvedCase> CaseFromTicket(const model::Ticket& t) {
  if (t.status != model::TicketStatus::kResolved && t.status != model::TicketStatus::kClosed) {
    return std::nullopt;
  }
  if (t.resolution.empty()) return std::nullopt;
  return ResolvedCase{t.id, t.title, t.description, t.resolution, t.service, t.team, ""};
}

Result<std::unique_ptr<CaseIndex>> CaseIndex::Create() {
  try {
    return std::unique_ptr<CaseIndex>(std::make_unique<XapianCaseIndex>());
  } catch (const Xapian::Error& e) {
    return Internal("case library: " + e.get_msg());
  }
}

model::Article DraftArticleFromCase(const ResolvedCase& c, std::string_view author, TimePoint now) {
  model::Article a;
  a.id = "kb-case-" + Slug(c.ticket_id);
  a.title = c.title;
  a.language = c.language.empty() ? DetectLanguageOf(c.title + " " + c.description) : c.language;
  a.audience = {"all"};
  if (!c.service.empty()) a.services = {c.service};
  const bool ru = a.language == "ru", zh = a.language == "zh";
  const char* problem = ru ? "Проблема" : zh ? "问题" : "Problem";
  const char* solution = ru ? "Решение" : zh ? "解决方法" : "Solution";
  a.body = std::string("## ") + problem + "\n\n" +
           (c.description.empty() ? c.title : c.description) + "\n\n## " + solution + "\n\n" +
           c.resolution + "\n\n_" +
           (ru   ? "Из заявки "
            : zh ? "来自工单 "
                 : "From ticket ") +
           c.ticket_id + "_\n";
  a.status = "draft";
  a.version = 1;
  a.author = std::string(author);
  a.updated = now;
  return a;
}

}  // namespace sa::knowledge
