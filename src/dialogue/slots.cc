#include "dialogue/slots.h"

#include <unicode/uchar.h>
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
    const bool dont_know = HasAny(trimmed, {"know", "idea", "sure", "знаю", "понятия", "知道", "确定"});
    if (field.type == "yes_no" && !trimmed.empty() && !dont_know && nlu.YesNo(answer) < 0) {
      out.ok = true;  // "нет" / "没有" read as skips, but to a yes/no question they are "no"
      out.value = "no";
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
    out.value = yn > 0 ? "yes" : "no";  // a word, as a person (and the ticket's reader) expects
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

namespace {

// "How many boxes?" answered in the request itself: "need 4 boxes of ...".
// Only a number followed by a word of the field's name or prompt counts.
int CountedQuantity(const model::CatalogField& f, const std::string& text) {
  const std::string words = FoldText(f.name + " " + f.prompt);
  static const std::regex kCounted(R"((^|[^\w./:-])(\d{1,4})\s+([^\s\d,.;:!?]{3,}))");
  int found = 0;
  const std::string folded = FoldText(text);
  for (auto it = std::sregex_iterator(folded.begin(), folded.end(), kCounted);
       it != std::sregex_iterator(); ++it) {
    std::string unit = (*it)[3].str();
    // "boxes" names "box"; compare on a stem of at least 3 bytes.
    std::string stem = unit.substr(0, std::max<size_t>(3, unit.size() > 5 ? unit.size() - 2 : unit.size()));
    if (words.find(stem) == std::string::npos) continue;
    if (found != 0) return 0;  // two counts: not clear which
    found = std::stoi((*it)[2].str());
  }
  return found;
}

// A field that asks for a person's name ("What is the new starter's full name?").
bool AsksName(const model::CatalogField& f) {
  const std::string t = Padded(f.name + " " + f.prompt);
  return HasAny(t, {" name", "name ", "_name", "full name", "имя", "фио", "姓名", "名字"});
}

// Capitalized words in a row ("Lucy Adams", "Иван Петров"): person names the
// text gives, other than the organization's own services' names.
std::vector<std::string> PersonNames(const std::string& text, const OrgSnapshot& org) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  std::vector<std::string> out;
  std::vector<std::string> run;
  auto flush = [&] {
    if (run.size() >= 2 && run.size() <= 3) {
      std::string name;
      for (const auto& w : run) name += (name.empty() ? "" : " ") + w;
      bool is_service = false;
      const std::string folded = FoldText(name);
      for (const auto& svc : org.pack.services) {
        for (const auto& n : svc.aliases) is_service |= FoldText(n) == folded;
        is_service |= FoldText(svc.name) == folded;
      }
      if (!is_service) out.push_back(name);
    }
    run.clear();
  };
  int32_t i = 0;
  const int32_t n = u.length();
  while (i < n) {
    while (i < n && !u_isalpha(u.char32At(i))) {
      UChar32 c = u.char32At(i);
      if (c != ' ') flush();  // punctuation ends a name
      i = u.moveIndex32(i, 1);
    }
    int32_t start = i;
    bool upper_first = i < n && u_isupper(u.char32At(i));
    bool rest_lower = true;
    int32_t len = 0;
    while (i < n && u_isalpha(u.char32At(i))) {
      if (len > 0 && !u_islower(u.char32At(i))) rest_lower = false;
      ++len;
      i = u.moveIndex32(i, 1);
    }
    if (len == 0) continue;
    std::string word;
    u.tempSubStringBetween(start, i).toUTF8String(word);
    if (upper_first && rest_lower && len >= 2) {
      run.push_back(word);
    } else {
      flush();
    }
  }
  flush();
  return out;
}

const model::User* UserNamed(const OrgSnapshot& org, const std::string& name) {
  const std::string folded = FoldText(name);
  for (const auto& u : org.pack.users) {
    if (FoldText(u.name) == folded) return &u;
  }
  return nullptr;
}

// "from 7 to 10 December", "7-10 декабря": the two ISO dates, in order; empty
// when the text gives no such range.
std::vector<std::string> DateRange(const std::string& text, const nlu::Engine& nlu,
                                   const nlu::AnalyzeContext& ctx) {
  auto dates = nlu.MatchEntity(text, nlu::kDate, ctx);
  if (dates.size() == 2 && dates[0].value < dates[1].value) return {dates[0].value, dates[1].value};
  static const std::regex kRange(
      R"((\d{1,2})\s*(?:-|–|to|until|till|до|по)\s*(\d{1,2})(\s+[^\s\d,.;:!?]+))");
  std::smatch m;
  if (!std::regex_search(text, m, kRange)) return {};
  auto first = nlu.MatchEntity(m[1].str() + m[3].str(), nlu::kDate, ctx);
  auto last = nlu.MatchEntity(m[2].str() + m[3].str(), nlu::kDate, ctx);
  if (first.size() != 1 || last.size() != 1 || !(first[0].value < last[0].value)) return {};
  return {first[0].value, last[0].value};
}

}  // namespace

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
    } else if (f.type == "number") {
      if (auto n = CountedQuantity(f, text); n > 0) out[f.name] = n;
    } else if ((f.type == "text" || f.type == "user") && AsksName(f)) {
      std::vector<std::string> names = PersonNames(text, org);
      if (names.size() != 1) continue;
      if (f.type == "text") {
        out[f.name] = names.front();
      } else if (const auto* u = UserNamed(org, names.front())) {
        out[f.name] = u->id;
      }
    }
  }
  // "from 7 to 10 December" fills an item's two date fields, in order.
  if (date_fields == 2) {
    std::vector<std::string> range = DateRange(text, nlu, ctx);
    size_t i = 0;
    for (const auto& f : item.fields) {
      if (f.type == "date" && range.size() == 2 && i < 2) out[f.name] = range[i++];
    }
  }
  return out;
}

