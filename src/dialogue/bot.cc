#include "dialogue/bot.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "core/ids.h"
#include "dialogue/learning.h"
#include "dialogue/slots.h"
#include "itsm/audit.h"
#include "routing/business_hours.h"

namespace sa::dialogue {
namespace {

constexpr double kIntentMin = 0.35;               // below: not understood
constexpr double kInterruptMin = 0.7;             // an intent strong enough to leave a slot
constexpr double kAngry = 0.7;                    // frustration that hands over at once
constexpr double kIncidentArticleMin = 0.65;      // an article good enough to try before a ticket
constexpr double kNamedServiceArticleMin = 0.01;  // see OfferArticle
constexpr double kHowToWordsMin = 0.15;           // see OfferArticle
constexpr int kMaxBadAnswers = 2;
constexpr double kProblemMass = 0.25;  // incident intents' share that makes a report a problem
constexpr int kMaxArticles = 2;
constexpr int kOutageHorizonDays = 14;        // proactive notices
constexpr int kAskedOutageHorizonDays = 120;  // when the user asks about a service

int WordCount(const std::string& text) {
  int words = 0;
  bool in_word = false;
  for (unsigned char c : text) {
    bool space = c == ' ' || c == '\t' || c == '\n';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  // Chinese has no spaces: count every 2 bytes of CJK as a word, roughly.
  int high = static_cast<int>(
      std::count_if(text.begin(), text.end(), [](unsigned char c) { return c >= 0xE0; }));
  return std::max(words, high / 2);
}

// True when a message that names a catalog item reads as much as a question
// or a problem report ("my new badge is refused at the ward PC, how do I get it
// working?"): the runner-up intents are how-to or incident and come close.
bool ReadsAsProblem(const nlu::Analysis& a, const std::string& fine, std::string* alt_flow) {
  double request_score = 0;
  for (const auto& c : a.top_intents) {
    if (nlu::CoarseIntent(c.name) == "service_request") request_score = std::max(request_score, c.score);
  }
  if (nlu::CoarseIntent(fine) != "service_request") request_score = 0;
  for (const auto& c : a.top_intents) {
    const std::string coarse = nlu::CoarseIntent(c.name);
    if (coarse != "how_to" && coarse != "incident") continue;
    if (c.score >= 0.5 * request_score && c.score >= 0.15) {
      *alt_flow = coarse == "how_to" ? "how_to" : "incident";
      return true;
    }
  }
  return false;
}

// True when the message asks how to do something ("how do I", "как мне", "怎么").
bool AsksHow(const std::string& text) {
  const std::string t = " " + FoldText(text) + " ";
  static const char* kCues[] = {" how do ", " how can ", " how to ", " how should ", " how i ",
                                "как мне", "как сделать", "как настроить", "как починить",
                                "что делать", "怎么", "如何", "咋"};
  return std::any_of(std::begin(kCues), std::end(kCues),
                     [&](const char* c) { return t.find(c) != std::string::npos; });
}

// True when "team" (or its ru/zh word) stands right before or after the span.
bool HasTeamWord(const std::string& folded, size_t at, size_t len) {
  const size_t from = at >= 12 ? at - 12 : 0;
  const std::string around = folded.substr(from, (at - from) + len + 16);
  return around.find("team") != std::string::npos || around.find("команд") != std::string::npos ||
         around.find("团队") != std::string::npos || around.find("组") != std::string::npos;
}

// A message that is more than a greeting or a goodbye: a question of some
// length ("...有没有办法自己先弄一下？", "any way to fix it myself?") or a long one.
bool CarriesRequest(const std::string& text) {
  const int words = WordCount(text);
  const bool question = text.find('?') != std::string::npos ||
                        text.find("\xEF\xBC\x9F") != std::string::npos;  // full-width "？"
  return words >= 10 || (question && words >= 4);
}

// "needed_by" -> "needed by": a field's name as a label.
std::string HumanFieldName(const model::CatalogField& f) {
  std::string name = f.name;
  std::replace(name.begin(), name.end(), '_', ' ');
  return name;
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find_if(v.begin(), v.end(), [&](const std::string& x) { return SameId(x, s); }) !=
         v.end();
}

}  // namespace

Bot::Bot(const EngineDeps& deps, automation::CodeIssuer& codes, TurnInput input)
    : deps_(deps),
      codes_(codes),
      in_(input),
      org_(*input.org),
      user_(*input.user),
      state_(input.conversation->state),
      ctx_(input.conversation->state["ctx"]) {
  if (!ctx_.is_object()) ctx_ = Json::object();
  lang_ = Str(state_, "language");
  if (lang_.empty()) lang_ = user_.language.empty() ? org_.DefaultLanguage() : user_.language;
  state_["language"] = lang_;
  if (!state_.contains("slots") || !state_["slots"].is_object()) state_["slots"] = Json::object();
}

// ------------------------------------------------------------------ helpers

std::string Bot::Say(const std::string& key, const Params& params) const {
  return deps_.messages->Say(lang_, key, params);
}

void Bot::Text(const std::string& text) {
  Json r = {{"kind", "text"}, {"text", text}};
  replies_.push_back(r);
  redacted_.push_back(r);
}

void Bot::Expect(const std::string& slot, const std::string& type,
                 const std::vector<std::string>& options) {
  Json e = {{"slot", slot}, {"type", type}};
  if (!options.empty()) {
    e["options"] = options;
    // The question just asked becomes a choices reply, so channels can show buttons.
    if (!replies_.empty() && replies_.back().value("kind", "") == "text") {
      replies_.back()["kind"] = "choices";
      replies_.back()["options"] = options;
      redacted_.back() = replies_.back();
    }
  }
  state_["expecting"] = e;
  state_["status"] = "awaiting_user";
}

void Bot::ClearExpect() { state_["expecting"] = nullptr; }

bool Bot::Retry(const std::string& slot) {
  int n = ctx_.value("bad", Json::object()).value(slot, 0) + 1;
  ctx_["bad"][slot] = n;
  return n < kMaxBadAnswers;
}

std::string Bot::TeamName(const std::string& team_id) const {
  const auto* t = org_.Team(team_id);
  return t ? t->name : team_id;
}

std::string Bot::ServiceName(const std::string& service_id) const {
  const auto* s = org_.Service(service_id);
  return s ? s->name : service_id;
}

std::string Bot::HumanTime(TimePoint t) const {
  return FormatLocalHuman(t, org_.pack.organization.timezone, lang_);
}

std::string Bot::Eta(const std::string& team_id) const {
  const auto* team = org_.Team(team_id);
  if (team == nullptr) return "";
  const auto& hours = routing::HoursOf(org_.pack.organization, *team);
  if (routing::IsOpen(hours, org_.pack.organization, in_.now)) return Say("eta_open");
  auto next = routing::NextOpening(hours, org_.pack.organization, in_.now);
  if (!next) return "";
  return Say("eta_closed", {{"when", HumanTime(*next)}});
}

std::vector<std::string> Bot::UrgencyOptions() const {
  return {Say("urgency_low"), Say("urgency_medium"), Say("urgency_high")};
}

itsm::Actor Bot::BotActor() const {
  itsm::Actor a;
  a.id = "bot";
  a.role = itsm::Role::kIntegration;
  a.channel = in_.conversation->channel;
  a.on_behalf_of = user_.id;
  return a;
}

nlu::AnalyzeContext Bot::AnalyzeCtx() const {
  nlu::AnalyzeContext c;
  c.language_hint = lang_;
  c.now = in_.now;
  c.timezone = org_.pack.organization.timezone;
  return c;
}

void Bot::Audit(const std::string& entity, const std::string& entity_id, const std::string& action,
                Json changes, const std::string& reason) {
  model::Event e;
  e.actor = "bot";
  e.channel = in_.conversation->channel;
  e.entity = entity;
  e.entity_id = entity_id;
  e.action = action;
  e.changes = std::move(changes);
  e.reason = reason;
  // The audit log is best effort here: a failure must not lose the user's turn.
  (void)deps_.store->Transact(
      [&](store::Tx& tx) { return itsm::RecordEvent(tx, *deps_.clock, e); });
}

std::string Bot::ConversationText() const {
  std::string out = Str(ctx_, "first");
  for (const auto& d : ctx_.value("details", Json::array())) {
    if (d.is_string()) out += "\n" + d.get<std::string>();
  }
  return out;
}

// A question that found no answer becomes a request for a person, unless the
// message read as much as a problem report ("pumps show 'communication error'"):
// then it is an incident, with its urgency and impact.
bool Bot::ReadsAsIncident() const { return ctx_.value("incident_mass", 0.0) >= kProblemMass; }

// The team the user names when asking for a person ("someone from clinical
// apps", "the network team"), or "".
std::string Bot::NamedTeam(const std::string& text) const {
  std::string t = " " + FoldText(text) + " ";
  for (char& c : t) {
    if (c == '?' || c == '!' || c == ',' || c == '.' || c == ';' || c == ':') c = ' ';
  }
  for (const auto& team : org_.pack.teams) {
    const std::string name = FoldText(team.name);
    if (name.size() >= 4 && t.find(" " + name) != std::string::npos &&
        (name.find(' ') != std::string::npos ||
         HasTeamWord(t, t.find(" " + name), name.size()))) {
      return team.id;
    }
    std::string id = FoldText(team.id);
    std::replace(id.begin(), id.end(), '-', ' ');
    std::replace(id.begin(), id.end(), '_', ' ');
    if (id.find(' ') != std::string::npos && t.find(" " + id + " ") != std::string::npos) {
      return team.id;
    }
    if (id.find(' ') == std::string::npos && id.size() >= 3 &&
        t.find(" " + id + " ") != std::string::npos &&
        HasTeamWord(t, t.find(" " + id + " "), id.size())) {
      return team.id;
    }
  }
  return "";
}

// ------------------------------------------------------------------ entry points

void Bot::Greet() {
  std::string first = user_.name.substr(0, user_.name.find(' '));
  Text(Say("greeting", {{"name", first}, {"org", org_.pack.organization.name}}));
  state_["status"] = "active";
  Expect("description", "text");
}

void Bot::Handle(const std::string& text) {
  last_text_ = text;
  nlu::Analysis a = org_.nlu->Analyze(text, AnalyzeCtx());
  a.entities = WithoutRetracted(text, a.entities);  // "not Outlook", "ой, нет, ..."
  ChooseLanguage(text, a);
  const Json expecting = state_.value("expecting", Json());
  if (expecting.is_object()) {
    if (Interrupt(text, a)) return;
    HandleSlot(text, a);
    return;
  }
  Qualify(text, a);
}

void Bot::ChooseLanguage(const std::string& text, const nlu::Analysis& a) {
  const bool answering = state_.value("expecting", Json()).is_object();
  const int words = WordCount(text);
  // An answer in Latin letters to a question asked in Russian or Chinese is
  // most often a name (of software, a printer, a person), not a switch to English.
  const bool latin_name = a.language == "en" && lang_ != "en" && words < 8;
  const bool short_answer = answering && (words < 3 || latin_name);
  if (a.language.empty() || short_answer || a.language_confidence < 0.6) return;
  if (!deps_.messages->Has(a.language)) return;
  lang_ = a.language;
  state_["language"] = lang_;
}

// ------------------------------------------------------------------ qualify

void Bot::TakeEntities(const nlu::Analysis& a) {
  for (const auto& e : a.entities) {
    if (e.kind == nlu::kService) {
      Json services = ctx_.value("services", Json::array());
      if (std::find(services.begin(), services.end(), Json(e.value)) == services.end()) {
        services.push_back(e.value);
        ctx_["services"] = services;
      }
    }
    if (e.kind == nlu::kService && Str(state_, "service").empty()) {
      state_["service"] = e.value;
      ctx_["service_evidence"] = "named '" + e.text + "'";
    } else if (e.kind == nlu::kConfigItem && Str(ctx_, "config_item").empty()) {
      ctx_["config_item"] = e.value;
    } else if (e.kind == nlu::kUrgency && Str(ctx_, "urgency").empty()) {
      ctx_["urgency"] = e.value;
    } else if (e.kind == nlu::kTicketId && Str(ctx_, "ticket_ref").empty()) {
      ctx_["ticket_ref"] = e.value;
    }
  }
  if (Str(ctx_, "urgency").empty() && !a.urgency.empty()) ctx_["urgency"] = a.urgency;
  // A configuration item names its service when one service depends on it.
  if (Str(state_, "service").empty() && !Str(ctx_, "config_item").empty()) {
    for (const auto& s : org_.pack.services) {
      if (Contains(s.depends_on, Str(ctx_, "config_item"))) {
        state_["service"] = s.id;
        ctx_["service_evidence"] = "configuration item " + Str(ctx_, "config_item");
        break;
      }
    }
  }
}

// The intent to act on. The classifier's best guess is overruled where acting
// on a wrong guess would be costly and the message says otherwise: an action on
// "my ticket" needs a ticket or a clear intent; a complaint is an incident
// unless the user is upset; a message naming one of the organization's
// services or catalog items is about IT even when the wording is unusual.
std::string Bot::EffectiveIntent(const std::string& text, const nlu::Analysis& a) const {
  const bool names_ticket = a.Find(nlu::kTicketId) != nullptr;
  const bool names_service =
      a.Find(nlu::kService) != nullptr || a.Find(nlu::kConfigItem) != nullptr;
  const bool names_item = a.Find(nlu::kCatalogItem) != nullptr;
  // A greeting or a goodbye never ends a message that carries a real request:
  // one naming a service or an item, asking a question, or simply long.
  const bool carries_request = names_service || names_item || CarriesRequest(text);
  std::vector<nlu::ScoredIntent> candidates = a.top_intents;
  if (candidates.empty() || candidates.front().name != a.intent) {
    candidates.insert(candidates.begin(), {a.intent, a.confidence});
  }
  bool social_skipped = false;
  bool skipped_closing = false;
  for (const auto& c : candidates) {
    const std::string coarse = nlu::CoarseIntent(c.name);
    if (c.name == "cancel_ticket" || c.name == "add_info" || c.name == "hurry_ticket") {
      if (names_ticket || c.score >= 0.75) return c.name;
      continue;
    }
    // Asking for a person while naming a broken service is usually a problem report.
    if (coarse == "human_agent" && c.name != "complaint" && names_service && c.score < 0.85)
      continue;
    if (c.name == "complaint") {
      if (a.frustration >= 0.5 || !(names_service || names_item)) return "human_agent";
      return "incident";
    }
    // A long message, or one carrying a request, is not a greeting or a goodbye.
    const bool social = coarse == "greeting" || coarse == "thanks";
    if (social && (carries_request || WordCount(last_text_) > 8)) {
      social_skipped = true;
      skipped_closing = true;
      continue;
    }
    // After such a reading, the next one is taken at a lower bar.
    const double min_score = social_skipped ? kIntentMin / 2 : kIntentMin;
    if (coarse == "out_of_scope" || c.score < min_score || (social && c.score < 0.6)) {
      if (names_item && !names_service) return "service_request";
      if (names_service) return "incident";
      if (c.name == a.intent && (a.out_of_scope || c.score < kIntentMin)) return "out_of_scope";
      continue;
    }
    return c.name;
  }
  if (skipped_closing) {
    // The classifier heard only the polite words: the best reading that asks
    // for help (a question is a how-to) rather than a goodbye.
    for (const auto& c : candidates) {
      const std::string coarse = nlu::CoarseIntent(c.name);
      if (coarse == "how_to" || coarse == "incident" || coarse == "service_request") return c.name;
    }
  }
  return "out_of_scope";
}

void Bot::Qualify(const std::string& text, const nlu::Analysis& a) {
  // A fresh request: forget the previous one's working state, keep counters.
  int failures = ctx_.value("failures", 0);
  ctx_ = Json::object();
  ctx_["failures"] = failures;
  ctx_["first"] = text;
  state_["slots"] = Json::object();
  state_["service"] = nullptr;
  state_["ticket_id"] = nullptr;
  state_["team"] = nullptr;
  state_["confidence"] = a.confidence;
  state_["status"] = "active";
  TakeEntities(a);

  if (a.frustration >= kAngry) return HandOff("handoff_angry");
  const std::string fine = EffectiveIntent(text, a);
  const std::string coarse = nlu::CoarseIntent(fine);
  double incident_mass = 0;  // how much the message reads as a problem report
  for (const auto& c : a.top_intents) {
    if (nlu::CoarseIntent(c.name) == "incident") incident_mass += c.score;
  }
  ctx_["incident_mass"] = incident_mass;
  state_["intent"] = coarse;
  ctx_["fine_intent"] = fine;
  if (coarse == "out_of_scope") return NotUnderstood();
  ctx_["failures"] = 0;
  if (fine == "cancel_ticket" || fine == "add_info" || fine == "hurry_ticket") {
    return TicketAction(fine);
  }
  if (coarse == "human_agent") return HandOff("handoff");
  if (coarse == "greeting") {
    std::string first = user_.name.substr(0, user_.name.find(' '));
    Text(Say("greeting_short", {{"name", first}}));
    return Expect("description", "text");
  }
  if (coarse == "thanks") {
    if (fine == "goodbye") {
      Text(Say("goodbye"));
      state_["status"] = "closed";
      return ClearExpect();
    }
    Text(Say("thanks_reply"));
    state_["status"] = "resolved";
    return ClearExpect();
  }
  if (coarse == "password_reset") {
    ctx_["flow"] = "password_reset";
    return StartPasswordReset();
  }
  if (coarse == "ticket_status") {
    ctx_["flow"] = "status";
    return ContinueStatus();
  }
  if (coarse == "outage_check") {
    ctx_["flow"] = "outage";
    return ContinueOutage();
  }
  if (coarse == "service_request") {
    ctx_["flow"] = "request";
    bool weak = false;
    if (const auto* item = a.Find(nlu::kCatalogItem)) {
      ctx_["item"] = item->value;
      std::string alt;
      weak = ReadsAsProblem(a, fine, &alt);
      if (!weak && AsksHow(text)) {
        weak = true;  // "how do I get my new badge working?" is a question about it
        alt = "how_to";
      }
      if (weak) ctx_["alt_flow"] = alt;
    } else if (auto guess = GuessCatalogItem(org_, text, fine); !guess.empty()) {
      ctx_["item"] = guess;
      weak = true;  // the item's names were not said: a guess from similar words
    }
    if (Str(ctx_, "item").empty()) {
      // A request for nothing in the catalog is an ordinary ticket for the service's team.
      ctx_["flow"] = "incident";
      ctx_["type"] = "request";
    } else if (weak) {
      // Not sure this is a request for that item: ask rather than assume.
      const auto* item = org_.CatalogItem(Str(ctx_, "item"));
      ctx_["confirm_for"] = "catalog_item";
      Text(Say("ask_confirm_item", {{"item", item ? item->name : Str(ctx_, "item")}}));
      return Expect("confirm", "yes_no");
    } else if (AsksHowTo(text)) {
      // "I was given the shared mailbox... how do I add it?": they have the
      // thing and ask how to use or fix it; an article comes before the form.
      ctx_["article_first"] = true;
    }
    return Continue();
  }
  if (coarse == "how_to") {
    ctx_["flow"] = "how_to";
    return Continue();
  }
  ctx_["flow"] = "incident";
  Continue();
}

bool Bot::Interrupt(const std::string& text, const nlu::Analysis& a) {
  const Json expecting = state_["expecting"];
  const std::string slot = Str(expecting, "slot");
  const std::string type = Str(expecting, "type");
  if (slot == "new_password" || slot == "verification_code") return false;
  if (a.frustration >= kAngry) {
    HandOff("handoff_angry");
    return true;
  }
  const bool free_text = type == "text";
  // Only an explicit request for a person interrupts (a complaint alone does not).
  if (a.intent == "human_agent" && a.confidence >= (free_text ? 0.85 : kInterruptMin)) {
    HandOff("handoff");
    return true;
  }
  if (IsCancel(text) && slot != "confirm") {
    Text(Say("cancel_flow"));
    ctx_ = Json::object();
    state_["status"] = "resolved";
    ClearExpect();
    return true;
  }
  // "no, it's Outlook, not Teams": a correction of the service mid-way.
  const auto* service = a.Find(nlu::kService);
  if (service != nullptr && slot != "service" && HasNegation(text) &&
      Str(state_, "service") != service->value && !Str(state_, "service").empty()) {
    state_["service"] = service->value;
    ctx_["service_evidence"] = "corrected to '" + service->text + "'";
    ctx_.erase("outage_checked");
    ctx_.erase("kb_checked");
    Continue();
    return true;
  }
  // A new, confident request instead of an answer to a yes/no question.
  if ((type == "yes_no") && org_.nlu->YesNo(text) == 0 && WordCount(text) >= 4 &&
      a.confidence >= kInterruptMin && a.coarse_intent != "out_of_scope") {
    ClearExpect();
    Qualify(text, a);
    return true;
  }
  return false;
}

void Bot::NotUnderstood() {
  // Learning loop: the message goes to the admins' review list (best effort).
  (void)RememberNotUnderstood(*deps_.store, *deps_.clock, last_text_, lang_, in_.conversation->id);
  int failures = ctx_.value("failures", 0) + 1;
  ctx_["failures"] = failures;
  if (failures >= kMaxBadAnswers) return HandOff("handoff_failed");
  state_["intent"] = "out_of_scope";
  Text(Say("not_understood"));
  Expect("description", "text");
}

// ------------------------------------------------------------------ slots

void Bot::HandleSlot(const std::string& text, const nlu::Analysis& a) {
  const Json expecting = state_["expecting"];
  const std::string slot = Str(expecting, "slot");
  const std::string flow = Str(ctx_, "flow");
  auto ctx = AnalyzeCtx();

  if (slot == "description") {
    if (flow.empty()) {  // the opening question or a "could you rephrase"
      ClearExpect();
      return Qualify(text, a);
    }
    ctx_["details"].push_back(text);
    state_["slots"]["description"] = text;
    ctx_["asked_description"] = true;
    TakeEntities(a);
    return Continue();
  }
  if (slot == "tried") {
    ctx_["tried"] = text;
    ctx_["details"].push_back(text);
    return Continue();
  }
  if (slot == "article_feedback") return HandleArticleFeedback(org_.nlu->YesNo(text));
  if (slot == "confirm") {
    int yn = org_.nlu->YesNo(text);
    if (Str(ctx_, "confirm_for") == "send_request" && yn <= 0) {
      return HandleRequestCorrection(text, yn);
    }
    if (yn == 0) {
      if (!Retry(slot)) return HandOff("handoff_failed");
      Text(Say("bad_yes_no"));
      return Expect("confirm", "yes_no");
    }
    return HandleConfirm(yn > 0);
  }
  if (slot == "verification_code") return HandleVerificationCode(text);
  if (slot == "verification_method") return HandleVerificationMethod(text);
  if (slot == "new_password") return HandleNewPassword(text);
  if (slot == "service") {
    auto found = org_.nlu->MatchEntity(text, nlu::kService, ctx);
    if (found.empty()) {
      auto cis = org_.nlu->MatchEntity(text, nlu::kConfigItem, ctx);
      if (!cis.empty()) {
        ctx_["config_item"] = cis[0].value;
        TakeEntities(nlu::Analysis{});
      }
    } else {
      state_["service"] = found[0].value;
      ctx_["service_evidence"] = "answered '" + found[0].text + "'";
    }
    ctx_["asked_service"] = true;
    if (Str(state_, "service").empty() && Str(ctx_, "config_item").empty()) {
      ctx_["details"].push_back(text);  // still useful to the team and the classifier
    }
    ctx_.erase("outage_checked");
    return Continue();
  }
  if (slot == "urgency") {
    std::string level = ParseUrgency(*org_.nlu, text, UrgencyOptions(), ctx);
    if (level.empty()) {
      if (Retry(slot)) {
        Text(Say("bad_choice", {{"options", JoinOptions(UrgencyOptions())}}));
        return Expect("urgency", "choice", UrgencyOptions());
      }
      level = "medium";
    }
    ctx_["urgency"] = level;
    state_["slots"]["urgency"] = level;
    return Continue();
  }
  if (slot == "impact") {
    ctx_["impact_text"] = text;
    ctx_["impact"] = ParseImpact(text);
    state_["slots"]["impact"] = text;
    return Continue();
  }
  if (slot == "catalog_item") {
    const auto& items = org_.pack.request_catalog;
    std::vector<std::string> names;
    for (const auto& i : items) names.push_back(i.name);
    int idx = MatchChoice(text, names);
    if (idx < 0) {
      std::string guess = GuessCatalogItem(org_, text, Str(ctx_, "fine_intent"));
      if (!guess.empty()) ctx_["item"] = guess;
    } else {
      ctx_["item"] = items[static_cast<size_t>(idx)].id;
    }
    if (Str(ctx_, "item").empty()) {
      ctx_["flow"] = "incident";
      ctx_["type"] = "request";
      ctx_["details"].push_back(text);
    }
    return Continue();
  }
  if (slot == "ticket_ref") {
    auto ids = org_.nlu->MatchEntity(text, nlu::kTicketId, ctx);
    if (ids.empty()) {
      if (!Retry(slot)) return HandOff("handoff_failed");
      Text(Say("ask_which_ticket"));
      return Expect("ticket_ref", "text");
    }
    ctx_["ticket_ref"] = ids[0].value;
    return Continue();
  }
  if (slot == "info") {
    ctx_["info"] = text;
    return Continue();
  }
  // A catalog item's field.
  if (FillCatalogField(text, expecting)) Continue();
}

bool Bot::FillCatalogField(const std::string& text, const Json& expecting) {
  const auto* item = org_.CatalogItem(Str(ctx_, "item"));
  if (item == nullptr) {
    ClearExpect();
    return true;
  }
  const std::string slot = Str(expecting, "slot");
  const model::CatalogField* field = nullptr;
  for (const auto& f : item->fields) {
    if (f.name == slot) field = &f;
  }
  if (field == nullptr) {
    ClearExpect();
    return true;
  }
  FieldAnswer answer = ParseFieldAnswer(*field, text, org_, *org_.nlu, AnalyzeCtx());
  if (answer.skipped && !field->required) {
    ctx_["skipped"].push_back(field->name);
    return true;
  }
  if (answer.skipped) {
    // A required item the user cannot give: rather than hand over, offer to
    // send the request without it (the team asks for it later). Once they
    // refused that, a second "I don't know" goes to a person (no loop).
    const Json refused = ctx_.value("refused_without", Json::array());
    if (std::find(refused.begin(), refused.end(), Json(field->name)) != refused.end()) {
      HandOff("handoff_missing");
      return false;
    }
    ctx_["confirm_for"] = "send_without";
    ctx_["missing_field"] = field->name;
    Text(Say("ask_send_without", {{"field", HumanFieldName(*field)}}));
    Expect("confirm", "yes_no");
    return false;
  }
  if (!answer.ok) {
    if (!Retry(field->name)) {
      if (!field->required) {
        ctx_["skipped"].push_back(field->name);
        return true;
      }
      HandOff("handoff_failed");
      return false;
    }
    std::string msg = Say(
        answer.error_key,
        {{"answer", text}, {"options", JoinOptions(field->options)}, {"prompt", FieldPrompt(*field)}});
    Text(msg);
    Expect(field->name, field->type == "choice" ? "choice" : field->type, field->options);
    return false;
  }
  state_["slots"][field->name] = answer.value;
  return true;
}

void Bot::HandleArticleFeedback(int yes_no) {
  const std::string article = Str(ctx_, "last_article");
  if (yes_no == 0) {
    if (Retry("article_feedback")) {
      Text(Say("bad_yes_no"));
      return Expect("article_feedback", "yes_no");
    }
    yes_no = -1;  // twice no clear "yes": the article did not solve it; go on
  }
  (void)deps_.store->Transact([&](store::Tx& tx) {
    return tx.knowledge().AddFeedback(article, user_.id, Str(ctx_, "first"), yes_no > 0, in_.now);
  });
  if (yes_no > 0) {
    Text(Say("article_helped"));
    return Resolve();
  }
  ClearExpect();
  const std::string flow = Str(ctx_, "flow");
  if (flow == "how_to") {
    // Offer the next article once; then move on to a person with what we learned.
    if (ctx_.value("offered", Json::array()).size() < static_cast<size_t>(kMaxArticles) &&
        OfferArticle({Str(state_, "service")}, knowledge::kSuggestConfidence)) {
      return;
    }
    Text(Say("article_not_helped"));
    ctx_["flow"] = "incident";
    // A question that reports something broken is an incident, not a request.
    if (!ReadsAsIncident() && !DescribesFault(ConversationText())) ctx_["type"] = "request";
    ctx_["kb_checked"] = true;
    return Continue();
  }
  ctx_["kb_checked"] = true;
  Continue();
}

void Bot::HandleConfirm(bool yes) {
  const std::string what = Str(ctx_, "confirm_for");
  ctx_.erase("confirm_for");
  ClearExpect();
  if (what == "ticket_after_notice") {
    if (!yes) return Resolve();
    ctx_["outage_checked"] = true;
    return Continue();
  }
  if (what == "cancel_ticket") {
    if (!yes) return Resolve();
    ctx_["cancel_confirmed"] = true;
    return Continue();
  }
  if (what == "catalog_item") {
    if (yes) return Continue();
    // Not a request for that item: a question or a problem, as the message reads.
    ctx_.erase("item");
    ctx_["flow"] = Str(ctx_, "alt_flow").empty() ? "incident" : Str(ctx_, "alt_flow");
    state_["intent"] = ctx_["flow"] == "how_to" ? "how_to" : "incident";
    return Continue();
  }
  if (what == "send_without") {
    const std::string name = Str(ctx_, "missing_field");
    ctx_.erase("missing_field");
    if (yes) {
      ctx_["skipped"].push_back(name);
      ctx_["missing"].push_back(name);
      return Continue();
    }
    // They will answer it after all: ask once more, saying how to get out.
    ctx_["bad"][name] = 0;
    ctx_["refused_without"].push_back(name);
    const auto* item = org_.CatalogItem(Str(ctx_, "item"));
    for (const auto& f : item ? item->fields : std::vector<model::CatalogField>{}) {
      if (f.name != name) continue;
      Text(Say("ask_field_again", {{"prompt", FieldPrompt(f)}}));
      return Expect(f.name, f.type, f.options);
    }
    return Continue();
  }
  if (what == "send_request") {
    ctx_["request_confirmed"] = true;  // a "no" went to HandleRequestCorrection
    return Continue();
  }
  if (what == "choose_password") {
    if (yes) {
      Text(Say("pwreset_ask_new"));
      return Expect("new_password", "secret");
    }
    return FinishReset(deps_.password_policy.GenerateTemporaryPassword(user_), true);
  }
  Continue();
}

// ------------------------------------------------------------------ flows

void Bot::Continue() {
  const std::string flow = Str(ctx_, "flow");
  if (flow == "how_to") return ContinueHowTo();
  if (flow == "incident") return ContinueIncident();
  if (flow == "request") return ContinueRequest();
  if (flow == "outage") return ContinueOutage();
  if (flow == "status") return ContinueStatus();
  if (flow == "ticket_action") return TicketAction(Str(ctx_, "action"));
  if (flow == "password_reset") return StartPasswordReset();
  Resolve();
}

bool Bot::OfferArticle(const std::vector<std::string>& services, double min_confidence) {
  knowledge::SearchQuery q;
  q.text = ConversationText();
  q.language = lang_;
  q.user_groups = user_.groups;
  for (const auto& s : services) {
    if (!s.empty()) q.services.push_back(s);
  }
  for (const auto& s : ctx_.value("services", Json::array())) {
    if (std::find(q.services.begin(), q.services.end(), s.get<std::string>()) == q.services.end()) {
      q.services.push_back(s.get<std::string>());
    }
  }
  q.limit = 5;
  auto hits = org_.kb->Search(q);
  Json offered = ctx_.value("offered", Json::array());
  const Json named = ctx_.value("services", Json::array());
  auto about_named_service = [&](const knowledge::SearchHit& hit) {
    return std::any_of(hit.services.begin(), hit.services.end(), [&](const std::string& s) {
      return std::find(named.begin(), named.end(), Json(s)) != named.end();
    });
  };
  // How well each article matches the words alone, without the services hint:
  // an article whose match is only "it is about the same service" (a Chinese
  // card-reader article for an English "my laptop screen went black") is not
  // evidence enough to offer it, least of all in another language; and an
  // article the words point to is worth offering even when the hint put
  // another one first.
  knowledge::SearchQuery plain = q;
  plain.services.clear();
  const std::vector<knowledge::SearchHit> unhinted = org_.kb->Search(plain);
  auto words_confidence = [&](const knowledge::SearchHit& hit) {
    for (const auto& h : unhinted) {
      if (h.article_id == hit.article_id) return h.confidence;
    }
    return 0.0;
  };
  // Offered in this order: hits the words back, hits on the words alone, then
  // (how-to) articles about a service the user named, however loosely worded.
  std::vector<knowledge::SearchHit> eligible, loose;
  for (const auto& hit : hits) {
    const double need = hit.other_language ? kIncidentArticleMin
                        : min_confidence > knowledge::kSuggestConfidence
                            ? knowledge::kSuggestConfidence
                            : kHowToWordsMin;
    if (hit.confidence >= min_confidence && words_confidence(hit) >= need) {
      eligible.push_back(hit);
    } else if (min_confidence <= knowledge::kSuggestConfidence &&
               hit.confidence >= kNamedServiceArticleMin && about_named_service(hit) &&
               !hit.other_language) {
      loose.push_back(hit);
    }
  }
  for (const auto& hit : unhinted) {
    const double need = hit.other_language ? std::max(min_confidence, kIncidentArticleMin)
                                           : min_confidence;
    if (hit.confidence >= need) eligible.push_back(hit);
  }
  eligible.insert(eligible.end(), loose.begin(), loose.end());
  for (const auto& hit : eligible) {
    bool seen = std::any_of(offered.begin(), offered.end(),
                            [&](const Json& id) { return id == hit.article_id; });
    if (seen) continue;
    std::string key = offered.empty() ? "article_offer" : "article_next";
    std::string text = Say(key, {{"title", hit.title}});
    if (hit.other_language) {
      text =
          Say("article_offer_other_language",
              {{"title", hit.title},
               {"article_language", deps_.messages->Label(lang_, "language_name", hit.language)}});
    }
    Json reply = {{"kind", "article"},
                  {"text", text + " " + Say("ask_article_feedback")},
                  {"article_id", hit.article_id},
                  {"title", hit.title},
                  {"snippet", hit.snippet},
                  {"url", "/kb/" + hit.article_id},
                  {"confidence", hit.confidence}};
    replies_.push_back(reply);
    redacted_.push_back(reply);
    offered.push_back(hit.article_id);
    ctx_["offered"] = offered;
    ctx_["last_article"] = hit.article_id;
    // The article tells which of the services named is meant ("new laptop... the vpn?").
    for (const auto& s : hit.services) {
      const bool was_named = std::find(named.begin(), named.end(), Json(s)) != named.end();
      if (Str(state_, "service").empty() || (was_named && Str(state_, "service") != s)) {
        state_["service"] = s;
        ctx_["service_evidence"] = "article " + hit.article_id;
        break;
      }
    }
    Expect("article_feedback", "yes_no");
    return true;
  }
  return false;
}

void Bot::ContinueHowTo() {
  if (!ctx_.value("kb_checked", false)) {
    ctx_["kb_checked"] = true;
    if (OfferArticle({Str(state_, "service")}, knowledge::kSuggestConfidence)) return;
  }
  // No article: a person will answer; collect what they need.
  ctx_["flow"] = "incident";
    // A question that reports something broken is an incident, not a request.
    if (!ReadsAsIncident() && !DescribesFault(ConversationText())) ctx_["type"] = "request";
  ContinueIncident();
}

void Bot::ContinueIncident() {
  const std::string service = Str(state_, "service");
  if (!service.empty() && !ctx_.value("outage_checked", false)) {
    ctx_["outage_checked"] = true;
    if (NotifyOutages(false)) return;
  }
  if (!ctx_.value("kb_checked", false)) {
    ctx_["kb_checked"] = true;
    if (OfferArticle({service}, kIncidentArticleMin)) return;
  }
  if (service.empty() && Str(ctx_, "config_item").empty() && !ctx_.value("asked_service", false)) {
    ctx_["asked_service"] = true;
    Text(Say("ask_service"));
    return Expect("service", "service");
  }
  if (WordCount(ConversationText()) < 6 && !ctx_.value("asked_description", false)) {
    ctx_["asked_description"] = true;
    Text(Say("ask_description"));
    return Expect("description", "text");
  }
  const bool request = Str(ctx_, "type") == "request";
  if (!request && Str(ctx_, "urgency").empty()) {
    Text(Say("ask_urgency"));
    return Expect("urgency", "choice", UrgencyOptions());
  }
  if (!request && Str(ctx_, "impact").empty() && !ctx_.value("asked_impact", false)) {
    std::string guess = ParseImpact(ConversationText());
    if (!guess.empty()) {
      ctx_["impact"] = guess;
    } else {
      ctx_["asked_impact"] = true;
      Text(Say("ask_impact"));
      return Expect("impact", "text");
    }
  }
  if (!request && !ctx_.contains("tried") && !MentionsTried(ConversationText())) {
    ctx_["tried"] = "";
    Text(Say("ask_tried"));
    return Expect("tried", "text");
  }
  CreateTicket(request ? model::TicketType::kRequest : model::TicketType::kIncident);
}

void Bot::ContinueRequest() {
  if (ctx_.value("article_first", false) && !ctx_.value("kb_checked", false)) {
    ctx_["kb_checked"] = true;
    if (OfferArticle({Str(state_, "service")}, knowledge::kSuggestConfidence)) return;
  }
  const auto* item = org_.CatalogItem(Str(ctx_, "item"));
  if (item == nullptr) {
    std::vector<std::string> names;
    for (const auto& i : org_.pack.request_catalog) names.push_back(i.name);
    if (names.empty() || ctx_.value("asked_item", false)) {
      ctx_["flow"] = "incident";
      ctx_["type"] = "request";
      return ContinueIncident();
    }
    ctx_["asked_item"] = true;
    Text(Say("ask_catalog_item"));
    return Expect("catalog_item", "choice", names);
  }
  if (!ctx_.value("prefilled", false)) {
    ctx_["prefilled"] = true;
    Json pre = PrefillFields(*item, ConversationText(), org_, *org_.nlu, AnalyzeCtx());
    for (auto it = pre.begin(); it != pre.end(); ++it) state_["slots"][it.key()] = it.value();
    // What the profile and the CMDB tell is not asked either; the user sees it
    // in the confirmation and may correct it.
    Json profile = ProfileFields(*item, user_, org_);
    for (auto it = profile.begin(); it != profile.end(); ++it) {
      if (state_["slots"].contains(it.key())) continue;
      state_["slots"][it.key()] = it.value();
      ctx_["from_profile"].push_back(it.key());
    }
  }
  const Json skipped = ctx_.value("skipped", Json::array());
  for (const auto& f : item->fields) {
    if (state_["slots"].contains(f.name)) continue;
    if (std::find(skipped.begin(), skipped.end(), Json(f.name)) != skipped.end()) continue;
    std::string prompt = FieldPrompt(f);
    if (!f.required) prompt += " " + Say("optional_hint");
    Text(prompt);
    std::string type = f.type;
    return Expect(f.name, type, f.options);
  }
  if (!ctx_.value("from_profile", Json::array()).empty() &&
      !ctx_.value("request_confirmed", false)) {
    return ConfirmRequest(*item);
  }
  CreateTicket(model::TicketType::kRequest);
}

// The field's question in the user's language. Packs often word their prompts
// in one language only: a prompt in another script is wrapped in a localized
// template that says what kind of answer is expected.
std::string Bot::FieldPrompt(const model::CatalogField& f) const {
  std::string prompt = f.prompt.empty() ? HumanFieldName(f) : f.prompt;
  if (!ScriptMismatch(prompt, lang_)) return prompt;
  const std::string typed = "ask_field_" + f.type;
  std::string text = Say(typed, {{"prompt", prompt}, {"options", JoinOptions(f.options)}});
  if (text == typed) text = Say("ask_field", {{"prompt", prompt}});
  return text;
}

// Shows what the request will say, including what was taken from the profile,
// and asks before sending it.
void Bot::ConfirmRequest(const model::CatalogItem& item) {
  const Json from_profile = ctx_.value("from_profile", Json::array());
  std::string fields;
  for (const auto& f : item.fields) {
    if (!state_["slots"].contains(f.name)) continue;
    const Json& v = state_["slots"][f.name];
    std::string value = v.is_string() ? v.get<std::string>() : v.dump();
    if (const auto* u = (f.type == "user" ? org_.User(value) : nullptr)) value = u->name;
    if (!fields.empty()) fields += "; ";
    fields += HumanFieldName(f) + ": " + value;
    if (std::find(from_profile.begin(), from_profile.end(), Json(f.name)) != from_profile.end()) {
      fields += Say("from_profile");
    }
  }
  ctx_["confirm_for"] = "send_request";
  Text(Say("confirm_request", {{"item", item.name}, {"fields", fields}}));
  Expect("confirm", "yes_no");
}

// A "no" (or a correction) to the request's confirmation: an option named in
// the answer replaces the field's value; a bare "no" drops what the profile
// suggested and asks for it instead.
void Bot::HandleRequestCorrection(const std::string& text, int yes_no) {
  const auto* item = org_.CatalogItem(Str(ctx_, "item"));
  if (item == nullptr) return HandOff("handoff_failed");
  bool changed = false;
  for (const auto& f : item->fields) {
    if (f.type != "choice") continue;
    int idx = MatchChoice(text, f.options);
    if (idx < 0) continue;
    const Json value = f.options[static_cast<size_t>(idx)];
    if (state_["slots"].value(f.name, Json()) == value) continue;
    state_["slots"][f.name] = value;
    changed = true;
  }
  if (changed) {
    ClearExpect();
    return ConfirmRequest(*item);
  }
  if (yes_no == 0) {
    if (!Retry("confirm")) return HandOff("handoff_failed");
    Text(Say("bad_yes_no"));
    return Expect("confirm", "yes_no");
  }
  ctx_.erase("confirm_for");
  ClearExpect();
  for (const auto& name : ctx_.value("from_profile", Json::array())) {
    state_["slots"].erase(name.get<std::string>());
  }
  ctx_["from_profile"] = Json::array();
  ctx_["request_confirmed"] = true;  // what is left is what the user answers now
  Continue();
}

void Bot::ContinueOutage() {
  if (!NotifyOutages(true)) {
    std::string scope =
        Str(state_, "service").empty() ? Say("your_services") : ServiceName(Str(state_, "service"));
    Text(Say("no_outage", {{"scope", scope}, {"days", std::to_string(kOutageHorizonDays)}}));
    Resolve();
  }
}

// Tells the user about open major incidents and planned outages. For a
// reported incident (explicit_check false) only what affects the named service
// right now or soon; for an explicit question, what lies ahead. Returns true
// when a notice was given (the turn is then complete).
bool Bot::NotifyOutages(bool explicit_check) {
  std::set<std::string> scope;
  const std::string service = Str(state_, "service");
  if (!service.empty()) scope.insert(FoldId(service));
  if (!Str(ctx_, "config_item").empty()) scope.insert(FoldId(Str(ctx_, "config_item")));
  if (explicit_check) {  // a question may name several services ("VPN or Wi-Fi?")
    for (const auto& s : ctx_.value("services", Json::array()))
      scope.insert(FoldId(s.get<std::string>()));
  }
  // What the named services depend on affects them too (transitively).
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& s : org_.pack.services) {
      if (!scope.count(FoldId(s.id))) continue;
      for (const auto& d : s.depends_on) grew |= scope.insert(FoldId(d)).second;
    }
  }
  const bool named = !scope.empty();
  if (!named) {
    for (const auto& s : org_.ServicesOfUser(user_)) scope.insert(FoldId(s));
  }
  auto in_scope = [&](const std::vector<std::string>& services) {
    return std::any_of(services.begin(), services.end(),
                       [&](const std::string& s) { return scope.count(FoldId(s)) > 0; });
  };
  // Dates the user mentions narrow (or extend) the window they ask about.
  std::vector<TimePoint> dates;
  for (const auto& e : org_.nlu->MatchEntity(ConversationText(), nlu::kDate, AnalyzeCtx())) {
    auto d = ParseDate(e.value);
    if (d.ok()) dates.push_back(*d);
  }
  TimePoint horizon =
      in_.now + std::chrono::hours(
                    24 * (explicit_check && named ? kAskedOutageHorizonDays : kOutageHorizonDays));
  for (const auto& d : dates) horizon = std::max(horizon, d + std::chrono::hours(24 * 15));

