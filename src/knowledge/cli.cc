#include "knowledge/cli.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/json.h"
#include "knowledge/knowledge.h"
#include "knowledge/ranking.h"
#include "knowledge/text.h"

namespace sa::knowledge {
namespace {

struct EvalQuery {
  std::string text, article;
  std::string language;             // "" = detected
  std::vector<std::string> groups;  // the asker's groups (audience)
};

struct Metrics {
  size_t n = 0;
  double p1 = 0, mrr = 0, r5 = 0;
  std::vector<double> latency_us;

  void Add(int rank, double us) {  // rank 1-based, 0 = not found
    ++n;
    if (rank == 1) p1 += 1;
    if (rank > 0) mrr += 1.0 / rank;
    if (rank > 0 && rank <= 5) r5 += 1;
    latency_us.push_back(us);
  }
  double Percentile(double p) const {
    if (latency_us.empty()) return 0;
    std::vector<double> v = latency_us;
    std::sort(v.begin(), v.end());
    size_t i = std::min(v.size() - 1, static_cast<size_t>(std::ceil(p * v.size())) - 1);
    return v[i];
  }
  void Print(const char* name) const {
    std::printf("%-10s n=%zu  P@1=%.4f  MRR=%.4f  R@5=%.4f  latency p50=%.3f ms p99=%.3f ms\n",
                name, n, p1 / n, mrr / n, r5 / n, Percentile(0.50) / 1000, Percentile(0.99) / 1000);
  }
};

Result<std::vector<Json>> ReadJsonl(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFound("cannot open " + path);
  std::vector<Json> out;
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      out.push_back(Json::parse(line));
    } catch (const std::exception& e) {
      return InvalidArgument(path + ":" + std::to_string(line_no) + ": " + e.what());
    }
  }
  return out;
}

model::Article ArticleOf(const Json& j) {
  model::Article a;
  a.id = j.value("id", "");
  a.title = j.value("title", "");
  a.body = j.value("body", "");
  a.language = j.value("language", "en");
  a.tags = j.value("tags", std::vector<std::string>{});
  a.services = j.value("services", std::vector<std::string>{});
  a.audience = j.value("audience", std::vector<std::string>{"all"});
  a.translations = j.value("translations", std::map<std::string, std::string>{});
  return a;
}

// {"id": service id ("" for a catalog item), "names": [...]} a line.
Result<std::vector<ServiceTerms>> ReadServices(const std::string& path) {
  std::vector<ServiceTerms> services;
  if (path.empty()) return services;
  SA_ASSIGN_OR_RETURN(std::vector<Json> rows, ReadJsonl(path));
  for (const auto& j : rows) {
    services.push_back({j.value("id", ""), j.value("names", std::vector<std::string>{})});
  }
  return services;
}

using Clock = std::chrono::steady_clock;
double Micros(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::micro>(b - a).count();
}

// Plain BM25 baseline: Xapian defaults (TermGenerator + QueryParser, English
// stemmer, BM25Weight defaults) over title + body.
class Baseline {
 public:
  explicit Baseline(const std::vector<model::Article>& articles)
      : db_(std::string(), Xapian::DB_BACKEND_INMEMORY) {
    Xapian::TermGenerator gen;
    gen.set_stemmer(Xapian::Stem("english"));
    for (const auto& a : articles) {
      Xapian::Document doc;
      gen.set_document(doc);
      gen.index_text(a.title);
      gen.increase_termpos();
      gen.index_text(a.body);
      doc.set_data(a.id);
      db_.add_document(doc);
    }
    parser_.set_stemmer(Xapian::Stem("english"));
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser_.set_database(db_);
  }
  std::vector<std::string> Search(const std::string& text, int limit) {
    std::vector<std::string> out;
    try {
      Xapian::Enquire enquire(db_);
      enquire.set_query(parser_.parse_query(text));
      Xapian::MSet mset = enquire.get_mset(0, limit);
      for (auto it = mset.begin(); it != mset.end(); ++it)
        out.push_back(it.get_document().get_data());
    } catch (const Xapian::Error&) {
    }
    return out;
  }

 private:
  Xapian::WritableDatabase db_;
  Xapian::QueryParser parser_;
};

int RankOf(const std::vector<std::string>& ids, const std::string& gold) {
  for (size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] == gold) return static_cast<int>(i + 1);
  }
  return 0;
}