namespace {

// The field's name (underscores as spaces) and prompt, folded and padded.
std::string FieldWords(const model::CatalogField& field) {
  std::string name = field.name;
  std::replace(name.begin(), name.end(), '_', ' ');
  std::replace(name.begin(), name.end(), '-', ' ');
  return Padded(name + " " + field.prompt);
}

// Lowercase words of an id, name or host ("lt-alice.acme.example" -> lt, alice, acme, example).
std::vector<std::string> Tokens(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : FoldText(text)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (static_cast<unsigned char>(c) >= 0x80)) {
      cur += c;
    } else if (!cur.empty()) {
      out.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// A "why" question (a justification) is never about a profile value, even
// when it names one ("Why do you need a new laptop?").
bool AsksWhy(const std::string& words) {
  return HasAny(words, {" why ", " reason", "justif", " purpose", "what for", "зачем", "почему",
                        "причин", "为什么", "原因", "理由", "用途"});
}

}  // namespace

bool AboutSomeoneElse(const model::CatalogItem& item) {
  for (const auto& f : item.fields) {
    const std::string t = FieldWords(f);
    if (AsksWhy(t)) continue;
    if (HasAny(t, {" they ", " their ", " them ", " he ", " she ", " his ", " her ", " he's ",
                   "new employee", "new starter", "new hire", "newcomer", "colleague", "for whom",
                   " они ", " их ", " его ", " ему ", " ей ", " её ", "сотрудник", "новичк",
                   "коллег", "他", "她", "新员工", "新同事", "同事"})) {
      return true;
    }
  }
  return false;
}

std::string ProfileMeaning(const model::CatalogField& field) {
  const std::string t = FieldWords(field);
  const std::string& type = field.type;
  if (AsksWhy(t)) return "";
  const bool contact = HasAny(t, {"contact", "reach you", "call you", "callback", "call back",
                                  " your ", "requester", "связ", " ваш", "контакт", "您的", "你的",
                                  "联系"});
  if (type == "email") return contact ? "email" : "";
  if (type == "user" || type == "text") {
    if (HasAny(t, {" manager", "approver", "supervisor", " boss", "line manager", "руководител",
                   "начальник", "经理", "主管", "上级", "领导"})) {
      return "manager";
    }
  }
  if (type == "text" || type == "number") {
    if (HasAny(t, {"phone", "telephone", "mobile number", "телефон", "电话", "手机"}) && contact &&
        type == "text") {
      return "phone";
    }
  }
  if (type == "text" || type == "choice") {
    if (HasAny(t, {" location", " site", " office", " building", " branch", " campus", " city",
                   " warehouse", " plant ", " depot", "where ", " deliver", "местоположен",
                   "площадк", "офис", "здани", "филиал", "город", "склад", " где ", "地点",
                   "位置", "办公室", "园区", "城市", "仓库", "哪里", "厂区", "工厂"})) {
      return "location";
    }
  }
  if (type == "text") {
    if (HasAny(t, {"computer", "laptop", "device", "asset", " pc ", "machine", "workstation",
                   "hostname", "компьютер", "ноутбук", "устройств", "电脑", "设备", "笔记本",
                   "主机"})) {
      return "device";
    }
  }
  return "";
}

std::vector<const model::ConfigItem*> OwnConfigItems(const OrgSnapshot& org,
                                                     const model::User& user) {
  std::vector<std::string> marks;
  if (user.id.size() >= 3) marks.push_back(FoldText(user.id));
  const size_t at = user.email.find('@');
  if (at != std::string::npos && at >= 3) marks.push_back(FoldText(user.email.substr(0, at)));
  const std::string full_name = FoldText(user.name);
  std::vector<const model::ConfigItem*> out;
  for (const auto& ci : org.pack.configuration_items) {
    bool own = !full_name.empty() && full_name.find(' ') != std::string::npos &&
               FoldText(ci.name).find(full_name) != std::string::npos;
    std::vector<std::string> words = Tokens(ci.id);
    for (const auto& h : ci.hosts) {
      auto more = Tokens(h.substr(0, h.find('.')));  // the host's own label
      words.insert(words.end(), more.begin(), more.end());
    }
    auto name_words = Tokens(ci.name);
    words.insert(words.end(), name_words.begin(), name_words.end());
    for (const auto& m : marks) {
      // The mark as a word, or a dotted local part ("alice.martin") as its words in a row.
      auto mark_words = Tokens(m);
      if (mark_words.empty()) continue;
      for (size_t i = 0; i + mark_words.size() <= words.size() && !own; ++i) {
        own = std::equal(mark_words.begin(), mark_words.end(), words.begin() + i);
      }
    }
    if (own) out.push_back(&ci);
  }
  return out;
}

Json ProfileFields(const model::CatalogItem& item, const model::User& user,
                   const OrgSnapshot& org) {
  Json out = Json::object();
  if (AboutSomeoneElse(item)) return out;
  const model::User* manager = org.User(user.manager);
  std::vector<const model::ConfigItem*> devices;
  bool devices_read = false;
  for (const auto& f : item.fields) {
    const std::string meaning = ProfileMeaning(f);
    if (meaning.empty()) continue;
    Json value;
    if (meaning == "location" && !user.location.empty()) {
      if (f.type == "choice") {
        int idx = MatchChoice(user.location, f.options);
        if (idx >= 0) value = f.options[static_cast<size_t>(idx)];
      } else {
        value = user.location;
      }
    } else if (meaning == "manager" && manager != nullptr) {
      value = f.type == "user" ? manager->id : manager->name;
    } else if (meaning == "email" && !user.email.empty()) {
      value = FoldId(user.email);
    } else if (meaning == "phone" && !user.phone.empty()) {
      value = user.phone;
    } else if (meaning == "device") {
      if (!devices_read) devices = OwnConfigItems(org, user);
      devices_read = true;
      if (devices.size() == 1) value = devices.front()->id;
    }
    if (!value.is_null()) out[f.name] = value;
  }
  return out;
}

}  // namespace sa::dialogue

