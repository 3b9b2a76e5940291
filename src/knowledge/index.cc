// KnowledgeIndex over Xapian.
//
// Two stages. Stage 1 (Xapian): every article is a document whose terms carry
// a field prefix (S title, K tags and service names, none for body) plus
// boolean filter terms (XT status, XA audience, XS service, Q id); an OR query
// over the analysed question, filtered by status and audience, returns the
// best `candidates`. Stage 2 (here): candidates are re-scored with BM25F
// (per-field length normalisation, which Xapian's single-field BM25 cannot
// do), query and title coverage, and service and language bonuses; then
// translation families are collapsed and each hit gets a calibrated
// confidence and a snippet.
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "core/ids.h"
#include "core/json.h"
#include "knowledge/glossary.h"
#include "knowledge/knowledge.h"
#include "knowledge/ranking.h"
#include "knowledge/text.h"

namespace sa::knowledge {
namespace {

using TermId = uint32_t;

struct FieldStats {
  std::vector<std::pair<TermId, uint32_t>> tf;  // sorted by term id
  uint32_t length = 0;

  uint32_t Tf(TermId id) const {
    auto it = std::lower_bound(tf.begin(), tf.end(), std::make_pair(id, 0u),
                               [](const auto& a, const auto& b) { return a.first < b.first; });
    return it != tf.end() && it->first == id ? it->second : 0;
  }
};

enum Field { kTitle = 0, kTags = 1, kNames = 2, kBody = 3, kFields = 4 };
constexpr const char* kFieldPrefix[kFields] = {"S", "K", "N", "B"};
// Stage 1 matches one unprefixed term per word whose wdf sums the fields'
// counts times these multipliers (a cheap stand-in for the field weights).
constexpr Xapian::termcount kStageOneMultiplier[kFields] = {6, 3, 1, 1};
constexpr Xapian::valueno kIdSlot = 0;

struct Entry {
  model::Article article;  // body replaced by nothing to save memory; passages keep the text
  std::vector<std::string> passages;
  std::vector<std::vector<TermId>> passage_terms;  // distinct, per passage
  FieldStats fields[kFields];
  std::vector<TermId> title_terms;  // distinct
};

std::string Lower(std::string_view s) { return FoldId(s); }

Json ArticleToJson(const model::Article& a) {
  return Json{{"id", a.id},
              {"title", a.title},
              {"language", a.language},
              {"translations", a.translations},
              {"audience", a.audience},
              {"services", a.services},
              {"tags", a.tags},
              {"body", a.body},
              {"status", a.status},
              {"version", a.version},
              {"author", a.author},
              {"updated_ms",
               std::chrono::duration_cast<std::chrono::milliseconds>(a.updated.time_since_epoch())
                   .count()}};
}

model::Article ArticleFromJson(const Json& j) {
  model::Article a;
  a.id = j.value("id", "");
  a.title = j.value("title", "");
  a.language = j.value("language", "");
  a.translations = j.value("translations", std::map<std::string, std::string>{});
  a.audience = j.value("audience", std::vector<std::string>{});
  a.services = j.value("services", std::vector<std::string>{});
  a.tags = j.value("tags", std::vector<std::string>{});
  a.body = j.value("body", "");
  a.status = j.value("status", "published");
  a.version = j.value("version", 1);
  a.author = j.value("author", "");
  a.updated = TimePoint(std::chrono::milliseconds(j.value("updated_ms", int64_t{0})));
  return a;
}

// Blocks of the plain text, long ones split at sentence ends, for snippets.
std::vector<std::string> Passages(const std::string& plain) {
  std::vector<std::string> out;
  std::istringstream in(plain);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    while (line.size() > 400) {
      size_t cut = line.find(". ", 200);
      if (cut == std::string::npos || cut > 380) break;
      out.push_back(line.substr(0, cut + 1));
      line.erase(0, cut + 2);
    }
    out.push_back(line);
  }
  return out;
}

// A service's names as term sequences, to find in a query.
struct ServiceMatcher {
  std::string id;
  std::vector<std::vector<std::string>> names;
};

bool ContainsSequence(const std::vector<std::string>& hay, const std::vector<std::string>& needle) {
  if (needle.empty() || needle.size() > hay.size()) return false;
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end()) != hay.end();
}

double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