// Article id -> the smallest id of its translation family (links either way),
// so a hit on any translation of the expected article counts as right.
std::map<std::string, std::string> Families(const std::vector<model::Article>& articles) {
  std::map<std::string, std::string> parent;
  for (const auto& a : articles) parent[a.id] = a.id;
  std::function<std::string(const std::string&)> find = [&](const std::string& id) {
    auto it = parent.find(id);
    if (it == parent.end() || it->second == id) return id;
    return it->second = find(it->second);
  };
  for (const auto& a : articles) {
    for (const auto& [lang, other] : a.translations) {
      if (parent.count(other) == 0) continue;
      std::string x = find(a.id), y = find(other);
      if (x != y) parent[std::max(x, y)] = std::min(x, y);
    }
  }
  std::map<std::string, std::string> out;
  for (const auto& a : articles) out[a.id] = find(a.id);
  return out;
}

struct Sample {
  std::array<double, kConfidenceFeatures> x;
  double y;
};

// L2-regularised logistic regression by Newton's method.
ConfidenceWeights FitLogistic(const std::vector<Sample>& data) {
  constexpr size_t k = kConfidenceFeatures;
  ConfidenceWeights w{};
  for (int iter = 0; iter < 50; ++iter) {
    double g[k] = {}, h[k][k] = {};
    for (const auto& s : data) {
      double z = 0;
      for (size_t i = 0; i < k; ++i) z += w[i] * s.x[i];
      double p = 1.0 / (1.0 + std::exp(-z));
      for (size_t i = 0; i < k; ++i) {
        g[i] += (p - s.y) * s.x[i];
        for (size_t j = 0; j < k; ++j) h[i][j] += p * (1 - p) * s.x[i] * s.x[j];
      }
    }
    for (size_t i = 0; i < k; ++i) {
      g[i] += 1e-2 * w[i];
      h[i][i] += 1e-2;
    }
    // Solve h * d = g by Gaussian elimination.
    double a[k][k + 1];
    for (size_t i = 0; i < k; ++i) {
      for (size_t j = 0; j < k; ++j) a[i][j] = h[i][j];
      a[i][k] = g[i];
    }
    for (size_t c = 0; c < k; ++c) {
      size_t piv = c;
      for (size_t r = c + 1; r < k; ++r) {
        if (std::fabs(a[r][c]) > std::fabs(a[piv][c])) piv = r;
      }
      for (size_t j = 0; j <= k; ++j) std::swap(a[c][j], a[piv][j]);
      if (std::fabs(a[c][c]) < 1e-12) continue;
      for (size_t r = 0; r < k; ++r) {
        if (r == c) continue;
        double f = a[r][c] / a[c][c];
        for (size_t j = c; j <= k; ++j) a[r][j] -= f * a[c][j];
      }
    }
    double step = 0;
    for (size_t i = 0; i < k; ++i) {
      double d = std::fabs(a[i][i]) < 1e-12 ? 0 : a[i][k] / a[i][i];
      w[i] -= d;
      step += std::fabs(d);
    }
    if (step < 1e-8) break;
  }
  return w;
}

void PrintCalibration(const std::vector<Sample>& data, const ConfidenceWeights& w) {
  constexpr int kBins = 5;
  double count[kBins] = {}, conf[kBins] = {}, pos[kBins] = {};
  double brier = 0;
  for (const auto& s : data) {
    double z = 0;
    for (size_t i = 0; i < kConfidenceFeatures; ++i) z += w[i] * s.x[i];
    double p = 1.0 / (1.0 + std::exp(-z));
    int b = std::min(kBins - 1, static_cast<int>(p * kBins));
    count[b] += 1;
    conf[b] += p;
    pos[b] += s.y;
    brier += (p - s.y) * (p - s.y);
  }
  std::printf("calibration (top hits, %zu samples, Brier %.4f):\n", data.size(),
              brier / data.size());
  for (int b = 0; b < kBins; ++b) {
    if (count[b] == 0) continue;
    std::printf("  conf %.1f-%.1f: n=%4.0f  mean conf=%.3f  observed=%.3f\n", 1.0 * b / kBins,
                1.0 * (b + 1) / kBins, count[b], conf[b] / count[b], pos[b] / count[b]);
  }
}