namespace sa::dialogue {
namespace {

// ICU lower case when it keeps byte offsets (Latin, Cyrillic); else the text.
std::string LowerSameOffsets(const std::string& text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  u.toLower();
  std::string out;
  u.toUTF8String(out);
  return out.size() == text.size() ? out : text;
}

bool IsAsciiAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Where a self-correction starts ("no sorry", "ой, нет", "说错了"): the end of
// its last marker, or npos. Latin and Cyrillic markers start a word.
size_t CorrectionEnd(const std::string& lower) {
  static const char* kWordMarkers[] = {
      "no sorry", "no, sorry", "sorry,", "oops", "i mean", "i meant", "actually,", "scratch that",
      "my bad", "no wait", "no, wait", "correction:", "ой", "то есть", "вернее", "точнее",
      "я ошиблась", "я ошибся", "ошибся", "ошиблась", "поправка", "извините, не", "простите, не"};
  static const char* kCjkMarkers[] = {"说错了", "不对，", "不对,", "哦不", "噢不", "搞错了",
                                      "我是说", "更正", "其实是"};
  size_t best = std::string::npos;
  auto consider = [&](size_t at, size_t len) {
    if (best == std::string::npos || at + len > best) best = at + len;
  };
  for (const char* m : kWordMarkers) {
    const std::string w = m;
    for (size_t at = lower.find(w); at != std::string::npos; at = lower.find(w, at + 1)) {
      const bool starts = at == 0 || (static_cast<unsigned char>(lower[at - 1]) < 0x80 &&
                                      !IsAsciiAlnum(static_cast<unsigned char>(lower[at - 1])));
      const size_t after = at + w.size();
      // The marker must end a word too ("ой" is not "ойти").
      const bool ends = after >= lower.size() ||
                        (static_cast<unsigned char>(lower[after]) < 0x80 &&
                         !IsAsciiAlnum(static_cast<unsigned char>(lower[after])));
      if (starts && ends) consider(at, w.size());
    }
  }
  for (const char* m : kCjkMarkers) {
    for (size_t at = lower.find(m); at != std::string::npos; at = lower.find(m, at + 1)) {
      consider(at, std::string(m).size());
    }
  }
  return best;
}

// True when the words right before byte `begin` negate what follows: "not
// Outlook", "не почта, а ...", "不是邮件".
bool NegatedAt(const std::string& lower, size_t begin) {
  std::string before = lower.substr(0, begin);
  while (!before.empty() && before.back() == ' ') before.pop_back();
  static const char* kWords[] = {" not", " not the", " not my", " не", " не в", " не с"};
  const std::string padded = " " + before;
  for (const char* w : kWords) {
    const std::string s = w;
    if (padded.size() >= s.size() && padded.compare(padded.size() - s.size(), s.size(), s) == 0)
      return true;
  }
  static const char* kCjk[] = {"不是", "并非"};
  for (const char* w : kCjk) {
    const std::string s = w;
    if (before.size() >= s.size() && before.compare(before.size() - s.size(), s.size(), s) == 0)
      return true;
  }
  return false;
}

bool IsThing(const nlu::Entity& e) { return e.kind == nlu::kService || e.kind == nlu::kConfigItem; }

// Words of a folded text: runs of letters/digits (any script), split on ASCII
// punctuation and spaces.
std::vector<std::string> Words(const std::string& folded) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : folded) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || IsAsciiAlnum(c)) {
      cur += ch;
    } else if (!cur.empty()) {
      out.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// "apps" names "applications", "clinical" names "clinical": a word the user
// wrote stands for a word of a name when equal or, without a plural "s", a
// prefix of it of at least three letters.
bool WordNames(const std::string& said, const std::string& name_word) {
  if (said == name_word) return true;
  std::string stem = said;
  if (stem.size() > 3 && stem.back() == 's') stem.pop_back();
  return stem.size() >= 3 && name_word.compare(0, stem.size(), stem) == 0;
}

}  // namespace