  int given = 0;
  for (const auto& inc : org_.pack.incidents) {
    if (inc.status == "resolved" || !in_scope(inc.services)) continue;
    std::string svc = inc.services.empty() ? "" : ServiceName(inc.services.front());
    Json reply = {{"kind", "notice"},
                  {"incident_id", inc.id},
                  {"starts", FormatTime(inc.started)},
                  {"ends", nullptr},
                  {"text", Say("major_incident_notice", {{"service", svc},
                                                         {"title", inc.title},
                                                         {"starts", HumanTime(inc.started)},
                                                         {"message", inc.message}})}};
    replies_.push_back(reply);
    redacted_.push_back(reply);
    ++given;
    if (!explicit_check) {
      Audit("major_incident", inc.id, "report_linked",
            {{"user", user_.id},
             {"conversation", in_.conversation->id},
             {"text", Str(ctx_, "first")}},
            "user reported a problem on " + svc + " while the major incident is open");
      Text(Say("major_incident_linked"));
      state_["intent"] = "incident";
      Resolve();
      return true;
    }
  }
  for (const auto& ch : org_.pack.changes) {
    if (ch.status == "cancelled" || ch.status == "completed") continue;
    if (ch.end <= in_.now || ch.start > horizon) continue;
    bool relevant = in_scope(ch.services);
    if (!relevant && !named && !dates.empty()) {
      // "any work planned at the Lyon office on 2026-12-09?": changes on that date.
      relevant = std::any_of(dates.begin(), dates.end(), [&](TimePoint d) {
        return ch.start < d + std::chrono::hours(24) && ch.end > d;
      });
    }
    if (!relevant) continue;
    const bool now_ongoing = ch.start <= in_.now;
    if (!explicit_check && !now_ongoing) continue;  // a report: only work going on now explains it
    if (!explicit_check && !ch.outage) continue;
    std::string svc = ch.services.empty() ? "" : ServiceName(ch.services.front());
    Json reply = {{"kind", "notice"},
                  {"change_id", ch.id},
                  {"starts", FormatTime(ch.start)},
                  {"ends", FormatTime(ch.end)},
                  {"text", Say("change_notice", {{"service", svc},
                                                 {"title", ch.title},
                                                 {"starts", HumanTime(ch.start)},
                                                 {"ends", HumanTime(ch.end)},
                                                 {"description", ch.description}})}};
    replies_.push_back(reply);
    redacted_.push_back(reply);
    ++given;
  }
  if (given == 0) return false;
  if (explicit_check) {
    Resolve();
  } else {
    ctx_["confirm_for"] = "ticket_after_notice";
    Text(Say("ask_still_ticket"));
    Expect("confirm", "yes_no");
  }
  return true;
}