class XapianKnowledgeIndex final : public TunableIndex {
 public:
  XapianKnowledgeIndex(std::unique_ptr<Xapian::WritableDatabase> db, bool on_disk)
      : db_(std::move(db)), on_disk_(on_disk) {}

  Status LoadExisting() {
    try {
      for (auto it = db_->postlist_begin(""); it != db_->postlist_end(""); ++it) {
        Xapian::Document doc = db_->get_document(*it);
        IndexLocked(ArticleFromJson(Json::parse(doc.get_data())), /*write_db=*/false);
      }
    } catch (const std::exception& e) {
      return Unavailable(std::string("knowledge index: cannot read: ") + e.what());
    }
    return Status::Ok();
  }

  Status Rebuild(const std::vector<model::Article>& articles,
                 const std::vector<ServiceTerms>& services) override {
    for (const auto& a : articles) {
      if (a.id.empty()) return InvalidArgument("article without id");
    }
    WriteLock lock(*this);
    std::lock_guard xlock(xmu_);
    try {
      if (on_disk_) db_->begin_transaction();
      std::vector<Xapian::docid> ids;
      for (auto it = db_->postlist_begin(""); it != db_->postlist_end(""); ++it) ids.push_back(*it);
      for (auto id : ids) db_->delete_document(id);
      ResetLocked();
      SetServicesLocked(services);
      for (const auto& a : articles) IndexLocked(a);
      if (on_disk_) db_->commit_transaction();
    } catch (const Xapian::Error& e) {
      try {
        if (on_disk_) db_->cancel_transaction();
      } catch (const Xapian::Error&) {
      }
      return Internal("knowledge index rebuild: " + e.get_msg());
    }
    return Status::Ok();
  }

  Status Upsert(const model::Article& article) override {
    if (article.id.empty()) return InvalidArgument("article without id");
    WriteLock lock(*this);
    std::lock_guard xlock(xmu_);
    try {
      IndexLocked(article);
      if (on_disk_) db_->commit();
    } catch (const Xapian::Error& e) {
      return Internal("knowledge index upsert: " + e.get_msg());
    }
    return Status::Ok();
  }

  Status Remove(std::string_view article_id) override {
    WriteLock lock(*this);
    std::lock_guard xlock(xmu_);
    std::string id(article_id);
    if (entries_.count(id) == 0) return NotFound("article " + id + " is not indexed");
    try {
      db_->delete_document("Q" + id);
      if (on_disk_) db_->commit();
    } catch (const Xapian::Error& e) {
      return Internal("knowledge index remove: " + e.get_msg());
    }
    RemoveEntryLocked(id);
    return Status::Ok();
  }

  std::vector<SearchHit> Search(const SearchQuery& query) const override {
    std::vector<SearchHit> out;
    for (auto& s : SearchScored(query)) out.push_back(std::move(s.hit));
    return out;
  }

  size_t Size() const override {
    ReadLock lock(*this);
    return entries_.size();
  }

  void SetParams(const RankParams& params) override {
    WriteLock lock(*this);
    params_ = params;
  }
  void SetConfidenceWeights(const ConfidenceWeights& weights) override {
    WriteLock lock(*this);
    confidence_ = weights;
  }

  std::vector<ScoredHit> SearchScored(const SearchQuery& query) const override;

 private:
  // A query term. Terms of one group are alternatives (a word and its
  // translations): an article scores the best of them, and the group counts
  // once in the query's total idf.
  struct QueryTerm {
    TermId id = 0;
    std::string term;
    double weight = 1;
    double idf = 0;
    size_t group = 0;  // terms of one group are alternatives of one word
  };
  struct Candidate {
    const Entry* entry = nullptr;
    double score = 0, bm25 = 0, query_cover = 0, title_cover = 0;
  };

  // --- updates (callers hold mu_ exclusively and xmu_) ---
  void ResetLocked() {
    entries_.clear();
    reverse_links_.clear();
    for (auto& df : df_) df.clear();
    df_any_.clear();
    for (auto& l : total_length_) l = 0;
  }

