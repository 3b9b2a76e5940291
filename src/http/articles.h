// Knowledge articles as the API writes and shows them: who may read one,
// strict validation against the organization, saving a change as a new
// version together with its audit event and the translation back-links, and
// the JSON shapes. Shared by api_knowledge.cc, api_articles_edit.cc and
// api_assist.cc. Private to src/http. Pure functions (thread-safe) except
// SaveArticleChange, which writes within the caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/json.h"
#include "core/status.h"
#include "itsm/access.h"
#include "model/org.h"
#include "store/store.h"

namespace sa::knowledge {
struct SearchHit;
}  // namespace sa::knowledge

namespace sa::http {

inline constexpr size_t kMaxArticleTitle = 300;
inline constexpr size_t kMaxArticleBody = 200'000;

// Groups of user `user_id` in `org` (empty for an unknown user).
std::vector<std::string> GroupsOf(const model::OrgPack& org, std::string_view user_id);

// Staff read every article but see retired ones only when `include_retired`;
// others read published articles whose audience is "all" or shares a group.
bool MayRead(const model::Article& article, bool staff, const std::vector<std::string>& groups,
             bool include_retired = false);

// Checks every field of `article` against `org` and rewrites ids to the org's
// spelling. kInvalidArgument whose message names the field: id, title, body,
// language (not among the org's languages), audience (unknown group),
// services (unknown service), tags, status, translations (a language not
// among the org's, or the article's own). Targets of translation links are
// checked by SaveArticleChange, which sees the store.
Status ValidateArticle(const model::OrgPack& org, model::Article* article);

// Saves `article` (validated) as its next version: version = before's + 1
// (1 when `before` is nullopt), author = actor, updated = now. Records one
// audit event (entity "article", `action`, the fields changed) and makes
// every translation link two-way: a linked article gets the link back (a new
// version of it, with its own event), an unlinked one loses it.
// kInvalidArgument when a translation target does not exist or is in
// another language than its key.
Status SaveArticleChange(store::Tx& tx, const Clock& clock, const itsm::Actor& actor,
                         const std::optional<model::Article>& before, model::Article* article,
                         std::string_view action, std::string_view reason = {});

// Everything about an article but its body: id, title, language, translations,
// audience, services, tags, status, version, author, updated.
Json ArticleMetaJson(const model::Article& article);
// One search result.
Json SearchHitJson(const knowledge::SearchHit& hit);

}  // namespace sa::http
