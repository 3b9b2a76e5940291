#include "dialogue/slots.h"

#include <unicode/unistr.h>

#include <algorithm>
#include <regex>

#include "core/ids.h"

namespace sa::dialogue {
namespace {

bool HasAny(const std::string& folded, std::initializer_list<const char*> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](const char* w) { return folded.find(w) != std::string::npos; });
}

// Pads with spaces so " word " finds whole words at the ends too.
std::string Padded(const std::string& text) { return " " + FoldText(text) + " "; }

int CountWords(const std::string& folded) {
  int n = 0;
  bool in = false;
  for (char c : folded) {
    if (c != ' ' && !in) ++n;
    in = c != ' ';
  }
  return n;
}

}  // namespace

std::string Str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string FoldText(const std::string& text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  u.foldCase();
  std::string s;
  u.toUTF8String(s);
  std::string out;
  bool space = true;
  for (char c : s) {
    if (c == '"' || c == '\'' || c == '`') continue;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!space) out += ' ';
      space = true;
    } else {
      out += c;
      space = false;
    }
  }
  while (!out.empty() &&
         (out.back() == ' ' || out.back() == '.' || out.back() == '!' || out.back() == '?')) {
    out.pop_back();
  }
  return out;
}

std::string JoinOptions(const std::vector<std::string>& options) {
  std::string out;
  for (const auto& o : options) {
    if (!out.empty()) out += ", ";
    out += o;
  }
  return out;
}

int MatchChoice(const std::string& answer, const std::vector<std::string>& options) {
  const std::string a = FoldText(answer);
  if (a.empty()) return -1;
  for (size_t i = 0; i < options.size(); ++i) {
    if (FoldText(options[i]) == a) return static_cast<int>(i);
  }
  if (a.size() <= 2 &&
      std::all_of(a.begin(), a.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    size_t n = static_cast<size_t>(std::stoi(a));
    if (n >= 1 && n <= options.size()) return static_cast<int>(n - 1);
  }
  int best = -1;
  size_t best_len = 0;
  bool tie = false;
  for (size_t i = 0; i < options.size(); ++i) {
    const std::string o = FoldText(options[i]);
    if (o.empty()) continue;
    size_t len = 0;
    if (a.find(o) != std::string::npos) {
      len = o.size();
    } else if (a.size() >= 3 && o.find(a) != std::string::npos) {
      len = a.size();
    }
    if (len == 0) continue;
    if (len > best_len) {
      best = static_cast<int>(i);
      best_len = len;
      tie = false;
    } else if (len == best_len) {
      tie = true;
    }
  }
  return tie ? -1 : best;
}

std::string ParseUrgency(const nlu::Engine& nlu, const std::string& answer,
                         const std::vector<std::string>& localized_options,
                         const nlu::AnalyzeContext& ctx) {
  static const char* kLevels[] = {"low", "medium", "high"};
  int idx = MatchChoice(answer, localized_options);
  if (idx < 0) idx = MatchChoice(answer, {"low", "medium", "high"});
  if (idx >= 0 && idx < 3) return kLevels[idx];
  auto found = nlu.MatchEntity(answer, nlu::kUrgency, ctx);
  if (!found.empty()) return found.front().value;
  return "";
}

std::string ParseImpact(const std::string& text) {
  const std::string t = Padded(text);
  if (HasAny(t, {"only me", "just me", " me only", "only for me", "just for me", "только я",
                 "только у меня", "только мне", "只有我", "就我", "仅我"})) {
    return "low";
  }
  if (HasAny(t, {"everyone",
                 "everybody",
                 "whole ",
                 "entire",
                 " all ",
                 "all the ",
                 "all users",
                 "whole team",
                 "production",
                 "line stopped",
                 "shift is blocked",
                 "все ",
                 "всех",
                 " весь ",
                 " вся ",
                 "всей",
                 "линия стоит",
                 "整个",
                 "所有",
                 "大家",
                 "全部",
                 "都"})) {
    return "high";
  }
  if (HasAny(t, {"team", "colleagues", "several", " too ", " too,", "others", "people", "команд",
                 "коллег", "несколько", "отдел", "同事", "团队", "部门", "几个人", "也"})) {
    return "medium";
  }
  return "";
}

bool IsCancel(const std::string& text) {
  const std::string t = Padded(text);
  if (CountWords(FoldText(text)) > 4) return false;
  return HasAny(t, {" cancel", "never mind", "nevermind", "forget it", " stop ", "отмен", "забудь",
                    "не надо", "取消", "算了", "不用了"});
}

bool HasNegation(const std::string& text) {
  const std::string t = Padded(text);
  return HasAny(t, {" not ", "n't", " no ", " no,", "не ", " нет", "不是", "不"});
}

bool MentionsTried(const std::string& text) {
  const std::string t = Padded(text);
  return HasAny(
      t, {"tried", "already", "restarted", "rebooted", "reinstalled", "restarting", "rebooting",
          "уже ", "пробовал", "перезагруж", "переустанов", "已经", "试过", "重启", "重装"});
}

bool IsSkip(const std::string& text) {
  const std::string t = FoldText(text);
  static const char* kSkips[] = {
      "skip",  "i don't know", "i dont know", "don't know", "dont know", "no idea",
      "none",  "n/a",          "-",           "пропустить", "не знаю",   "нет",
      "никак", "跳过",         "我不知道",    "不知道",     "没有",      "无"};
  for (const char* s : kSkips) {
    if (t == s) return true;
  }
  return false;
}

bool ScriptMismatch(const std::string& text, const std::string& language) {
  bool cyr = false, han = false, latin = false;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  for (int32_t i = 0; i < u.length(); ++i) {
    UChar c = u.charAt(i);
    if (c >= 0x0400 && c <= 0x04FF) cyr = true;
    if (c >= 0x4E00 && c <= 0x9FFF) han = true;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) latin = true;
  }
  if (language == "ru") return !cyr;
  if (language == "zh") return !han;
  if (language == "en") return !latin || cyr || han;
  return false;
}