std::vector<nlu::Entity> WithoutRetracted(const std::string& text,
                                          const std::vector<nlu::Entity>& entities) {
  std::vector<std::string> values;
  for (const auto& e : entities) {
    if (IsThing(e) && std::find(values.begin(), values.end(), e.value) == values.end())
      values.push_back(e.value);
  }
  if (values.size() < 2) return entities;
  const std::string lower = LowerSameOffsets(text);
  std::vector<std::string> retracted;
  auto retract = [&](const std::string& v) {
    if (std::find(retracted.begin(), retracted.end(), v) == retracted.end()) retracted.push_back(v);
  };
  for (const auto& e : entities) {
    if (IsThing(e) && e.begin <= lower.size() && NegatedAt(lower, e.begin)) retract(e.value);
  }
  const size_t mark = CorrectionEnd(lower);
  if (mark != std::string::npos) {
    std::vector<std::string> before, after;
    for (const auto& e : entities) {
      if (!IsThing(e)) continue;
      (e.begin < mark ? before : after).push_back(e.value);
    }
    const bool names_new = std::any_of(after.begin(), after.end(), [&](const std::string& v) {
      return std::find(before.begin(), before.end(), v) == before.end();
    });
    if (names_new) {
      for (const auto& v : before) retract(v);
    }
  }
  if (retracted.empty() || retracted.size() >= values.size()) return entities;
  std::vector<nlu::Entity> kept;
  for (const auto& e : entities) {
    if (IsThing(e) && std::find(retracted.begin(), retracted.end(), e.value) != retracted.end())
      continue;
    kept.push_back(e);
  }
  return kept;
}

