// Reading users' answers to the bot's questions (slot filling), in any of the
// supported languages: choices, yes/no, urgency, impact, dates, numbers,
// emails, colleagues, services, and catalog items. Pure functions over the
// organization snapshot; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/json.h"
#include "dialogue/org_context.h"
#include "model/org.h"
#include "nlu/nlu.h"

namespace sa::dialogue {

// The string at `key` of a JSON object, or "" when absent or not a string.
std::string Str(const Json& j, const char* key);

// Unicode case-folded, trimmed, inner spaces collapsed, quotes dropped.
std::string FoldText(const std::string& text);

// "a, b, c".
std::string JoinOptions(const std::vector<std::string>& options);

// Index of the option the answer picks (exact, contained either way, or its
// number "2"), or -1 when none or several fit equally.
int MatchChoice(const std::string& answer, const std::vector<std::string>& options);

// "low" | "medium" | "high" from an answer to "how urgent?" (localized options
// in the order low, medium, high, or cue words); "" when unclear.
std::string ParseUrgency(const nlu::Engine& nlu, const std::string& answer,
                         const std::vector<std::string>& localized_options,
                         const nlu::AnalyzeContext& ctx);

// "low" (only me) | "medium" (my team) | "high" (everyone, a site, production)
// from free text; "" when it says nothing about it.
std::string ParseImpact(const std::string& text);

bool IsCancel(const std::string& text);     // "cancel", "never mind", "отмена", "算了"...
bool HasNegation(const std::string& text);  // "not", "no,", "не", "不是"...
bool MentionsTried(const std::string& text);  // "already restarted", "уже пробовал", "已经重启"...
bool IsSkip(const std::string& text);  // "skip", "I don't know", "не знаю", "跳过"...
// True when `text` is not written in the script of `language`.
bool ScriptMismatch(const std::string& text, const std::string& language);

// The catalog item a request is most likely about, from its names and
// aliases; "" when no item is clearly best. `fine_intent` (e.g.
// "software_install") adds its words as a hint: generic request kinds name
// what catalogs call their items.
std::string GuessCatalogItem(const OrgSnapshot& org, const std::string& text,
                             const std::string& fine_intent = "");

struct FieldAnswer {
  bool ok = false;
  bool skipped = false;   // the user declined to answer (fine for optional fields)
  // The stored form, by type: choice -> the option's text, yes_no -> "yes" | "no",
  // date -> ISO "YYYY-MM-DD", number -> a JSON number, email -> lowercased address,
  // user -> the user's id, service -> the service id, text -> the answer as given.
  Json value;
  std::string error_key;  // message key for the re-ask (bad_choice, bad_date...)
};

// Validates an answer to a catalog field by its type.
FieldAnswer ParseFieldAnswer(const model::CatalogField& field, const std::string& answer,
                             const OrgSnapshot& org, const nlu::Engine& nlu,
                             const nlu::AnalyzeContext& ctx);

// Field values the request's first message already gives (an option named
// outright, the one date for the item's only date field), so they are not asked.
Json PrefillFields(const model::CatalogItem& item, const std::string& text, const OrgSnapshot& org,
                   const nlu::Engine& nlu, const nlu::AnalyzeContext& ctx);

// What a catalog field asks about the requester themself, from its name and
// prompt (en/ru/zh): "location", "manager", "email", "phone", "device", or ""
// when it asks something else or is about someone else (a new employee...).
std::string ProfileMeaning(const model::CatalogField& field);

// True when the item's prompts speak of someone other than the requester
// ("their first working day", "the new starter", "他"): its fields are then
// never taken from the requester's profile.
bool AboutSomeoneElse(const model::CatalogItem& item);

// The configuration items that are the user's own (their laptop, phone...):
// those whose id, name or a host names the user (their id, full name or
// e-mail local part, as a whole word). The format has no owner field for
// people, so the CMDB's naming is the evidence.
std::vector<const model::ConfigItem*> OwnConfigItems(const OrgSnapshot& org,
                                                     const model::User& user);

// Field values the user's profile and the CMDB already tell (location,
// manager, e-mail, phone, their one device) for fields about the requester,
// so they are not asked: {field name: value}. A choice field is filled only
// when one of its options names the profile's value.
Json ProfileFields(const model::CatalogItem& item, const model::User& user,
                   const OrgSnapshot& org);

// The entities left once the user's own corrections are taken into account:
// a service negated where it is named ("not Outlook", "не почта, а ...",
// "不是邮件") or named only before a self-correction ("no sorry", "ой, нет",
// "说错了") that brings up another one is dropped. Never drops every service.
std::vector<nlu::Entity> WithoutRetracted(const std::string& text,
                                          const std::vector<nlu::Entity>& entities);

// The team the text names ("someone from clinical apps" -> clinical-apps):
// its name or id, word by word (a word may be abbreviated: "apps"); a
// one-word name only next to "team" / "отдел". "" when none.
std::string TeamNamedIn(const OrgSnapshot& org, const std::string& text);

// A question about how to do or fix something ("how do I", "как мне", "怎么", "咋整").
bool AsksHowTo(const std::string& text);
// The text reports something broken ("error", "won't", "не работает", "打不开").
bool DescribesFault(const std::string& text);

}  // namespace sa::dialogue