// What the bot would do with these top hits: answer / suggest / hand over.
void PrintDecisions(const std::vector<Sample>& data, const ConfidenceWeights& w,
                    const char* name) {
  double answer = 0, answer_ok = 0, suggest = 0, hand = 0;
  for (const auto& s : data) {
    double z = 0;
    for (size_t i = 0; i < kConfidenceFeatures; ++i) z += w[i] * s.x[i];
    double p = 1.0 / (1.0 + std::exp(-z));
    if (p >= kAnswerConfidence) {
      answer += 1;
      answer_ok += s.y;
    } else if (p >= kSuggestConfidence) {
      suggest += 1;
    } else {
      hand += 1;
    }
  }
  std::printf("%-16s answer %.3f (of which right %.3f)  suggest %.3f  hand over %.3f\n", name,
              answer / data.size(), answer > 0 ? answer_ok / answer : 0.0, suggest / data.size(),
              hand / data.size());
}

int Usage() {
  std::fprintf(stderr,
               "usage: kb eval --articles FILE --queries FILE [--services FILE] [--set NAME=VALUE]... "
               "[--fit] [--verbose] [--quick] [--samples-out FILE]\n"
               "       kb fit SAMPLES.jsonl...   (one confidence model for several eval runs)\n"
               "       kb search --articles FILE [--services FILE] [--lang L] [--groups a,b] "
               "[--staff] TEXT...\n"
               "       kb render FILE\n");
  return 2;
}