void Bot::ContinueStatus() {
  itsm::Actor actor = BotActor();
  const std::string ref = Str(ctx_, "ticket_ref");
  auto labels = [&](model::TicketStatus s) {
    return deps_.messages->Label(lang_, "status_labels", model::ToString(s));
  };
  auto describe = [&](const model::Ticket& t) {
    std::string assignee = t.assignee.empty() ? "" : ", " + t.assignee;
    return Say("status_one", {{"ticket_id", t.id},
                              {"title", t.title},
                              {"status", labels(t.status)},
                              {"team", TeamName(t.team)},
                              {"assignee", assignee},
                              {"priority", t.priority},
                              {"updated", HumanTime(t.updated)}});
  };
  if (!ref.empty()) {
    auto t = deps_.tickets->Get(actor, ref);
    if (!t.ok()) {
      Text(Say("status_not_found", {{"ticket_id", ref}}));
    } else {
      replies_.push_back({{"kind", "ticket"},
                          {"ticket_id", t->id},
                          {"text", describe(*t)},
                          {"status", model::ToString(t->status)}});
      redacted_.push_back(replies_.back());
      state_["ticket_id"] = t->id;
      state_["team"] = t->team;
    }
    return Resolve();
  }
  model::TicketFilter filter;
  filter.requester = user_.id;
  filter.open_only = true;
  filter.limit = 10;
  auto list = deps_.tickets->List(actor, filter);
  if (!list.ok() || list->empty()) {
    Text(Say("status_none"));
    return Resolve();
  }
  Text(Say("status_list_intro"));
  for (const auto& t : *list) {
    replies_.push_back({{"kind", "ticket"},
                        {"ticket_id", t.id},
                        {"text", describe(t)},
                        {"status", model::ToString(t.status)}});
    redacted_.push_back(replies_.back());
  }
  if (list->size() == 1) state_["ticket_id"] = list->front().id;
  Resolve();
}