std::string GuessCatalogItem(const OrgSnapshot& org, const std::string& text,
                             const std::string& fine_intent) {
  if (!org.catalog) return "";
  std::string query = text;
  if (fine_intent != "service_request" && nlu::CoarseIntent(fine_intent) == "service_request") {
    std::string words = fine_intent;
    std::replace(words.begin(), words.end(), '_', ' ');
    query += " " + words;
  }
  auto scores = org.catalog->Predict(query, "");
  if (scores.empty()) return "";
  const double second = scores.size() > 1 ? scores[1].score : 0.0;
  if (scores[0].score >= 0.25 && scores[0].score >= 1.3 * second) return scores[0].name;
  return "";
}

FieldAnswer ParseFieldAnswer(const model::CatalogField& field, const std::string& answer,
                             const OrgSnapshot& org, const nlu::Engine& nlu,
                             const nlu::AnalyzeContext& ctx) {
  FieldAnswer out;
  const std::string trimmed = FoldText(answer);
  if (trimmed.empty() || IsSkip(answer)) {
    if (field.type == "yes_no" && !trimmed.empty() && nlu.YesNo(answer) < 0) {
      out.ok = true;
      out.value = false;
      return out;
    }
    out.skipped = true;
    out.error_key = "bad_required";
    return out;
  }
  const std::string& type = field.type;
  if (type == "choice") {
    int idx = MatchChoice(answer, field.options);
    if (idx < 0) {
      out.error_key = "bad_choice";
      return out;
    }
    out.ok = true;
    out.value = field.options[static_cast<size_t>(idx)];
    return out;
  }
  if (type == "yes_no") {
    int yn = nlu.YesNo(answer);
    if (yn == 0) {
      out.error_key = "bad_yes_no";
      return out;
    }
    out.ok = true;
    out.value = yn > 0;
    return out;
  }
  if (type == "date") {
    auto dates = nlu.MatchEntity(answer, nlu::kDate, ctx);
    if (dates.empty()) {
      out.error_key = "bad_date";
      return out;
    }
    out.ok = true;
    out.value = dates.front().value;
    return out;
  }
  if (type == "number") {
    static const std::regex kNumber(R"((-?\d+(?:[.,]\d+)?))");
    std::smatch m;
    if (!std::regex_search(answer, m, kNumber)) {
      out.error_key = "bad_number";
      return out;
    }
    std::string n = m.str(1);
    std::replace(n.begin(), n.end(), ',', '.');
    out.ok = true;
    out.value = n.find('.') == std::string::npos ? Json(std::stoll(n)) : Json(std::stod(n));
    return out;
  }
  if (type == "email") {
    static const std::regex kEmail(R"(([A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}))");
    std::smatch m;
    if (!std::regex_search(answer, m, kEmail)) {
      out.error_key = "bad_email";
      return out;
    }
    out.ok = true;
    out.value = FoldId(m.str(1));
    return out;
  }
  if (type == "user") {
    for (const auto& u : org.pack.users) {
      if (SameId(u.id, trimmed) || (!u.email.empty() && SameId(u.email, trimmed)) ||
          FoldText(u.name) == trimmed) {
        out.ok = true;
        out.value = u.id;
        return out;
      }
    }
    out.error_key = "bad_user";
    return out;
  }
  if (type == "service") {
    auto found = nlu.MatchEntity(answer, nlu::kService, ctx);
    if (found.empty()) {
      out.error_key = "ask_service_retry";
      return out;
    }
    out.ok = true;
    out.value = found.front().value;
    return out;
  }
  out.ok = true;  // text
  out.value = answer;
  return out;
}

Json PrefillFields(const model::CatalogItem& item, const std::string& text, const OrgSnapshot& org,
                   const nlu::Engine& nlu, const nlu::AnalyzeContext& ctx) {
  (void)org;
  Json out = Json::object();
  const std::string t = Padded(text);
  int date_fields = 0;
  for (const auto& f : item.fields) date_fields += f.type == "date";
  for (const auto& f : item.fields) {
    if (f.type == "choice") {
      int hits = 0;
      std::string value;
      for (const auto& option : f.options) {
        std::string o = FoldText(option);
        std::string head = o.substr(0, o.find_first_of(" -("));
        bool named = o.size() >= 3 && t.find(" " + o) != std::string::npos;
        bool head_named = head.size() >= 5 && t.find(" " + head) != std::string::npos;
        if (named || head_named) {
          ++hits;
          value = option;
        }
      }
      if (hits == 1) out[f.name] = value;
    } else if (f.type == "date" && date_fields == 1 && f.required) {
      auto dates = nlu.MatchEntity(text, nlu::kDate, ctx);
      if (dates.size() == 1) out[f.name] = dates.front().value;
    }
  }
  return out;
}

}  // namespace sa::dialogue