  void SetServicesLocked(const std::vector<ServiceTerms>& services) {
    services_.clear();
    service_names_.clear();
    translations_ = TranslationDictionary();
    static const std::vector<GlossaryRow>* kGlossary =
        new std::vector<GlossaryRow>(ParseGlossary(EmbeddedGlossary()));
    translations_.AddGlossary(*kGlossary);
    for (const auto& s : services) {
      translations_.AddGroup(s.names, /*alias=*/true);
      if (s.service_id.empty()) continue;  // a catalog item: for translation only
      ServiceMatcher m{Lower(s.service_id), {}};
      std::vector<std::string> all = s.names;
      all.push_back(s.service_id);
      std::string names_text;
      for (const auto& name : all) {
        std::vector<std::string> seq;
        for (auto& t : TextTerms(name, TermMode::kIndex)) seq.push_back(t.term);
        if (!seq.empty()) m.names.push_back(std::move(seq));
        names_text += name + "\n";
      }
      service_names_[m.id] = names_text;
      services_.push_back(std::move(m));
    }
  }

  TermId Intern(const std::string& term) {
    auto [it, inserted] = term_ids_.try_emplace(term, static_cast<TermId>(terms_.size()));
    if (inserted) {
      terms_.push_back(term);
      for (auto& df : df_) df.push_back(0);
      df_any_.push_back(0);
    }
    return it->second;
  }

  std::optional<TermId> Lookup(const std::string& term) const {
    auto it = term_ids_.find(term);
    if (it == term_ids_.end()) return std::nullopt;
    return it->second;
  }

  FieldStats CountField(const std::vector<Term>& terms, Xapian::Document* doc, int field) {
    std::map<TermId, uint32_t> counts;
    for (const auto& t : terms) {
      ++counts[Intern(t.term)];
      doc->add_term(kFieldPrefix[field] + t.term);
      doc->add_term(t.term, kStageOneMultiplier[field]);
      if (!t.weak) typos_.Add(t.surface);
    }
    FieldStats f;
    f.tf.assign(counts.begin(), counts.end());
    f.length = static_cast<uint32_t>(terms.size());
    return f;
  }

  void IndexLocked(const model::Article& a, bool write_db = true) {
    if (entries_.count(a.id) > 0) RemoveEntryLocked(a.id);
    Xapian::Document doc;
    doc.add_boolean_term("Q" + a.id);
    doc.add_boolean_term("XT" + Lower(a.status));
    for (const auto& g : a.audience) doc.add_boolean_term("XA" + Lower(g));
    if (a.audience.empty()) doc.add_boolean_term("XAall");
    for (const auto& s : a.services) doc.add_term("XS" + Lower(s));
    doc.set_data(ArticleToJson(a).dump());
    doc.add_value(kIdSlot, a.id);

    std::string tags_text, names_text;
    for (const auto& t : a.tags) tags_text += t + "\n";
    for (const auto& s : a.services) {
      auto it = service_names_.find(Lower(s));
      names_text += it != service_names_.end() ? it->second : s + "\n";
    }
    Entry e;
    e.article = a;
    e.article.body.clear();
    std::string plain = PlainText(a.body);
    e.passages = Passages(plain);
    for (const auto& p : e.passages) {
      std::vector<TermId> ids;
      for (const auto& t : TextTerms(p, TermMode::kIndex)) ids.push_back(Intern(t.term));
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
      e.passage_terms.push_back(std::move(ids));
    }
    e.fields[kTitle] = CountField(TextTerms(a.title, TermMode::kIndex), &doc, kTitle);
    e.fields[kTags] = CountField(TextTerms(tags_text, TermMode::kIndex), &doc, kTags);
    e.fields[kNames] = CountField(TextTerms(names_text, TermMode::kIndex), &doc, kNames);
    e.fields[kBody] = CountField(TextTerms(plain, TermMode::kIndex), &doc, kBody);
    std::set<TermId> any;
    for (int f = 0; f < kFields; ++f) {
      for (auto [id, tf] : e.fields[f].tf) {
        ++df_[f][id];
        any.insert(id);
      }
      total_length_[f] += e.fields[f].length;
    }
    for (TermId id : any) ++df_any_[id];
    for (auto [id, tf] : e.fields[kTitle].tf) e.title_terms.push_back(id);
    for (const auto& [lang, tid] : a.translations) reverse_links_[tid].insert(a.id);
    if (write_db) db_->replace_document("Q" + a.id, doc);
    entries_[a.id] = std::move(e);
  }