// cancel_ticket / add_info / hurry_ticket on the user's ticket.
void Bot::TicketAction(const std::string& action) {
  ctx_["flow"] = "ticket_action";
  ctx_["action"] = action;
  itsm::Actor actor = BotActor();
  std::string ref = Str(ctx_, "ticket_ref");
  if (ref.empty()) {
    model::TicketFilter filter;
    filter.requester = user_.id;
    filter.open_only = true;
    filter.limit = 2;
    auto list = deps_.tickets->List(actor, filter);
    if (list.ok() && list->size() == 1) {
      ref = list->front().id;
      ctx_["ticket_ref"] = ref;
    } else if (list.ok() && list->empty()) {
      Text(Say("status_none"));
      return Resolve();
    } else {
      Text(Say("ask_which_ticket"));
      return Expect("ticket_ref", "text");
    }
  }
  auto ticket = deps_.tickets->Get(actor, ref);
  if (!ticket.ok()) {
    Text(Say("status_not_found", {{"ticket_id", ref}}));
    return Resolve();
  }
  state_["ticket_id"] = ticket->id;
  state_["team"] = ticket->team;
  if (action == "add_info") {
    std::string info = Str(ctx_, "info");
    if (info.empty()) {
      // The first message may carry the information itself ("add to INC-1: it also fails on X").
      Text(Say("ask_info_to_add", {{"ticket_id", ticket->id}}));
      return Expect("info", "text");
    }
    auto c = deps_.tickets->AddComment(actor, ticket->id, info, false);
    if (!c.ok()) return HandOff("handoff_failed");
    Text(Say("info_added", {{"ticket_id", ticket->id}}));
    return Resolve();
  }
  if (action == "hurry_ticket") {
    Status st = deps_.tickets->Hurry(actor, ticket->id, Str(ctx_, "first"));
    if (!st.ok()) return HandOff("handoff_failed");
    Text(Say("hurried", {{"ticket_id", ticket->id}, {"team", TeamName(ticket->team)}}));
    return Resolve();
  }
  // cancel
  if (!ctx_.value("cancel_confirmed", false)) {
    ctx_["confirm_for"] = "cancel_ticket";
    Text(Say("ask_confirm_cancel", {{"ticket_id", ticket->id}}));
    return Expect("confirm", "yes_no");
  }
  itsm::TicketPatch patch;
  patch.status = "closed";
  patch.reason = "cancelled by the requester in a conversation";
  auto updated = deps_.tickets->Update(actor, ticket->id, patch);
  if (!updated.ok()) return HandOff("handoff_failed");
  Text(Say("cancelled_ticket", {{"ticket_id", ticket->id}}));
  Resolve();
}

