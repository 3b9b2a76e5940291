#include "http/articles.h"

#include <algorithm>
#include <set>

#include "core/ids.h"
#include "itsm/audit.h"
#include "knowledge/knowledge.h"

namespace sa::http {

namespace {

Status FieldError(std::string_view field, const std::string& message) {
  return InvalidArgument("field \"" + std::string(field) + "\": " + message);
}

bool Contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// Rewrites each id of `ids` to the spelling of the matching id in `known`
// (ids compare ignoring case) and drops duplicates; the first unknown one is
// an error on `field`.
template <typename T>
Status ResolveIds(const std::vector<T>& known, std::string_view field, std::string_view what,
                  std::vector<std::string>* ids) {
  std::vector<std::string> out;
  for (const std::string& id : *ids) {
    auto it =
        std::find_if(known.begin(), known.end(), [&](const T& k) { return SameId(k.id, id); });
    if (it == known.end())
      return FieldError(field, "unknown " + std::string(what) + " \"" + id + "\"");
    if (!Contains(out, it->id)) out.push_back(it->id);
  }
  *ids = std::move(out);
  return Status::Ok();
}

// {"field": {"old": ..., "new": ...}} for the fields that differ.
Json Changes(const std::optional<model::Article>& before, const model::Article& after) {
  Json changes = Json::object();
  auto field = [&](const char* name, const Json& old_value, const Json& new_value) {
    if (!before) {
      changes[name] = {{"new", new_value}};
    } else if (old_value != new_value) {
      changes[name] = {{"old", old_value}, {"new", new_value}};
    }
  };
  const model::Article empty;
  const model::Article& b = before ? *before : empty;
  field("title", b.title, after.title);
  field("language", b.language, after.language);
  field("status", b.status, after.status);
  field("audience", b.audience, after.audience);
  field("services", b.services, after.services);
  field("tags", b.tags, after.tags);
  field("translations", b.translations, after.translations);
  if (!before || b.body != after.body) {
    // The text itself stays in the article's versions, not in the audit log.
    changes["body"] = {{"old_bytes", b.body.size()}, {"new_bytes", after.body.size()}};
  }
  changes["version"] = {{"new", after.version}};
  return changes;
}

Status SaveVersion(store::Tx& tx, const Clock& clock, const itsm::Actor& actor,
                   const std::optional<model::Article>& before, model::Article* article,
                   std::string_view action, std::string_view reason) {
  article->version = before ? before->version + 1 : 1;
  article->author = actor.id;
  article->updated = clock.Now();
  SA_RETURN_IF_ERROR(tx.knowledge().Save(*article));
  model::Event event;
  event.actor = actor.id;
  event.channel = actor.channel;
  event.entity = "article";
  event.entity_id = article->id;
  event.action = std::string(action);
  event.changes = Changes(before, *article);
  event.reason = std::string(reason);
  return itsm::RecordEvent(tx, clock, std::move(event));
}

}  // namespace

std::vector<std::string> GroupsOf(const model::OrgPack& org, std::string_view user_id) {
  for (const model::User& u : org.users) {
    if (SameId(u.id, user_id)) return u.groups;
  }
  return {};
}

bool MayRead(const model::Article& article, bool staff, const std::vector<std::string>& groups,
             bool include_retired) {
  if (article.status == "retired") return staff && include_retired;
  if (staff) return true;
  if (article.status != "published") return false;
  for (const std::string& g : article.audience) {
    if (g == "all" || Contains(groups, g)) return true;
  }
  return false;
}

Status ValidateArticle(const model::OrgPack& org, model::Article* a) {
  if (!IsValidId(a->id)) {
    return FieldError("id",
                      "\"" + a->id + "\" is not a valid id ([A-Za-z0-9][A-Za-z0-9._-]{0,63})");
  }
  if (a->title.empty()) return FieldError("title", "must not be empty");
  if (a->title.size() > kMaxArticleTitle) return FieldError("title", "longer than 300 bytes");
  if (a->body.empty()) return FieldError("body", "must not be empty");
  if (a->body.size() > kMaxArticleBody) return FieldError("body", "longer than 200000 bytes");
  const std::vector<std::string>& languages = org.organization.languages;
  auto known_language = [&](const std::string& l) {
    return languages.empty() ? l == "en" : Contains(languages, l);
  };
  if (!known_language(a->language)) {
    return FieldError("language",
                      "\"" + a->language + "\" is not one of the organization's languages");
  }
  if (a->status != "draft" && a->status != "published" && a->status != "retired") {
    return FieldError("status", "expected draft, published or retired, got \"" + a->status + "\"");
  }
  if (a->audience.empty()) return FieldError("audience", "must name \"all\" or at least one group");
  std::vector<std::string> groups;
  bool all = false;
  for (const std::string& g : a->audience) {
    if (g == "all") {
      all = true;
    } else {
      groups.push_back(g);
    }
  }
  SA_RETURN_IF_ERROR(ResolveIds(org.user_groups, "audience", "user group", &groups));
  a->audience = all ? std::vector<std::string>{"all"} : groups;
  SA_RETURN_IF_ERROR(ResolveIds(org.services, "services", "service", &a->services));
  std::vector<std::string> tags;
  for (const std::string& t : a->tags) {
    if (t.empty() || t.size() > 64) return FieldError("tags", "each tag must have 1 to 64 bytes");
    if (!Contains(tags, t)) tags.push_back(t);
  }
  a->tags = std::move(tags);
  for (auto& [language, target] : a->translations) {
    if (!known_language(language)) {
      return FieldError("translations",
                        "\"" + language + "\" is not one of the organization's languages");
    }
    if (language == a->language) {
      return FieldError("translations",
                        "an article is not its own translation (\"" + language + "\")");
    }
    if (!IsValidId(target) || SameId(target, a->id)) {
      return FieldError("translations", "\"" + target + "\" is not another article's id");
    }
  }
  return Status::Ok();
}

Status SaveArticleChange(store::Tx& tx, const Clock& clock, const itsm::Actor& actor,
                         const std::optional<model::Article>& before, model::Article* article,
                         std::string_view action, std::string_view reason) {
  // Translation targets must exist in the language they are linked under.
  for (auto& [language, target] : article->translations) {
    SA_ASSIGN_OR_RETURN(std::optional<model::Article> linked, tx.knowledge().Get(target));
    if (!linked) return FieldError("translations", "no article \"" + target + "\"");
    if (linked->language != language) {
      return FieldError("translations", "\"" + linked->id + "\" is in \"" + linked->language +
                                            "\", not \"" + language + "\"");
    }
    target = linked->id;
  }
  SA_RETURN_IF_ERROR(SaveVersion(tx, clock, actor, before, article, action, reason));

  // Two-way links: every article linked before or now gets exactly one link
  // back, under this article's language, when it is linked now.
  std::set<std::string> touched;
  for (const auto& [language, target] : article->translations) touched.insert(FoldId(target));
  if (before) {
    for (const auto& [language, target] : before->translations) touched.insert(FoldId(target));
  }
  for (const std::string& key : touched) {
    SA_ASSIGN_OR_RETURN(std::optional<model::Article> other, tx.knowledge().Get(key));
    if (!other) continue;  // a link that was already dangling
    bool linked = false;
    for (const auto& [language, target] : article->translations) linked |= SameId(target, key);
    std::map<std::string, std::string> links = other->translations;
    std::erase_if(links, [&](const auto& link) { return SameId(link.second, article->id); });
    if (linked) links[article->language] = article->id;
    if (links == other->translations) continue;
    model::Article updated = *other;
    updated.translations = std::move(links);
    SA_RETURN_IF_ERROR(SaveVersion(tx, clock, actor, other, &updated, "updated",
                                   "translation link of " + article->id));
  }
  return Status::Ok();
}

Json ArticleMetaJson(const model::Article& a) {
  return {{"id", a.id},
          {"title", a.title},
          {"language", a.language},
          {"translations", a.translations},
          {"audience", a.audience},
          {"services", a.services},
          {"tags", a.tags},
          {"status", a.status},
          {"version", a.version},
          {"author", a.author},
          {"updated", FormatTime(a.updated)}};
}

Json SearchHitJson(const knowledge::SearchHit& hit) {
  return {{"id", hit.article_id},     {"title", hit.title},
          {"language", hit.language}, {"services", hit.services},
          {"snippet", hit.snippet},   {"confidence", hit.confidence},
          {"score", hit.score},       {"other_language", hit.other_language}};
}

}  // namespace sa::http
