// Helpers shared by the repositories: conversions between model values and
// the portable column encodings (times as FormatTime text, lists and objects
// as JSON text, booleans as 0/1), internal id sequences, and the article and
// org-version writes that both OrgRepo and KnowledgeRepo perform.
// Stateless; each call uses the connection it is given.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/json.h"
#include "core/status.h"
#include "model/org.h"
#include "store/sql.h"

namespace sa::store {

// Time as stored: "2026-11-23T15:21:39Z". Unparsable text reads as the epoch.
std::string TimeText(TimePoint t);
TimePoint ParseStoredTime(std::string_view text);

// JSON as stored. Unparsable text reads as null.
Json ParseStoredJson(std::string_view text);
std::string ListText(const std::vector<std::string>& list);
std::vector<std::string> ParseList(std::string_view text);
std::string MapText(const std::map<std::string, std::string>& map);
std::map<std::string, std::string> ParseMap(std::string_view text);
Json BusinessHoursToJson(const model::BusinessHours& hours);
model::BusinessHours BusinessHoursFromJson(const Json& json);

// The next value (1, 2, ...) of an internal sequence (comment ids, ...).
Result<int64_t> NextSequence(sql::Connection& conn, std::string_view name);

// The org version counter (see OrgRepo::Version).
Result<int64_t> OrgVersion(sql::Connection& conn);
Status BumpOrgVersion(sql::Connection& conn);

// Writes the article as a row of its history (replacing a stored version with
// the same number) and as the current article unless a newer version is
// already current. Does not bump the org version.
Status SaveArticle(sql::Connection& conn, const model::Article& article);
// Columns read by ReadArticle, for "SELECT <kArticleColumns> FROM articles".
extern const char* const kArticleColumns;
model::Article ReadArticle(const sql::Row& row);

// Rows affected -> Status: ok when > 0, else `missing`.
Status RequireChanged(const Result<int64_t>& changed, Status missing);

}  // namespace sa::store