// ------------------------------------------------------------------ outcomes

void Bot::CreateTicket(model::TicketType type) {
  routing::RouteInput route;
  route.type = type;
  route.catalog_item = Str(ctx_, "item");
  route.service = Str(state_, "service");
  route.config_item = Str(ctx_, "config_item");
  route.service_evidence = Str(ctx_, "service_evidence");
  route.text = ConversationText();
  route.language = lang_;
  routing::RouteDecision decision;
  if (org_.router) {
    decision = org_.router->Route(route);
  } else {
    decision.team = "";
    decision.reason = "no teams configured";
  }

  itsm::NewTicket t;
  t.type = type;
  const auto* item = org_.CatalogItem(route.catalog_item);
  std::string first = Str(ctx_, "first");
  std::string title = item ? item->name : first;
  if (title.size() > 120) {
    size_t cut = 117;
    while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80) --cut;
    title = title.substr(0, cut) + "...";
  }
  t.title = title;
  std::string description = ConversationText();
  if (!Str(ctx_, "impact_text").empty()) description += "\nImpact: " + Str(ctx_, "impact_text");
  if (!Str(ctx_, "tried").empty()) description += "\nAlready tried: " + Str(ctx_, "tried");
  if (item != nullptr && !ctx_.value("missing", Json::array()).empty()) {
    std::string missing;
    for (const auto& m : ctx_["missing"]) missing += (missing.empty() ? "" : ", ") + m.get<std::string>();
    description += "\nNot known to the requester, to ask them: " + missing;
  }
  description += "\n(conversation " + in_.conversation->id + ", channel " +
                 in_.conversation->channel + ", language " + lang_ + ")";
  t.description = description;
  std::string urgency = Str(ctx_, "urgency");
  std::string impact = Str(ctx_, "impact");
  if (impact.empty()) {
    // A service's criticality says how many people a problem on it can hurt.
    const auto* s = org_.Service(route.service);
    impact = (s && (s->criticality == "critical")) ? "medium" : "low";
  }
  t.urgency = urgency.empty() ? "medium" : urgency;
  t.impact = impact;
  t.team = decision.team;
  t.service = route.service;
  t.config_item = route.config_item;
  t.requester = user_.id;
  t.catalog_item = route.catalog_item;
  t.fields = state_["slots"];
  t.fields.erase("urgency");
  t.fields.erase("impact");
  t.fields.erase("description");
  t.conversation_id = in_.conversation->id;
  t.reason = decision.reason;
  auto created = deps_.tickets->Create(BotActor(), t);
  if (!created.ok()) {
    ctx_["create_error"] = created.status().ToString();
    return HandOff("handoff_failed");
  }
  state_["ticket_id"] = created->id;
  state_["team"] = created->team;
  std::string eta = Eta(created->team);
  std::string text;
  if (type == model::TicketType::kRequest && item != nullptr) {
    std::string approval;
    if (item->approval == "manager") {
      const auto* manager = org_.User(user_.manager);
      if (manager == nullptr && user_.manager.empty()) {
        approval = Say("approval_needed");  // no manager on file: no "(-)" placeholder
      } else {
        approval = Say("approval_manager",
                       {{"manager", manager ? manager->name : user_.manager}});
      }
    }
    text = Say("request_created", {{"ticket_id", created->id},
                                   {"item", item->name},
                                   {"team", TeamName(created->team)},
                                   {"approval", approval},
                                   {"eta", eta}});
  } else {
    text = Say("ticket_created",
               {{"ticket_id", created->id}, {"team", TeamName(created->team)}, {"eta", eta}});
  }
  replies_.push_back({{"kind", "ticket"},
                      {"ticket_id", created->id},
                      {"text", text},
                      {"priority", created->priority}});
  redacted_.push_back(replies_.back());
  Resolve();
}

