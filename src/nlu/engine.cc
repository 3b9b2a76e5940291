// The NLU Engine: language id, intent (IntentClassifier trained on
// resources/nlu/intents), entities, urgency, sentiment. See nlu.h.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "nlu/dataset.h"
#include "nlu/nlu.h"
#include "nlu/service_memory.h"
#include "nlu/text.h"

namespace sa::nlu {
namespace {

// Below this calibrated probability the IT model says out_of_scope (our
// training data is small and clean, so it is lower than CLINC's).
constexpr double kEngineOosThreshold = 0.30;
constexpr size_t kMaxNameTokens = 5;

struct LexEntry {
  std::string kind, language, value;
  std::vector<std::string> tokens;  // for Latin/Cyrillic phrases
  std::string phrase;               // normalized
  bool han = false;
};

struct VocabName {
  size_t entry = 0;
  std::vector<std::string> stems;  // normalized stems of the name
  std::vector<std::u32string> texts;
  std::string normalized;
  bool han = false;
};

int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

std::string CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%04d-%02u-%02u", static_cast<int>(y), m, d);
  return buf;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

class EngineImpl final : public Engine {
 public:
  EngineImpl(std::unique_ptr<IntentClassifier> clf, Vocabulary vocab, std::vector<LexEntry> lex,
             ServiceMemory services)
      : clf_(std::move(clf)),
        vocab_(std::move(vocab)),
        lex_(std::move(lex)),
        learned_services_(std::move(services)) {
    IndexVocabulary();
  }

  Analysis Analyze(std::string_view text, const AnalyzeContext& ctx) const override {
    Analysis a;
    std::string norm = Normalize(text);
    std::vector<Token> tokens = Tokenize(norm);
    auto [lang, conf] = DetectLanguage(text, ctx.language_hint);
    a.language = lang;
    a.language_confidence = conf;
    if (tokens.empty()) {
      a.intent = "out_of_scope";
      a.coarse_intent = "out_of_scope";
      a.out_of_scope = true;
      return a;
    }
    std::vector<ScoredIntent> scores = clf_->Predict(text, lang);
    for (size_t i = 0; i < scores.size() && i < 5; ++i) {
      ScoredIntent s = scores[i];
      if (s.name == "oos") s.name = "out_of_scope";
      a.top_intents.push_back(s);
    }
    a.intent = a.top_intents[0].name;
    a.confidence = a.top_intents[0].score;
    if (a.intent != "out_of_scope" && a.confidence < kEngineOosThreshold) a.intent = "out_of_scope";
    a.out_of_scope = a.intent == "out_of_scope";
    a.coarse_intent = CoarseIntent(a.intent);

    a.entities = AllEntities(norm, tokens, ctx);
    for (const Entity& e : a.entities) {
      if (e.kind == kUrgency) a.urgency = Rank(e.value) > Rank(a.urgency) ? e.value : a.urgency;
    }
    Sentiment(text, norm, tokens, &a);
    return a;
  }

  std::vector<Entity> MatchEntity(std::string_view text, std::string_view kind,
                                  const AnalyzeContext& ctx) const override {
    std::string norm = Normalize(text);
    std::vector<Token> tokens = Tokenize(norm);
    std::vector<Entity> all = AllEntities(norm, tokens, ctx, /*bare=*/true);
    std::vector<Entity> out;
    for (auto& e : all)
      if (e.kind == kind) out.push_back(std::move(e));
    return out;
  }

  std::pair<std::string, double> DetectLanguage(std::string_view text,
                                                std::string_view hint) const override {
    ScriptCounts c = CountScripts(text);
    const auto& langs = vocab_.languages;
    auto allowed = [&](std::string_view l) {
      return std::find(langs.begin(), langs.end(), l) != langs.end();
    };
    std::string fallback = !hint.empty() && allowed(hint) ? std::string(hint)
                           : langs.empty()                ? "en"
                                                          : langs.front();
    double zh = (c.han + c.kana) * 2.0, ru = c.cyrillic, lat = c.latin;
    double total = zh + ru + lat;
    if (total == 0) return {fallback, 0.0};
    // "ok", "INC-000042", "VPN": too little Latin text to overrule the hint.
    if (zh == 0 && ru == 0 && lat < 4 && !hint.empty()) return {fallback, 0.3};
    std::vector<std::pair<double, std::string>> cands;
    if (allowed("zh")) cands.push_back({zh, "zh"});
    if (allowed("ru")) cands.push_back({ru, "ru"});
    cands.push_back({lat, LatinLanguage(text, fallback)});
    std::sort(cands.begin(), cands.end(), [](auto& x, auto& y) { return x.first > y.first; });
    if (cands[0].first == 0) return {fallback, 0.0};
    return {cands[0].second, cands[0].first / total};
  }