  void RemoveEntryLocked(const std::string& id) {
    auto it = entries_.find(id);
    if (it == entries_.end()) return;
    const Entry& e = it->second;
    std::set<TermId> any;
    for (int f = 0; f < kFields; ++f) {
      for (auto [tid, tf] : e.fields[f].tf) {
        --df_[f][tid];
        any.insert(tid);
      }
      total_length_[f] -= e.fields[f].length;
    }
    for (TermId tid : any) --df_any_[tid];
    for (const auto& [lang, tid] : e.article.translations) {
      auto rl = reverse_links_.find(tid);
      if (rl != reverse_links_.end()) rl->second.erase(id);
    }
    entries_.erase(it);
  }

  // --- search helpers (callers hold mu_ shared) ---
  bool Visible(const model::Article& a, const SearchQuery& q) const {
    std::string status = Lower(a.status);
    if (status == "retired") return false;
    if (status != "published" && !(status == "draft" && q.staff && q.include_drafts)) return false;
    if (q.staff || a.audience.empty()) return true;
    for (const auto& g : a.audience) {
      if (SameId(g, "all")) return true;
      for (const auto& ug : q.user_groups) {
        if (SameId(g, ug)) return true;
      }
    }
    return false;
  }

  std::string FamilyKey(const Entry& e) const {
    std::string key = e.article.id;
    for (const auto& [lang, id] : e.article.translations) key = std::min(key, id);
    auto rl = reverse_links_.find(e.article.id);
    if (rl != reverse_links_.end()) {
      for (const auto& id : rl->second) key = std::min(key, id);
    }
    return key;
  }

  // The family member in `language` the user may see, or nullptr.
  const Entry* Translation(const Entry& e, const std::string& language,
                           const SearchQuery& q) const {
    auto consider = [&](const std::string& id) -> const Entry* {
      auto it = entries_.find(id);
      if (it == entries_.end()) return nullptr;
      if (it->second.article.language != language || !Visible(it->second.article, q))
        return nullptr;
      return &it->second;
    };
    for (const auto& [lang, id] : e.article.translations) {
      if (const Entry* t = consider(id)) return t;
    }
    auto rl = reverse_links_.find(e.article.id);
    if (rl != reverse_links_.end()) {
      for (const auto& id : rl->second) {
        if (const Entry* t = consider(id)) return t;
      }
    }
    return nullptr;
  }

  double Idf(TermId id) const {
    double n = static_cast<double>(entries_.size());
    double df = df_any_[id];
    return std::log(1.0 + (n - df + 0.5) / (df + 0.5));
  }

  std::vector<QueryTerm> AnalyseQuery(const std::string& text, std::vector<std::string>* seq) const;
  std::vector<std::string> MatchServices(const std::vector<std::string>& seq,
                                         const SearchQuery& q) const;
  std::vector<const Entry*> Candidates(const std::vector<QueryTerm>& terms,
                                       const std::vector<std::string>& services,
                                       const SearchQuery& q) const;
  Candidate Score(const Entry& e, const std::vector<QueryTerm>& terms, size_t concepts,
                  double idf_sum, const std::vector<std::string>& services,
                  const std::vector<std::string>& hinted,
                  const std::string& language) const;
  std::string Snippet(const Entry& e, const std::vector<QueryTerm>& terms) const;

  // Writer-preferring reader/writer lock: a writer first takes the turnstile,
  // so new readers queue behind it instead of starving it.
  class ReadLock {
   public:
    explicit ReadLock(const XapianKnowledgeIndex& index) {
      { std::lock_guard pass(index.turnstile_); }
      lock_ = std::shared_lock(index.mu_);
    }

   private:
    std::shared_lock<std::shared_mutex> lock_;
  };
  class WriteLock {
   public:
    explicit WriteLock(const XapianKnowledgeIndex& index)
        : gate_(index.turnstile_), lock_(index.mu_) {}

   private:
    std::lock_guard<std::mutex> gate_;
    std::unique_lock<std::shared_mutex> lock_;
  };

  mutable std::mutex turnstile_;
  mutable std::shared_mutex mu_;  // guards everything below
  mutable std::mutex xmu_;        // Xapian handles are not thread-safe: one user at a time
  std::unique_ptr<Xapian::WritableDatabase> db_;
  bool on_disk_;
  RankParams params_;
  ConfidenceWeights confidence_ = DefaultConfidenceWeights();

