#include "http/json_input.h"

#include <charconv>

namespace sa::http {

namespace {

const char* TypeName(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return "boolean";
    case Json::value_t::string:
      return "string";
    case Json::value_t::array:
      return "array";
    case Json::value_t::object:
      return "object";
    case Json::value_t::binary:
      return "binary";
    case Json::value_t::discarded:
      return "discarded";
    default:
      return "number";
  }
}

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

}  // namespace

Result<Json> ParseJsonObject(std::string_view body, bool empty_is_object) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    if (empty_is_object) return Json::object();
    return InvalidArgument("malformed JSON: the request body is empty; expected a JSON object");
  }
  Json value;
  try {
    value = Json::parse(body.begin(), body.end());
  } catch (const Json::parse_error& e) {
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 9: ..." -> after "] ".
    size_t cut = what.find("] ");
    return InvalidArgument("malformed JSON: " +
                           (cut == std::string::npos ? what : what.substr(cut + 2)));
  }
  if (!value.is_object()) {
    return InvalidArgument(std::string("malformed JSON: expected an object, got ") +
                           TypeName(value));
  }
  return value;
}

JsonReader::JsonReader(const Json& object, std::initializer_list<std::string_view> known)
    : object_(object) {
  for (const auto& [key, unused] : object_.items()) {
    bool found = false;
    for (std::string_view k : known) found = found || k == key;
    if (!found) {
      Fail("unknown field " + Quote(key));
      return;
    }
  }
}

void JsonReader::Fail(std::string message) {
  if (status_.ok()) status_ = InvalidArgument(std::move(message));
}

bool JsonReader::Has(std::string_view name) const { return object_.contains(std::string(name)); }

const Json* JsonReader::Field(std::string_view name) {
  auto it = object_.find(std::string(name));
  if (it == object_.end()) return nullptr;
  return &*it;
}

std::optional<std::string> JsonReader::OptString(std::string_view name) {
  const Json* v = Field(name);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_string()) {
    Fail("field " + Quote(name) + ": expected string, got " + TypeName(*v));
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<std::string> JsonReader::OptStringOrNull(std::string_view name) {
  const Json* v = Field(name);
  if (v == nullptr) return std::nullopt;
  if (v->is_null()) return std::string();
  return OptString(name);
}

std::string JsonReader::String(std::string_view name) {
  const Json* v = Field(name);
  if (v == nullptr || v->is_null()) {
    Fail("field " + Quote(name) + ": required");
    return {};
  }
  std::optional<std::string> s = OptString(name);
  if (s && s->empty()) {
    Fail("field " + Quote(name) + ": must not be empty");
    return {};
  }
  return s.value_or("");
}

std::optional<int64_t> JsonReader::OptInt(std::string_view name) {
  const Json* v = Field(name);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_number_integer()) {
    Fail("field " + Quote(name) + ": expected integer, got " + TypeName(*v));
    return std::nullopt;
  }
  return v->get<int64_t>();
}

std::optional<bool> JsonReader::OptBool(std::string_view name) {
  const Json* v = Field(name);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_boolean()) {
    Fail("field " + Quote(name) + ": expected boolean, got " + TypeName(*v));
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<Json> JsonReader::OptObject(std::string_view name) {
  const Json* v = Field(name);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_object()) {
    Fail("field " + Quote(name) + ": expected object, got " + TypeName(*v));
    return std::nullopt;
  }
  return *v;
}

std::optional<std::vector<std::string>> JsonReader::OptStringList(std::string_view name) {
  const Json* v = Field(name);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_array()) {
    Fail("field " + Quote(name) + ": expected array of strings, got " + TypeName(*v));
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const Json& item : *v) {
    if (!item.is_string()) {
      Fail("field " + Quote(name) + ": expected array of strings, got an element of type " +
           TypeName(item));
      return std::nullopt;
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

QueryReader::QueryReader(const std::map<std::string, std::string>& query,
                         std::initializer_list<std::string_view> known)
    : query_(query) {
  for (const auto& [key, unused] : query_) {
    bool found = false;
    for (std::string_view k : known) found = found || k == key;
    if (!found) {
      Fail("unknown parameter " + Quote(key));
      return;
    }
  }
}

void QueryReader::Fail(std::string message) {
  if (status_.ok()) status_ = InvalidArgument(std::move(message));
}

std::string QueryReader::String(std::string_view name) {
  auto it = query_.find(std::string(name));
  return it == query_.end() ? std::string() : it->second;
}

std::optional<int64_t> QueryReader::OptInt(std::string_view name, int64_t min, int64_t max) {
  auto it = query_.find(std::string(name));
  if (it == query_.end()) return std::nullopt;
  const std::string& text = it->second;
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) {
    Fail("parameter " + Quote(name) + ": expected integer");
    return std::nullopt;
  }
  if (value < min || value > max) {
    Fail("parameter " + Quote(name) + ": must be between " + std::to_string(min) + " and " +
         std::to_string(max));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> QueryReader::OptBool(std::string_view name) {
  auto it = query_.find(std::string(name));
  if (it == query_.end()) return std::nullopt;
  if (it->second == "true" || it->second == "1") return true;
  if (it->second == "false" || it->second == "0") return false;
  Fail("parameter " + Quote(name) + ": expected boolean (true or false)");
  return std::nullopt;
}

}  // namespace sa::http