  int YesNo(std::string_view text) const override {
    std::string norm = Normalize(text);
    std::vector<Token> tokens = Tokenize(norm);
    size_t yes = std::string::npos, no = std::string::npos;
    for (const LexEntry& l : lex_) {
      if (l.kind != "yes" && l.kind != "no") continue;
      size_t pos = Find(l, norm, tokens, /*exact=*/true);
      if (pos == std::string::npos) continue;
      size_t& slot = l.kind == "yes" ? yes : no;
      // Prefer longer phrases at the same place ("did not help" over "no").
      slot = std::min(slot, pos);
    }
    if (no != std::string::npos && (yes == std::string::npos || no <= yes)) return -1;
    if (yes != std::string::npos) return 1;
    return 0;
  }

 private:
  static int Rank(const std::string& u) { return u == "high" ? 3 : u == "medium" ? 2 : u == "low" ? 1 : 0; }

  std::string LatinLanguage(std::string_view text, const std::string& fallback) const {
    // Among the org's Latin-script languages, pick by function words.
    static const std::map<std::string, std::set<std::string>> kStop = {
        {"en", {"the", "i", "my", "is", "to", "and", "not", "a", "it", "how", "do", "can", "please", "for", "with", "on", "in", "of", "what", "where", "doesn't", "hi", "thanks"}},
        {"fr", {"le", "la", "les", "je", "mon", "ma", "est", "pas", "et", "un", "une", "comment", "pour", "avec", "dans", "de", "du", "ne", "bonjour", "merci"}},
        {"de", {"der", "die", "das", "ich", "mein", "ist", "nicht", "und", "ein", "eine", "wie", "für", "mit", "im", "zu", "geht", "hallo", "danke"}},
        {"es", {"el", "la", "los", "yo", "mi", "es", "no", "y", "un", "una", "cómo", "para", "con", "en", "de", "funciona", "hola", "gracias"}},
    };
    std::vector<std::string> latin;
    for (const auto& l : vocab_.languages)
      if (l != "ru" && l != "zh" && l != "ja" && l != "ko") latin.push_back(l);
    if (latin.empty()) return fallback == "ru" || fallback == "zh" ? "en" : fallback;
    if (latin.size() == 1) return latin[0];
    std::vector<Token> tokens = nlu::Analyze(text);
    std::string best = std::find(latin.begin(), latin.end(), fallback) != latin.end() ? fallback : latin[0];
    int best_n = 0;
    for (const auto& l : latin) {
      auto it = kStop.find(l);
      if (it == kStop.end()) continue;
      int n = 0;
      for (const Token& t : tokens) n += it->second.count(t.text);
      if (n > best_n) best_n = n, best = l;
    }
    return best;
  }

  void IndexVocabulary() {
    for (size_t i = 0; i < vocab_.entries.size(); ++i) {
      for (const std::string& name : vocab_.entries[i].names) {
        VocabName v;
        v.entry = i;
        v.normalized = Normalize(name);
        std::vector<Token> toks = Tokenize(v.normalized);
        if (toks.empty() || toks.size() > kMaxNameTokens) continue;
        for (const Token& t : toks) {
          v.stems.push_back(t.stem);
          v.texts.push_back(ToU32(t.text));
          v.han |= t.script == Script::kHan;
        }
        names_.push_back(std::move(v));
      }
      for (const std::string& h : vocab_.entries[i].hostnames) hosts_[Normalize(h)] = i;
    }
  }

  // Typos tolerated for a word of this length: none below five letters, where
  // one edit turns a word into another ("plan" / "WLAN", "main" / "mail").
  static int MaxEdits(size_t len) { return len >= 8 ? 2 : len >= 5 ? 1 : 0; }