int Eval(int argc, char** argv) {
  std::string articles_path, queries_path, services_path, samples_out;
  bool fit = false, verbose = false, quick = false;
  RankParams params;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--articles") {
      articles_path = next();
    } else if (arg == "--queries") {
      queries_path = next();
    } else if (arg == "--services") {
      services_path = next();
    } else if (arg == "--samples-out") {
      samples_out = next();
    } else if (arg == "--fit") {
      fit = true;
    } else if (arg == "--quick") {
      quick = true;
    } else if (arg == "--verbose") {
      verbose = true;
    } else if (arg == "--set") {
      std::string kv = next();
      size_t eq = kv.find('=');
      if (eq == std::string::npos || !params.Set(kv.substr(0, eq), std::stod(kv.substr(eq + 1)))) {
        std::fprintf(stderr, "unknown parameter: %s\n", kv.c_str());
        return 2;
      }
    } else {
      return Usage();
    }
  }
  if (articles_path.empty() || queries_path.empty()) return Usage();
  auto article_rows = ReadJsonl(articles_path);
  auto query_rows = ReadJsonl(queries_path);
  for (const auto* r : {&article_rows, &query_rows}) {
    if (!r->ok()) {
      std::fprintf(stderr, "%s\n", r->status().ToString().c_str());
      return 1;
    }
  }
  std::vector<model::Article> articles;
  for (const auto& j : *article_rows) articles.push_back(ArticleOf(j));
  std::vector<EvalQuery> queries;
  for (const auto& j : *query_rows) {
    queries.push_back({j.value("text", ""), j.value("article", j.value("expect", "")), j.value("language", ""),
                       j.value("groups", std::vector<std::string>{})});
  }
  auto services = ReadServices(services_path);
  if (!services.ok()) {
    std::fprintf(stderr, "%s\n", services.status().ToString().c_str());
    return 1;
  }

  auto created = CreateTunableIndex({});
  if (!created.ok()) {
    std::fprintf(stderr, "%s\n", created.status().ToString().c_str());
    return 1;
  }
  TunableIndex& index = **created;
  index.SetParams(params);
  auto t0 = Clock::now();
  Status st = index.Rebuild(articles, *services);
  auto t1 = Clock::now();
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", st.ToString().c_str());
    return 1;
  }
  Baseline baseline(articles);
  auto t2 = Clock::now();
  std::printf("articles=%zu queries=%zu  index build: ours %.1f ms, baseline %.1f ms\n",
              articles.size(), queries.size(), Micros(t0, t1) / 1000, Micros(t1, t2) / 1000);
  std::printf("params: %s\n", params.ToString().c_str());

  // Warm up (thread-local stemmers, static tables) so p99 measures steady state.
  if (!queries.empty()) {
    SearchQuery warm;
    warm.text = queries[0].text;
    (void)index.Search(warm);
    (void)baseline.Search(warm.text, 10);
  }
  Metrics ours, base;
  std::map<std::string, Metrics> by_language;
  size_t flagged_right = 0, right = 0;  // other_language correct among P@1 hits
  std::map<std::string, const model::Article*> by_id;
  for (const auto& a : articles) by_id[a.id] = &a;
  const std::map<std::string, std::string> family = Families(articles);
  std::vector<Sample> samples;
  for (const auto& q : queries) {
    SearchQuery sq;
    sq.text = q.text;
    sq.language = q.language;
    sq.user_groups = q.groups;
    sq.limit = 10;
    auto a = Clock::now();
    auto hits = index.SearchScored(sq);
    auto b = Clock::now();
    std::vector<std::string> ids;
    for (const auto& h : hits) {
      auto f = family.find(h.hit.article_id);
      ids.push_back(f != family.end() ? f->second : h.hit.article_id);
    }
    auto gold_family = family.find(q.article);
    int rank = RankOf(ids, gold_family != family.end() ? gold_family->second : q.article);
    ours.Add(rank, Micros(a, b));
    const std::string language = q.language.empty() ? DetectLanguage(q.text) : q.language;
    by_language[language].Add(rank, Micros(a, b));
    if (rank == 1) {
      ++right;
      auto shown = by_id.find(hits[0].hit.article_id);
      bool other = shown != by_id.end() && shown->second->language != language;
      if (hits[0].hit.other_language == other) ++flagged_right;
    }
    if (verbose && Micros(a, b) > 1000)
      std::printf("SLOW %.3f ms | %s\n", Micros(a, b) / 1000, q.text.c_str());
    if (!hits.empty()) {
      samples.push_back({ConfidenceInputs(hits[0].features), rank == 1 ? 1.0 : 0.0});
    }
    if (verbose && rank != 1) {
      std::printf("MISS rank=%d gold=%s got=%s conf=%.2f | %s\n", rank, q.article.c_str(),
                  ids.empty() ? "-" : ids[0].c_str(), hits.empty() ? 0.0 : hits[0].hit.confidence,
                  q.text.c_str());
    }
    if (quick) continue;
    a = Clock::now();
    auto base_ids = baseline.Search(q.text, 10);
    b = Clock::now();
    base.Add(RankOf(base_ids, q.article), Micros(a, b));
  }
  ours.Print("ours");
  if (by_language.size() > 1) {
    for (const auto& [language, m] : by_language) m.Print(("  " + language).c_str());
  }
  std::printf("other_language flag right on %zu of %zu first-ranked right answers\n",
              flagged_right, right);
  if (quick) return 0;
  base.Print("bm25");
  std::printf("ratio     P@1 x%.3f  MRR x%.3f  R@5 x%.3f\n", ours.p1 / base.p1, ours.mrr / base.mrr,
              ours.r5 / base.r5);

  // Answerability: the same queries with their article removed (nothing right
  // to find) give the negatives the confidence must learn to reject.
  std::map<std::string, std::vector<const EvalQuery*>> by_article;
  for (const auto& q : queries) by_article[q.article].push_back(&q);
  std::vector<Sample> absent;
  for (const auto& a : articles) {
    auto it = by_article.find(a.id);
    if (it == by_article.end()) continue;
    if (!index.Remove(a.id).ok()) continue;
    for (const EvalQuery* q : it->second) {
      SearchQuery sq;
      sq.text = q->text;
      sq.language = q->language;
      sq.user_groups = q->groups;
      sq.limit = 2;
      auto hits = index.SearchScored(sq);
      if (!hits.empty()) absent.push_back({ConfidenceInputs(hits[0].features), 0.0});
    }
    (void)index.Upsert(a);
  }
  std::vector<Sample> all = samples;
  all.insert(all.end(), absent.begin(), absent.end());
  ConfidenceWeights w = DefaultConfidenceWeights();
  if (fit) {
    w = FitLogistic(all);
    std::printf("fitted confidence weights {");
    for (size_t i = 0; i < w.size(); ++i) std::printf("%s%.4f", i ? ", " : "", w[i]);
    std::printf("}\n");
  }
  PrintCalibration(all, w);
  PrintDecisions(samples, w, "article present:");
  PrintDecisions(absent, w, "article absent:");
  if (!samples_out.empty()) {
    std::ofstream out(samples_out);
    for (const auto& s : samples) out << Json{{"x", s.x}, {"y", s.y}}.dump() << "\n";
    for (const auto& s : absent) {
      out << Json{{"x", s.x}, {"y", s.y}, {"absent", true}}.dump() << "\n";
    }
  }
  return 0;
}