  std::unordered_map<std::string, Entry> entries_;
  std::unordered_map<std::string, std::set<std::string>> reverse_links_;  // id -> ids linking to it
  std::unordered_map<std::string, TermId> term_ids_;
  std::vector<std::string> terms_;
  std::vector<uint32_t> df_[kFields];
  std::vector<uint32_t> df_any_;
  uint64_t total_length_[kFields] = {0, 0, 0, 0};
  TypoDictionary typos_;
  std::vector<ServiceMatcher> services_;
  TranslationDictionary translations_;  // glossary + the org's multilingual aliases
  std::unordered_map<std::string, std::string> service_names_;  // id -> names, one a line
};

std::vector<XapianKnowledgeIndex::QueryTerm> XapianKnowledgeIndex::AnalyseQuery(
    const std::string& text, std::vector<std::string>* seq) const {
  std::vector<QueryTerm> out;
  std::unordered_map<std::string, size_t> pos;
  size_t concepts = 0;
  // Adds a term to a group (a new group when `group` is npos); returns
  // the group the term belongs to.
  auto add = [&](TermId id, double weight, size_t group) -> size_t {
    const std::string& term = terms_[id];
    auto it = pos.find(term);
    if (it != pos.end()) {
      out[it->second].weight = std::max(out[it->second].weight, weight);
      return out[it->second].group;
    }
    if (group == std::string::npos) group = concepts++;
    pos[term] = out.size();
    out.push_back({id, term, weight, Idf(id), group});
    return group;
  };
  std::vector<size_t> group_at;  // per position of *seq; npos = unknown word
  std::vector<bool> weak_at;
  for (const auto& t : TextTerms(text, TermMode::kQuery)) {
    seq->push_back(t.term);
    group_at.push_back(std::string::npos);
    weak_at.push_back(t.weak);
    auto id = Lookup(t.term);
    if (id && df_any_[*id] > 0) {
      group_at.back() = add(*id, t.weak ? params_.w_weak : 1.0, std::string::npos);
      continue;
    }
    if (t.weak) continue;
    // Unknown word: try spelling neighbours that are in the index.
    for (const auto& cand : typos_.Candidates(t.surface)) {
      Word w{cand, DetectLanguageOf(cand) == "ru" ? Script::kCyrillic : Script::kLatin};
      auto cid = Lookup(StemWord(w));
      if (cid && df_any_[*cid] > 0) {
        group_at.back() = add(*cid, params_.w_typo, std::string::npos);
        seq->back() = terms_[*cid];
        break;
      }
    }
  }
  // Split compounds the articles write as one word: "set up" -> setup,
  // "e mail" -> email, "log in" -> login.
  std::vector<Word> words = SplitWords(text);
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    if (words[i].script == Script::kCjk || words[i + 1].script == Script::kCjk) continue;
    Word joined{words[i].text + words[i + 1].text, words[i].script};
    auto id = Lookup(StemWord(joined));
    if (id && df_any_[*id] > 0) add(*id, 1.0, std::string::npos);
  }
  // Translations (glossary, the org's multilingual aliases): alternatives of
  // the words they translate, weighted below them.
  std::unordered_map<uint64_t, size_t> match_group;  // span -> group
  for (const Expansion& x : translations_.Expand(*seq)) {
    auto id = Lookup(x.term);
    if (!id || df_any_[*id] == 0) continue;
    uint64_t span = (static_cast<uint64_t>(x.first) << 32) | x.last;
    auto known = match_group.find(span);
    size_t group = std::string::npos;
    if (known != match_group.end()) {
      group = known->second;
    } else {
      // The group of the span's first known word, a strong one preferred.
      for (int pass = 0; pass < 2 && group == std::string::npos; ++pass) {
        for (size_t p = x.first; p < x.last; ++p) {
          if (group_at[p] != std::string::npos && (pass == 1 || !weak_at[p])) {
            group = group_at[p];
            break;
          }
        }
      }
    }
    double weight = (x.alias ? params_.w_alias : params_.w_translate) *
                    (x.weak ? params_.w_weak : 1.0);
    match_group[span] = add(*id, weight, group);
  }
  return out;
}

