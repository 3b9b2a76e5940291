// Strict reading of request input: JSON bodies and query parameters. Every
// problem becomes a kInvalidArgument whose message says what is wrong:
//   malformed JSON: syntax error at line 1, column 9: ...
//   unknown field "foo"
//   field "limit": expected integer
//   field "title": required
// Readers remember the first problem; callers read every field, then check
// status() once. Not thread-safe (one request's scratch object).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/status.h"

namespace sa::http {

// Parses `body` as a JSON object. An empty body is an empty object when
// `empty_is_object`, else an error.
Result<Json> ParseJsonObject(std::string_view body, bool empty_is_object = false);

// Reads fields of one JSON object. Construction checks that every field of
// the object is among `known`.
class JsonReader {
 public:
  JsonReader(const Json& object, std::initializer_list<std::string_view> known);

  // Absent -> nullopt. A JSON null reads as absent, except where said.
  std::optional<std::string> OptString(std::string_view name);
  std::string String(std::string_view name);  // required, non-empty
  // Absent -> nullopt; null -> "" (to clear a reference such as an assignee).
  std::optional<std::string> OptStringOrNull(std::string_view name);
  std::optional<int64_t> OptInt(std::string_view name);
  std::optional<bool> OptBool(std::string_view name);
  std::optional<Json> OptObject(std::string_view name);
  // A list of strings.
  std::optional<std::vector<std::string>> OptStringList(std::string_view name);

  bool Has(std::string_view name) const;
  const Status& status() const { return status_; }

 private:
  const Json* Field(std::string_view name);
  void Fail(std::string message);

  const Json& object_;
  Status status_;
};

// Reads query parameters with the same rules ("parameter" instead of "field").
class QueryReader {
 public:
  QueryReader(const std::map<std::string, std::string>& query,
              std::initializer_list<std::string_view> known);

  std::string String(std::string_view name);  // "" when absent
  std::optional<int64_t> OptInt(std::string_view name, int64_t min, int64_t max);
  std::optional<bool> OptBool(std::string_view name);  // true/false/1/0
  const Status& status() const { return status_; }

 private:
  void Fail(std::string message);

  const std::map<std::string, std::string>& query_;
  Status status_;
};

}  // namespace sa::http