  // Does message token `t` match name token `stem`/`text` (score or 0)?
  static double TokenMatch(const Token& t, const std::string& stem, const std::u32string& text) {
    if (t.stem == stem || t.text == FromU32(text)) return 1.0;
    std::u32string tt = ToU32(t.text);
    if (t.script == Script::kCyrillic && text.size() >= 4 && tt.size() >= text.size() &&
        tt.compare(0, text.size(), text) == 0 && tt.size() - text.size() <= 3) {
      return 0.95;  // inflected form: аутлуке / аутлука
    }
    int max = MaxEdits(std::min(tt.size(), text.size()));
    // People rarely mistype a word's first letter; a different first letter is
    // a different word ("word" is not "work").
    if (max == 0 || tt.empty() || text.empty() || tt[0] != text[0]) return 0;
    int d = EditDistance(tt, text, max);
    if (d > max) {
      std::u32string ts = ToU32(t.stem), ns = ToU32(stem);
      d = EditDistance(ts, ns, max);
    }
    return d <= max ? 0.9 - 0.1 * d : 0;
  }

  void VocabularyEntities(const std::string& norm, const std::vector<Token>& tokens,
                          std::vector<Entity>* out) const {
    std::vector<bool> used(tokens.size(), false);
    for (const VocabName& v : names_) {
      if (v.han) {
        size_t pos = norm.find(v.normalized);
        if (pos != std::string::npos) {
          const VocabularyEntry& e = vocab_.entries[v.entry];
          out->push_back({e.kind, e.id, v.normalized, 1.0, pos, pos + v.normalized.size()});
        }
        continue;
      }
      size_t n = v.stems.size();
      for (size_t i = 0; i + n <= tokens.size(); ++i) {
        double score = 1.0;
        for (size_t j = 0; j < n && score > 0; ++j) {
          score = std::min(score, TokenMatch(tokens[i + j], v.stems[j], v.texts[j]));
        }
        if (score <= 0) continue;
        const VocabularyEntry& e = vocab_.entries[v.entry];
        size_t b = tokens[i].begin, en = tokens[i + n - 1].end;
        out->push_back({e.kind, e.id, norm.substr(b, en - b), score * (n > 1 ? 1.0 : 0.98), b, en});
      }
    }
  }