std::vector<std::string> XapianKnowledgeIndex::MatchServices(const std::vector<std::string>& seq,
                                                             const SearchQuery& q) const {
  std::vector<std::string> found;
  for (const auto& s : q.services) found.push_back(Lower(s));
  for (const auto& m : services_) {
    for (const auto& name : m.names) {
      if (ContainsSequence(seq, name)) {
        found.push_back(m.id);
        break;
      }
    }
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

std::vector<const Entry*> XapianKnowledgeIndex::Candidates(const std::vector<QueryTerm>& terms,
                                                           const std::vector<std::string>& services,
                                                           const SearchQuery& q) const {
  std::vector<Xapian::Query> parts;
  for (const auto& t : terms) {
    parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(t.term), t.weight);
  }
  for (const auto& s : services) {
    parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query("XS" + s), 2.0);
  }
  if (parts.empty()) return {};
  Xapian::Query match(Xapian::Query::OP_OR, parts.begin(), parts.end());

  std::vector<Xapian::Query> statuses{Xapian::Query("XTpublished")};
  if (q.staff && q.include_drafts) statuses.emplace_back("XTdraft");
  Xapian::Query filter(Xapian::Query::OP_OR, statuses.begin(), statuses.end());
  if (!q.staff) {
    std::vector<Xapian::Query> groups{Xapian::Query("XAall")};
    for (const auto& g : q.user_groups) groups.emplace_back("XA" + Lower(g));
    filter = Xapian::Query(Xapian::Query::OP_AND, filter,
                           Xapian::Query(Xapian::Query::OP_OR, groups.begin(), groups.end()));
  }
  Xapian::Query full(Xapian::Query::OP_FILTER, match, filter);

  std::vector<const Entry*> out;
  std::lock_guard xlock(xmu_);
  try {
    Xapian::Enquire enquire(*db_);
    enquire.set_query(full);
    enquire.set_docid_order(Xapian::Enquire::DONT_CARE);
    enquire.set_weighting_scheme(Xapian::BM25Weight(params_.k1, 0, 1, 0.5, 0.5));
    Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(params_.candidates));
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      auto e = entries_.find(it.get_document().get_value(kIdSlot));
      if (e != entries_.end()) out.push_back(&e->second);
    }
  } catch (const Xapian::Error&) {
    return {};
  }
  return out;
}

XapianKnowledgeIndex::Candidate XapianKnowledgeIndex::Score(
    const Entry& e, const std::vector<QueryTerm>& terms, size_t concepts, double idf_sum,
    const std::vector<std::string>& services, const std::vector<std::string>& hinted,
    const std::string& language) const {
  Candidate c;
  c.entry = &e;
  const double n = std::max<double>(1.0, static_cast<double>(entries_.size()));
  const double w[kFields] = {params_.w_title, params_.w_tags, params_.w_names, params_.w_body};
  const double b[kFields] = {params_.b_title, params_.b_tags, params_.b_tags, params_.b_body};
  std::vector<double> best(concepts, 0.0), cover(concepts, 0.0);
  std::unordered_set<TermId> query_ids;
  for (const auto& t : terms) {
    query_ids.insert(t.id);
    double tf = 0;
    for (int f = 0; f < kFields; ++f) {
      uint32_t raw = e.fields[f].Tf(t.id);
      if (raw == 0) continue;
      double avg = std::max(1.0, static_cast<double>(total_length_[f]) / n);
      tf += w[f] * raw / (1.0 - b[f] + b[f] * e.fields[f].length / avg);
    }
    if (tf > 0) {
      best[t.group] = std::max(best[t.group], t.weight * t.idf * tf / (params_.k1 + tf));
      cover[t.group] = std::max(cover[t.group], t.weight * t.idf);
    }
  }
  double bm25 = 0, covered = 0;
  for (size_t c = 0; c < concepts; ++c) {
    bm25 += best[c];
    covered += cover[c];
  }
  c.bm25 = idf_sum > 0 ? bm25 / idf_sum : 0;
  c.query_cover = idf_sum > 0 ? covered / idf_sum : 0;
  double title_idf = 0, title_hit = 0;
  for (TermId id : e.title_terms) {
    double idf = Idf(id);
    title_idf += idf;
    if (query_ids.count(id) > 0) title_hit += idf;
  }
  c.title_cover = title_idf > 0 ? title_hit / title_idf : 0;
  double service_bonus = 0;
  for (const auto& s : e.article.services) {
    std::string id = Lower(s);
    if (std::binary_search(hinted.begin(), hinted.end(), id)) {
      service_bonus = std::max(service_bonus, params_.w_service_hint);
    } else if (std::binary_search(services.begin(), services.end(), id)) {
      service_bonus = std::max(service_bonus, params_.w_service);
    }
  }
  c.score = c.bm25 + params_.w_query_cover * c.query_cover + params_.w_title_cover * c.title_cover +
            service_bonus + (e.article.language == language ? params_.w_language : 0.0);
  return c;
}