std::string TeamNamedIn(const OrgSnapshot& org, const std::string& text) {
  static const char* kTeamWords[] = {"team", "desk", "group", "people", "guys", "dept",
                                     "department", "команда", "команды", "команде", "отдел",
                                     "отдела", "группа", "группы"};
  static const char* kFiller[] = {"and", "the", "of", "team", "и"};
  const std::vector<std::string> said = Words(FoldText(text));
  std::string best;
  size_t best_len = 0;
  for (const auto& team : org.pack.teams) {
    std::string id_words = team.id;
    std::replace_if(id_words.begin(), id_words.end(),
                    [](char c) { return c == '-' || c == '_' || c == '.'; }, ' ');
    for (const std::string& phrase : {team.name, id_words}) {
      std::vector<std::string> name;
      for (auto& w : Words(FoldText(phrase))) {
        if (std::none_of(std::begin(kFiller), std::end(kFiller),
                         [&](const char* f) { return w == f; }))
          name.push_back(w);
      }
      if (name.empty() || name.size() > said.size()) continue;
      for (size_t i = 0; i + name.size() <= said.size(); ++i) {
        bool all = true;
        for (size_t k = 0; k < name.size() && all; ++k) all = WordNames(said[i + k], name[k]);
        if (!all) continue;
        // One word ("network", "access") names a team only next to "team"/"отдел".
        const size_t next = i + name.size();
        const bool team_word =
            next < said.size() && std::any_of(std::begin(kTeamWords), std::end(kTeamWords),
                                              [&](const char* w) { return said[next] == w; });
        if (name.size() < 2 && !team_word) continue;
        if (name.size() > best_len) {
          best = team.id;
          best_len = name.size();
        }
      }
    }
  }
  return best;
}

}  // namespace sa::dialogue

namespace sa::dialogue {

bool AsksHowTo(const std::string& text) {
  const std::string t = Padded(text);
  return HasAny(t, {"how do i", "how can i", "how to ", "how should i", "what should i do",
                    "what do i do", "is there a way", "any way to", " как ", "как мне",
                    "как можно", "каким образом", "что делать", "что мне делать", "можно ли",
                    "怎么", "如何", "咋", "有没有办法", "怎样"}) ||
         t.rfind(" как", 0) == 0;
}

bool DescribesFault(const std::string& text) {
  const std::string t = Padded(text);
  return HasAny(t, {"error", "won't", "wont ", "doesn't work", "does not work", "not working",
                    "stopped working", "broken", "crash", "fails", "failed", "out of use",
                    "unreachable", "not responding", "keeps ", "ошибк", "не работает",
                    "не открыва", "не запуска", "не передаёт", "не передает", "сломал",
                    "перестал", "завис", "не включа", "报错", "错误", "坏了", "故障", "打不开",
                    "失败", "不了", "没反应", "死机"});
}

}  // namespace sa::dialogue
