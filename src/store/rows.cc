#include "store/rows.h"

#include "core/ids.h"

namespace sa::store {

std::string TimeText(TimePoint t) { return FormatTime(t); }

TimePoint ParseStoredTime(std::string_view text) {
  auto parsed = ParseTime(text);
  return parsed.ok() ? *parsed : TimePoint{};
}

Json ParseStoredJson(std::string_view text) {
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  return json.is_discarded() ? Json(nullptr) : json;
}

std::string ListText(const std::vector<std::string>& list) { return Json(list).dump(); }

std::vector<std::string> ParseList(std::string_view text) {
  std::vector<std::string> out;
  Json json = ParseStoredJson(text);
  if (!json.is_array()) return out;
  for (const auto& item : json) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

std::string MapText(const std::map<std::string, std::string>& map) { return Json(map).dump(); }

std::map<std::string, std::string> ParseMap(std::string_view text) {
  std::map<std::string, std::string> out;
  Json json = ParseStoredJson(text);
  if (!json.is_object()) return out;
  for (const auto& [key, value] : json.items()) {
    if (value.is_string()) out[key] = value.get<std::string>();
  }
  return out;
}

Json BusinessHoursToJson(const model::BusinessHours& hours) {
  return Json{{"days", hours.days}, {"from", hours.from_minute}, {"to", hours.to_minute}};
}

model::BusinessHours BusinessHoursFromJson(const Json& json) {
  model::BusinessHours hours;
  if (!json.is_object()) return hours;
  if (auto it = json.find("days"); it != json.end() && it->is_array()) {
    for (const auto& d : *it) {
      if (d.is_number_integer()) hours.days.push_back(d.get<int>());
    }
  }
  hours.from_minute = json.value("from", 0);
  hours.to_minute = json.value("to", 0);
  return hours;
}

Result<int64_t> NextSequence(sql::Connection& conn, std::string_view name) {
  SA_ASSIGN_OR_RETURN(auto rows, conn.Query(R"(INSERT INTO sequences (name, value) VALUES ($1, 1)
ON CONFLICT (name) DO UPDATE SET value = sequences.value + 1 RETURNING value)",
                                            {name}));
  if (rows.empty()) return Internal("store: sequence " + std::string(name) + " returned nothing");
  return rows[0].Int(0);
}

Result<int64_t> OrgVersion(sql::Connection& conn) {
  SA_ASSIGN_OR_RETURN(auto rows,
                      conn.Query("SELECT value FROM sequences WHERE name = 'org_version'"));
  return rows.empty() ? int64_t{0} : rows[0].Int(0);
}

Status BumpOrgVersion(sql::Connection& conn) { return NextSequence(conn, "org_version").status(); }

const char* const kArticleColumns =
    "id, title, language, translations, audience, services, tags, body, status, version, "
    "author, updated";

model::Article ReadArticle(const sql::Row& row) {
  sql::RowReader r(row);
  model::Article a;
  a.id = r.Text();
  a.title = r.Text();
  a.language = r.Text();
  a.translations = ParseMap(r.Text());
  a.audience = ParseList(r.Text());
  a.services = ParseList(r.Text());
  a.tags = ParseList(r.Text());
  a.body = r.Text();
  a.status = r.Text();
  a.version = static_cast<int>(r.Int());
  a.author = r.Text();
  a.updated = ParseStoredTime(r.Text());
  return a;
}

Status SaveArticle(sql::Connection& conn, const model::Article& a) {
  sql::Params params = {FoldId(a.id),
                        a.id,
                        a.title,
                        a.language,
                        MapText(a.translations),
                        ListText(a.audience),
                        ListText(a.services),
                        ListText(a.tags),
                        a.body,
                        a.status,
                        a.version,
                        a.author,
                        TimeText(a.updated)};
  auto current = conn.Exec(R"(INSERT INTO articles (id_key, id, title, language, translations,
  audience, services, tags, body, status, version, author, updated)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
ON CONFLICT (id_key) DO UPDATE SET id = excluded.id, title = excluded.title,
  language = excluded.language, translations = excluded.translations,
  audience = excluded.audience, services = excluded.services, tags = excluded.tags,
  body = excluded.body, status = excluded.status, version = excluded.version,
  author = excluded.author, updated = excluded.updated
WHERE excluded.version >= articles.version)",
                           params);
  if (!current.ok()) return current.status();
  auto history = conn.Exec(R"(INSERT INTO article_versions (id_key, id, title, language,
  translations, audience, services, tags, body, status, version, author, updated)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
ON CONFLICT (id_key, version) DO UPDATE SET id = excluded.id, title = excluded.title,
  language = excluded.language, translations = excluded.translations,
  audience = excluded.audience, services = excluded.services, tags = excluded.tags,
  body = excluded.body, status = excluded.status, author = excluded.author,
  updated = excluded.updated)",
                           params);
  return history.status();
}

Status RequireChanged(const Result<int64_t>& changed, Status missing) {
  if (!changed.ok()) return changed.status();
  return *changed > 0 ? Status::Ok() : missing;
}

}  // namespace sa::store