std::string XapianKnowledgeIndex::Snippet(const Entry& e,
                                          const std::vector<QueryTerm>& terms) const {
  if (e.passages.empty()) return "";
  size_t best = 0;
  double best_score = 0;
  for (size_t i = 0; i < e.passage_terms.size(); ++i) {
    double s = 0;
    for (const auto& t : terms) {
      if (std::binary_search(e.passage_terms[i].begin(), e.passage_terms[i].end(), t.id)) {
        s += t.weight * t.idf;
      }
    }
    if (s > best_score + 1e-9) {
      best_score = s;
      best = i;
    }
  }
  return TruncateUtf8(e.passages[best], 300);
}

std::vector<ScoredHit> XapianKnowledgeIndex::SearchScored(const SearchQuery& query) const {
  ReadLock lock(*this);
  if (entries_.empty()) return {};
  const std::string language =
      query.language.empty() ? DetectLanguageOf(query.text) : query.language;
  std::vector<std::string> seq;
  std::vector<QueryTerm> terms = AnalyseQuery(query.text, &seq);
  std::vector<std::string> services = MatchServices(seq, query);
  if (terms.empty() && services.empty()) return {};
  // Each group counts once, with its best alternative.
  size_t concepts = 0;
  for (const auto& t : terms) concepts = std::max(concepts, t.group + 1);
  std::vector<double> group_idf(concepts, 0.0);
  for (const auto& t : terms) {
    group_idf[t.group] = std::max(group_idf[t.group], t.weight * t.idf);
  }
  double idf_sum = 0;
  for (double v : group_idf) idf_sum += v;
  std::vector<std::string> hinted;
  for (const auto& h : query.services) hinted.push_back(Lower(h));
  std::sort(hinted.begin(), hinted.end());

  std::vector<Candidate> scored;
  for (const Entry* e : Candidates(terms, services, query)) {
    if (!Visible(e->article, query)) continue;
    scored.push_back(Score(*e, terms, concepts, idf_sum, services, hinted, language));
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const Candidate& a, const Candidate& b) { return a.score > b.score; });

  // One hit per translation family, in the query's language when it exists.
  std::vector<Candidate> hits;
  std::unordered_set<std::string> families;
  const size_t limit = static_cast<size_t>(std::clamp(query.limit, 1, 50));
  for (const auto& c : scored) {
    if (!families.insert(FamilyKey(*c.entry)).second) continue;
    hits.push_back(c);
    if (hits.size() > limit) break;  // one extra for the margin of the last
  }
  std::vector<ScoredHit> out;
  const double log_terms = std::log1p(static_cast<double>(concepts));
  for (size_t i = 0; i < hits.size() && i < limit; ++i) {
    const Candidate& c = hits[i];
    double other = i == 0 ? (hits.size() > 1 ? hits[1].score : 0.0) : hits[0].score;
    HitFeatures f{c.score,       c.score > 0 ? (c.score - other) / c.score : 0.0,
                  c.query_cover, c.title_cover,
                  c.bm25,        log_terms};
    const Entry* shown = c.entry;
    if (shown->article.language != language) {
      if (const Entry* t = Translation(*shown, language, query)) shown = t;
    }
    ScoredHit s;
    s.features = f;
    s.hit.article_id = shown->article.id;
    s.hit.title = shown->article.title;
    s.hit.language = shown->article.language;
    s.hit.score = c.score;
    s.hit.confidence = Confidence(confidence_, f);
    s.hit.snippet = Snippet(*shown, terms);
    s.hit.other_language = !shown->article.language.empty() && shown->article.language != language;
    s.hit.services = shown->article.services;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

bool RankParams::Set(std::string_view name, double v) {
  struct Field {
    const char* name;
    double RankParams::*member;
  };
  static constexpr Field kFieldsList[] = {{"w_title", &RankParams::w_title},
                                          {"w_tags", &RankParams::w_tags},
                                          {"w_body", &RankParams::w_body},
                                          {"w_names", &RankParams::w_names},
                                          {"w_service_hint", &RankParams::w_service_hint},
                                          {"k1", &RankParams::k1},
                                          {"b_title", &RankParams::b_title},
                                          {"b_tags", &RankParams::b_tags},
                                          {"b_body", &RankParams::b_body},
                                          {"w_weak", &RankParams::w_weak},
                                          {"w_typo", &RankParams::w_typo},
                                          {"w_translate", &RankParams::w_translate},
                                          {"w_alias", &RankParams::w_alias},
                                          {"w_query_cover", &RankParams::w_query_cover},
                                          {"w_title_cover", &RankParams::w_title_cover},
                                          {"w_service", &RankParams::w_service},
                                          {"w_language", &RankParams::w_language}};
  if (name == "candidates") {
    candidates = static_cast<size_t>(v);
    return true;
  }
  for (const auto& f : kFieldsList) {
    if (name == f.name) {
      this->*f.member = v;
      return true;
    }
  }
  return false;
}

std::string RankParams::ToString() const {
  std::ostringstream out;
  out << "w_title=" << w_title << " w_tags=" << w_tags << " w_names=" << w_names
      << " w_body=" << w_body << " k1=" << k1 << " b_title=" << b_title << " b_tags=" << b_tags
      << " b_body=" << b_body << " w_weak=" << w_weak << " w_typo=" << w_typo
      << " w_translate=" << w_translate << " w_alias=" << w_alias
      << " w_query_cover=" << w_query_cover << " w_title_cover=" << w_title_cover
      << " w_service=" << w_service << " w_service_hint=" << w_service_hint
      << " w_language=" << w_language << " candidates=" << candidates;
  return out.str();
}

std::array<double, kConfidenceFeatures> ConfidenceInputs(const HitFeatures& f) {
  return {1.0, f.score, f.margin, f.query_cover, f.title_cover, f.bm25, f.query_terms};
}

double Confidence(const ConfidenceWeights& w, const HitFeatures& f) {
  auto x = ConfidenceInputs(f);
  double z = 0;
  for (size_t i = 0; i < kConfidenceFeatures; ++i) z += w[i] * x[i];
  return Sigmoid(z);
}

const ConfidenceWeights& DefaultConfidenceWeights() {
  static const ConfidenceWeights kWeights = {-9.7638, 1.7491, 7.1880, 1.0803,
                                             2.5264,  2.2373, 2.2554};
  return kWeights;
}

AnswerDecision Decide(const std::vector<SearchHit>& hits) {
  if (hits.empty()) return AnswerDecision::kHandOver;
  if (hits[0].confidence >= kAnswerConfidence) return AnswerDecision::kAnswer;
  if (hits[0].confidence >= kSuggestConfidence) return AnswerDecision::kSuggest;
  return AnswerDecision::kHandOver;
}

std::string DetectLanguage(std::string_view text) { return DetectLanguageOf(text); }

std::vector<ServiceTerms> SearchVocabulary(const model::OrgPack& pack) {
  std::vector<ServiceTerms> out;
  for (const model::Service& s : pack.services) {
    ServiceTerms t{s.id, {s.name}};
    t.names.insert(t.names.end(), s.aliases.begin(), s.aliases.end());
    out.push_back(std::move(t));
  }
  for (const model::CatalogItem& c : pack.request_catalog) {
    ServiceTerms t{"", {c.name}};
    t.names.insert(t.names.end(), c.aliases.begin(), c.aliases.end());
    out.push_back(std::move(t));
  }
  return out;
}

Result<std::unique_ptr<TunableIndex>> CreateTunableIndex(const IndexOptions& options) {
  try {
    std::unique_ptr<Xapian::WritableDatabase> db;
    bool on_disk = !options.directory.empty();
    if (on_disk) {
      db = std::make_unique<Xapian::WritableDatabase>(options.directory, Xapian::DB_CREATE_OR_OPEN);
    } else {
      db = std::make_unique<Xapian::WritableDatabase>(std::string(), Xapian::DB_BACKEND_INMEMORY);
    }
    auto index = std::make_unique<XapianKnowledgeIndex>(std::move(db), on_disk);
    if (on_disk) SA_RETURN_IF_ERROR(index->LoadExisting());
    return std::unique_ptr<TunableIndex>(std::move(index));
  } catch (const Xapian::Error& e) {
    return Unavailable("knowledge index: " + e.get_msg());
  }
}

Result<std::unique_ptr<KnowledgeIndex>> KnowledgeIndex::Create(const IndexOptions& options) {
  SA_ASSIGN_OR_RETURN(auto index, CreateTunableIndex(options));
  return std::unique_ptr<KnowledgeIndex>(std::move(index));
}

}  // namespace sa::knowledge