  void RegexEntities(const std::string& norm, std::vector<Entity>* out) const {
    static const std::regex kEmailRe(R"([a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,})");
    static const std::regex kIpRe(R"(\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b)");
    static const std::regex kTicketRe(R"(\b(inc|req|chg|prb)[-_ #]?0*(\d{1,9})\b)");
    static const std::regex kHostRe(
        R"(\b(?:[a-z][a-z0-9]*(?:-[a-z0-9]+)+|[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+\.[a-z]{2,})\b)");
    auto each = [&](const std::regex& re, auto&& fn) {
      for (auto it = std::sregex_iterator(norm.begin(), norm.end(), re); it != std::sregex_iterator(); ++it) {
        fn(*it);
      }
    };
    std::vector<std::pair<size_t, size_t>> taken;
    auto overlaps = [&](size_t b, size_t e) {
      for (auto [tb, te] : taken)
        if (b < te && tb < e) return true;
      return false;
    };
    each(kEmailRe, [&](const std::smatch& m) {
      size_t b = m.position(0), e = b + m.length(0);
      out->push_back({kEmail, m.str(0), m.str(0), 1.0, b, e});
      taken.push_back({b, e});
    });
    each(kTicketRe, [&](const std::smatch& m) {
      size_t b = m.position(0), e = b + m.length(0);
      if (overlaps(b, e)) return;
      std::string prefix = m.str(1), num = m.str(2);
      for (char& c : prefix) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (num.size() < 6) num = std::string(6 - num.size(), '0') + num;
      out->push_back({kTicketId, prefix + "-" + num, m.str(0), 1.0, b, e});
      taken.push_back({b, e});
    });
    each(kIpRe, [&](const std::smatch& m) {
      size_t b = m.position(0), e = b + m.length(0);
      if (overlaps(b, e)) return;
      out->push_back({kIp, m.str(0), m.str(0), 1.0, b, e});
      taken.push_back({b, e});
    });
    each(kHostRe, [&](const std::smatch& m) {
      size_t b = m.position(0), e = b + m.length(0);
      if (overlaps(b, e)) return;
      std::string h = m.str(0);
      bool has_digit = std::any_of(h.begin(), h.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
      bool fqdn = h.find('.') != std::string::npos;
      auto known = hosts_.find(h);
      if (known == hosts_.end() && !has_digit && !fqdn) return;  // "wi-fi", "e-mail"
      out->push_back({kHostname, h, h, 1.0, b, e});
      if (known != hosts_.end()) {
        const VocabularyEntry& ve = vocab_.entries[known->second];
        out->push_back({ve.kind, ve.id, h, 1.0, b, e});
      }
      taken.push_back({b, e});
    });
  }

  // Position of a lexicon phrase in the message, or npos.
  static size_t Find(const LexEntry& l, const std::string& norm, const std::vector<Token>& tokens,
                     bool exact) {
    if (l.han) return norm.find(l.phrase);
    size_t n = l.tokens.size();
    if (n == 0) return std::string::npos;
    for (size_t i = 0; i + n <= tokens.size(); ++i) {
      bool ok = true;
      for (size_t j = 0; j < n && ok; ++j) {
        const std::string& t = tokens[i + j].text;
        const std::string& p = l.tokens[j];
        ok = (exact || p.size() <= 3) ? t == p : StartsWith(t, p);
      }
      if (ok) return tokens[i].begin;
    }
    return std::string::npos;
  }

  void LexiconEntities(const std::string& norm, const std::vector<Token>& tokens, bool bare,
                       std::vector<Entity>* out) const {
    for (const LexEntry& l : lex_) {
      if (l.kind != "urgency") continue;
      // Bare level words ("high", "高") count only when answering "how urgent?".
      bool level_word = l.phrase == "high" || l.phrase == "medium" || l.phrase == "normal" ||
                        l.phrase == "low" || l.phrase == "高" || l.phrase == "中" ||
                        l.phrase == "低" || l.phrase == "высок" || l.phrase == "средн" ||
                        l.phrase == "низк" || l.phrase == "today" || l.phrase == "сегодня" ||
                        l.phrase == "今天";
      if (level_word && !bare) continue;
      size_t pos = Find(l, norm, tokens, false);
      if (pos == std::string::npos) continue;
      out->push_back({kUrgency, l.value, l.phrase, 1.0, pos, pos + l.phrase.size()});
    }
  }

  void DateEntities(const std::string& norm, const std::vector<Token>& tokens,
                    const AnalyzeContext& ctx, std::vector<Entity>* out) const {
    auto local = ToLocal(ctx.now, ctx.timezone.empty() ? "UTC" : ctx.timezone);
    if (!local.ok()) local = ToLocal(ctx.now, "UTC");
    if (!local.ok()) return;
    const int64_t today = DaysFromCivil(local->year, local->month, local->day);
    const int wd = local->weekday;  // 0 = Monday
    auto add = [&](int64_t day, size_t b, size_t e) {
      out->push_back({kDate, CivilFromDays(day), norm.substr(b, e - b), 1.0, b, e});
    };
    auto next_weekday = [&](int target) {
      int delta = (target - wd + 7) % 7;
      if (delta == 0) delta = 7;
      return today + delta;
    };
    // Relative words.
    static const std::vector<std::pair<std::string, int>> kRel = {
        {"day after tomorrow", 2}, {"tomorrow", 1}, {"tomorow", 1}, {"tommorow", 1},
        {"today", 0}, {"yesterday", -1}, {"послезавтра", 2}, {"завтра", 1},
        {"сегодня", 0}, {"вчера", -1}, {"后天", 2}, {"明天", 1}, {"今天", 0}, {"昨天", -1}};
    std::vector<std::pair<size_t, size_t>> taken;
    for (const auto& [w, d] : kRel) {
      size_t pos = norm.find(w);
      if (pos == std::string::npos) continue;
      bool inside = false;
      for (auto [b, e] : taken) inside |= pos >= b && pos < e;
      if (inside) continue;
      // Whole word for Latin/Cyrillic: "today" not inside "todays"? accept prefixes.
      taken.push_back({pos, pos + w.size()});
      add(today + d, pos, pos + w.size());
    }
    // Weekdays.
    static const std::vector<std::pair<std::string, int>> kDays = {
        {"monday", 0}, {"tuesday", 1}, {"wednesday", 2}, {"thursday", 3}, {"friday", 4},
        {"saturday", 5}, {"sunday", 6}, {"понедельник", 0}, {"вторник", 1}, {"сред", 2},
        {"четверг", 3}, {"пятниц", 4}, {"суббот", 5}, {"воскресен", 6}};
    for (const Token& t : tokens) {
      for (const auto& [w, d] : kDays) {
        if (StartsWith(t.text, w)) add(next_weekday(d), t.begin, t.end);
      }
    }
    static const std::regex kZhWeek("(下)?(周|星期|礼拜)([一二三四五六日天])");
    static const std::string kZhDays = "一二三四五六日天";
    for (auto it = std::sregex_iterator(norm.begin(), norm.end(), kZhWeek); it != std::sregex_iterator(); ++it) {
      std::string d = (*it).str(3);
      int idx = static_cast<int>(kZhDays.find(d) / 3);
      if (idx == 7) idx = 6;
      int64_t day = next_weekday(idx);
      if ((*it)[1].matched && day - today < 7 && idx >= wd) day += 7;
      add(day, it->position(0), it->position(0) + it->length(0));
    }
    // Absolute dates.
    static const std::regex kIso(R"(\b(\d{4})-(\d{1,2})-(\d{1,2})\b)");
    static const std::regex kDmy(R"(\b(\d{1,2})[./](\d{1,2})(?:[./](\d{2,4}))?\b)");
    static const std::regex kZhDate(R"((\d{1,2})月(\d{1,2})[日号])");
    auto valid = [](int y, int m, int d) { return m >= 1 && m <= 12 && d >= 1 && d <= 31 && y > 1900; };
    for (auto it = std::sregex_iterator(norm.begin(), norm.end(), kIso); it != std::sregex_iterator(); ++it) {
      int y = std::stoi((*it).str(1)), m = std::stoi((*it).str(2)), d = std::stoi((*it).str(3));
      if (valid(y, m, d)) add(DaysFromCivil(y, m, d), it->position(0), it->position(0) + it->length(0));
    }
    for (auto it = std::sregex_iterator(norm.begin(), norm.end(), kDmy); it != std::sregex_iterator(); ++it) {
      size_t b = it->position(0);
      if (b > 0 && (std::isdigit(static_cast<unsigned char>(norm[b - 1])) || norm[b - 1] == '.')) continue;
      int d = std::stoi((*it).str(1)), m = std::stoi((*it).str(2));
      int y = (*it)[3].matched ? std::stoi((*it).str(3)) : local->year;
      if (y < 100) y += 2000;
      if (valid(y, m, d)) add(DaysFromCivil(y, m, d), b, b + it->length(0));
    }
    for (auto it = std::sregex_iterator(norm.begin(), norm.end(), kZhDate); it != std::sregex_iterator(); ++it) {
      int m = std::stoi((*it).str(1)), d = std::stoi((*it).str(2));
      int y = local->year;
      if (DaysFromCivil(y, m, d) < today) ++y;
      if (valid(y, m, d)) add(DaysFromCivil(y, m, d), it->position(0), it->position(0) + it->length(0));
    }
    // English / Russian month names: "25 december", "december 25", "25 декабря".
    static const std::vector<std::string> kMonths = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    static const std::vector<std::string> kMonthsRu = {"январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"};
    for (size_t i = 0; i < tokens.size(); ++i) {
      int month = -1;
      for (int m = 0; m < 12 && month < 0; ++m) {
        const std::string& t = tokens[i].text;
        if (tokens[i].script == Script::kLatin && t.size() >= 3 && StartsWith(t, kMonths[m]) && (t != "may" || i > 0)) month = m + 1;
        if (tokens[i].script == Script::kCyrillic && StartsWith(t, kMonthsRu[m]) && (m != 4 || t == "мая" || t == "май")) month = m + 1;
      }
      if (month < 0) continue;
      const Token* num = nullptr;
      if (i > 0 && tokens[i - 1].script == Script::kDigit) num = &tokens[i - 1];
      else if (i + 1 < tokens.size() && tokens[i + 1].script == Script::kDigit) num = &tokens[i + 1];
      if (!num || num->text.size() > 2) continue;
      int d = std::stoi(num->text), y = local->year;
      if (!valid(y, month, d)) continue;
      if (DaysFromCivil(y, month, d) < today - 30) ++y;
      size_t b = std::min(num->begin, tokens[i].begin), e = std::max(num->end, tokens[i].end);
      add(DaysFromCivil(y, month, d), b, e);
    }
    // "in 3 days" / "через 3 дня" / "3天后".
    static const std::regex kIn(R"((?:in|через) (\d{1,3}) (?:days?|дн|день))");
    static const std::regex kZhIn(R"((\d{1,3})天后)");
    for (const std::regex* re : {&kIn, &kZhIn}) {
      for (auto it = std::sregex_iterator(norm.begin(), norm.end(), *re); it != std::sregex_iterator(); ++it) {
        add(today + std::stoi((*it).str(1)), it->position(0), it->position(0) + it->length(0));
      }
    }
  }

  // A service taught by agents' corrections, when no service is named.
  void LearnedServiceEntity(const std::string& norm, std::vector<Entity>* out) const {
    if (learned_services_.size() == 0) return;
    for (const Entity& e : *out)
      if (e.kind == kService) return;
    std::optional<ServiceMemory::Hit> hit = learned_services_.Match(norm);
    if (!hit) return;
    size_t b = norm.find_first_not_of(" \t\n");
    size_t e = norm.find_last_not_of(" \t\n") + 1;
    out->push_back({kService, hit->service, norm.substr(b, e - b), 0.9 * hit->similarity, b, e});
  }

  std::vector<Entity> AllEntities(const std::string& norm, const std::vector<Token>& tokens,
                                  const AnalyzeContext& ctx, bool bare = false) const {
    std::vector<Entity> out;
    RegexEntities(norm, &out);
    VocabularyEntities(norm, tokens, &out);
    LearnedServiceEntity(norm, &out);
    DateEntities(norm, tokens, ctx, &out);
    LexiconEntities(norm, tokens, bare, &out);
    std::stable_sort(out.begin(), out.end(), [](const Entity& a, const Entity& b) {
      return a.begin != b.begin ? a.begin < b.begin : a.score > b.score;
    });
    // Drop duplicates (same kind+value) and shorter overlapping vocabulary hits.
    std::vector<Entity> dedup;
    for (auto& e : out) {
      bool dup = false;
      for (auto& d : dedup) {
        if (d.kind == e.kind && d.value == e.value) {
          dup = true;
          d.score = std::max(d.score, e.score);
        }
      }
      if (!dup) dedup.push_back(std::move(e));
    }
    return dedup;
  }

  void Sentiment(std::string_view raw, const std::string& norm, const std::vector<Token>& tokens,
                 Analysis* a) const {
    double pos = 0, neg = 0, cues = 0;
    for (const LexEntry& l : lex_) {
      if (l.kind != "sentiment" && l.kind != "frustration") continue;
      if (Find(l, norm, tokens, false) == std::string::npos) continue;
      double v = std::stod(l.value);
      if (l.kind == "frustration") cues += v;
      else if (v > 0) pos += v;
      else neg -= v;
    }
    // Negated positives ("not good", "не помогло") count as negative.
    for (size_t i = 0; i + 1 < tokens.size(); ++i) {
      const std::string& t = tokens[i].text;
      if (t == "not" || t == "не" || t == "no" || t == "没" || t == "不") {
        neg += 0.15;
      }
    }
    int excl = 0, upper = 0, letters = 0;
    for (char c : raw) {
      excl += c == '!';
      if (std::isalpha(static_cast<unsigned char>(c))) {
        ++letters;
        upper += std::isupper(static_cast<unsigned char>(c)) != 0;
      }
    }
    excl += static_cast<int>(std::count(norm.begin(), norm.end(), '!')) - excl;  // fullwidth ！ -> ! by NFKC
    if (excl >= 3) cues += 0.3;
    else if (excl >= 1) cues += 0.1;
    if (letters >= 8 && upper * 10 >= letters * 6) cues += 0.35;
    a->sentiment = std::tanh(pos - neg - 0.3 * cues);
    a->frustration = std::clamp(0.6 * neg + cues, 0.0, 1.0);
  }

  std::unique_ptr<IntentClassifier> clf_;
  Vocabulary vocab_;
  std::vector<LexEntry> lex_;
  std::vector<VocabName> names_;
  std::map<std::string, size_t> hosts_;
  ServiceMemory learned_services_;
};

Result<std::vector<LexEntry>> LoadLexicon(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFound("cannot open " + path);
  std::vector<LexEntry> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string part;
    while (std::getline(ss, part, '\t')) f.push_back(part);
    if (f.size() < 3) continue;
    LexEntry e;
    e.kind = f[0];
    e.language = f[1];
    e.phrase = Normalize(f[2]);
    e.value = f.size() > 3 ? f[3] : "";
    for (const Token& t : Tokenize(e.phrase)) {
      e.tokens.push_back(t.text);
      e.han |= t.script == Script::kHan;
    }
    if (e.tokens.empty()) e.han = true;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

std::string TrainingHash(const std::vector<Example>& examples) {
  // v2: features stored with the model (pairs of stems).
  uint64_t h = Hash64("v2");
  for (const auto& e : examples) h = Hash64(e.text + "\t" + e.intent + "\n", h);
  char buf[20];
  std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

Result<std::vector<Example>> ReadBuiltinExamples(const std::string& resource_dir) {
  std::vector<Example> examples;
  for (const char* lang : {"en", "ru", "zh"}) {
    std::string path = resource_dir + "/intents/" + lang + ".tsv";
    SA_ASSIGN_OR_RETURN(std::vector<Example> ex, ReadExamples(path, "tsv"));
    for (auto& e : ex) e.language = lang;
    examples.insert(examples.end(), ex.begin(), ex.end());
  }
  for (auto& e : examples)
    if (e.intent == "out_of_scope") e.intent = "oos";
  return examples;
}

Result<std::unique_ptr<IntentClassifier>> TrainEngineModel(const std::vector<Example>& examples) {
  std::vector<Example> renamed = examples;
  for (auto& e : renamed)
    if (e.intent == "out_of_scope") e.intent = "oos";
  ClassifierOptions co;
  co.oos_label = "oos";
  return IntentClassifier::Train(renamed, co);
}

std::string EngineIntent(const IntentClassifier& clf, std::string_view text) {
  std::vector<ScoredIntent> p = clf.Predict(text, "");
  if (p.empty() || p[0].name == "oos" || p[0].score < kEngineOosThreshold) return "out_of_scope";
  return p[0].name;
}

const Entity* Analysis::Find(std::string_view kind) const {
  for (const Entity& e : entities)
    if (e.kind == kind) return &e;
  return nullptr;
}

Result<std::unique_ptr<Engine>> Engine::Create(const EngineOptions& options,
                                               const Vocabulary& vocabulary) {
  SA_ASSIGN_OR_RETURN(std::vector<Example> examples, ReadBuiltinExamples(options.resource_dir));
  examples.insert(examples.end(), options.extra_examples.begin(), options.extra_examples.end());
  for (auto& e : examples)
    if (e.intent == "out_of_scope") e.intent = "oos";
  SA_ASSIGN_OR_RETURN(std::vector<LexEntry> lex, LoadLexicon(options.resource_dir + "/lexicon.tsv"));

  std::unique_ptr<IntentClassifier> clf;
  if (!options.model_file.empty()) {
    SA_ASSIGN_OR_RETURN(clf, IntentClassifier::Load(options.model_file));
  }
  std::string hash = TrainingHash(examples);
  if (!clf && !options.model_cache.empty()) {
    std::ifstream hin(options.model_cache + ".hash");
    std::string saved;
    if (hin && std::getline(hin, saved) && saved == hash) {
      auto loaded = IntentClassifier::Load(options.model_cache);
      if (loaded.ok()) clf = std::move(*loaded);
    }
  }
  if (!clf) {
    SA_ASSIGN_OR_RETURN(clf, TrainEngineModel(examples));
    if (!options.model_cache.empty() && clf->Save(options.model_cache).ok()) {
      std::ofstream hout(options.model_cache + ".hash", std::ios::trunc);
      hout << hash << "\n";
    }
  }
  std::vector<Example> service_examples;
  for (const Example& e : vocabulary.service_examples) {
    bool known = std::any_of(vocabulary.entries.begin(), vocabulary.entries.end(),
                             [&](const VocabularyEntry& v) {
                               return v.kind == kService && v.id == e.intent;
                             });
    if (known) service_examples.push_back(e);
  }
  ServiceMemory services = ServiceMemory::Build(service_examples, examples);
  return std::unique_ptr<Engine>(std::make_unique<EngineImpl>(std::move(clf), vocabulary,
                                                              std::move(lex), std::move(services)));
}

}  // namespace sa::nlu