void Bot::HandOff(const std::string& why_key) {
  std::string team = org_.router ? org_.router->default_team() : "";
  // "Can I speak to someone from <team>?": that team, when the user names one.
  if (why_key == "handoff" || why_key == "handoff_angry") {
    if (std::string named = NamedTeam(last_text_); !named.empty()) team = named;
  }
  if (why_key == "handoff" && team == (org_.router ? org_.router->default_team() : "")) {
    std::string named = TeamNamedIn(org_, last_text_);
    if (named.empty() && Str(ctx_, "first") != last_text_) named = TeamNamedIn(org_, Str(ctx_, "first"));
    if (!named.empty()) team = named;
  }
  state_["status"] = "handed_off";
  state_["team"] = team;
  in_.conversation->team = team;
  if (state_.value("intent", Json()).is_null() || Str(state_, "intent").empty() ||
      why_key == "handoff") {
    state_["intent"] = "human_agent";
  }
  ClearExpect();
  Json reply = {{"kind", "handoff"},
                {"team", team},
                {"text", Say(why_key, {{"team", TeamName(team)}, {"eta", Eta(team)}})}};
  replies_.push_back(reply);
  redacted_.push_back(reply);
  Audit("conversation", in_.conversation->id, "handed_off", {{"team", team}, {"why", why_key}},
        why_key == "handoff"         ? "the user asked for a person"
        : why_key == "handoff_angry" ? "the user is upset"
                                     : "the bot could not help");
}

void Bot::Resolve() {
  state_["status"] = "resolved";
  ClearExpect();
}

}  // namespace sa::dialogue