// kb fit SAMPLES.jsonl... : one confidence model for the samples of several
// `kb eval --samples-out` runs (e.g. stackfaq dev and multilingual packs);
// prints the weights, the calibration, and what the bot would do per file.
int Fit(int argc, char** argv) {
  if (argc < 1) return Usage();
  std::vector<std::vector<Sample>> present(argc), absent(argc);
  std::vector<Sample> all;
  for (int i = 0; i < argc; ++i) {
    auto rows = ReadJsonl(argv[i]);
    if (!rows.ok()) {
      std::fprintf(stderr, "%s\n", rows.status().ToString().c_str());
      return 1;
    }
    for (const auto& j : *rows) {
      Sample s{j.at("x").get<std::array<double, kConfidenceFeatures>>(), j.at("y").get<double>()};
      (j.value("absent", false) ? absent : present)[i].push_back(s);
      all.push_back(s);
    }
  }
  ConfidenceWeights w = FitLogistic(all);
  std::printf("fitted confidence weights {");
  for (size_t i = 0; i < w.size(); ++i) std::printf("%s%.4f", i ? ", " : "", w[i]);
  std::printf("}\n");
  PrintCalibration(all, w);
  for (int i = 0; i < argc; ++i) {
    std::printf("%s\n", argv[i]);
    PrintDecisions(present[i], w, "  article present:");
    PrintDecisions(absent[i], w, "  article absent:");
  }
  return 0;
}

// kb search --articles FILE [--services FILE] [--lang L] [--groups a,b] [--staff] TEXT...
int SearchCommand(int argc, char** argv) {
  std::string articles_path, services_path, text;
  SearchQuery q;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--articles") {
      articles_path = next();
    } else if (arg == "--services") {
      services_path = next();
    } else if (arg == "--lang") {
      q.language = next();
    } else if (arg == "--staff") {
      q.staff = true;
    } else if (arg == "--groups") {
      std::stringstream groups(next());
      std::string g;
      while (std::getline(groups, g, ',')) q.user_groups.push_back(g);
    } else {
      q.text += (q.text.empty() ? "" : " ") + arg;
    }
  }
  if (articles_path.empty() || q.text.empty()) return Usage();
  auto rows = ReadJsonl(articles_path);
  if (!rows.ok()) {
    std::fprintf(stderr, "%s\n", rows.status().ToString().c_str());
    return 1;
  }
  std::vector<model::Article> articles;
  for (const auto& j : *rows) articles.push_back(ArticleOf(j));
  auto services = ReadServices(services_path);
  if (!services.ok()) {
    std::fprintf(stderr, "%s\n", services.status().ToString().c_str());
    return 1;
  }
  auto index = CreateTunableIndex({});
  if (!index.ok() || !(*index)->Rebuild(articles, *services).ok()) return 1;
  for (const auto& s : (*index)->SearchScored(q)) {
    const auto& f = s.features;
    std::printf(
        "%-28s conf=%.3f score=%.3f margin=%.3f bm25=%.3f qcov=%.2f tcov=%.2f other=%d\n  %s\n",
        s.hit.article_id.c_str(), s.hit.confidence, f.score, f.margin, f.bm25, f.query_cover,
        f.title_cover, s.hit.other_language ? 1 : 0, s.hit.snippet.c_str());
  }
  return 0;
}

int Render(int argc, char** argv) {
  if (argc < 1) return Usage();
  std::ifstream in(argv[0]);
  if (!in) {
    std::fprintf(stderr, "cannot open %s\n", argv[0]);
    return 1;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  std::fputs(RenderMarkdown(buf.str()).c_str(), stdout);
  return 0;
}

}  // namespace

int KbMain(int argc, char** argv) {
  if (argc < 1) return Usage();
  std::string cmd = argv[0];
  if (cmd == "eval") return Eval(argc - 1, argv + 1);
  if (cmd == "render") return Render(argc - 1, argv + 1);
  if (cmd == "search") return SearchCommand(argc - 1, argv + 1);
  if (cmd == "fit") return Fit(argc - 1, argv + 1);
  return Usage();
}

}  // namespace sa::knowledge
