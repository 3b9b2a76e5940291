#include "dialogue/messages.h"

#include "dialogue/messages_data.h"

namespace sa::dialogue {

std::string Fill(std::string text, const Params& params) {
  for (const auto& [name, value] : params) {
    const std::string token = "{" + name + "}";
    for (size_t pos = text.find(token); pos != std::string::npos;
         pos = text.find(token, pos + value.size())) {
      text.replace(pos, token.size(), value);
    }
  }
  return text;
}

Result<Messages> Messages::Embedded() { return FromJson(EmbeddedMessageCatalogs()); }

Result<Messages> Messages::FromJson(const std::map<std::string, std::string>& texts) {
  Messages m;
  for (const auto& [lang, text] : texts) {
    Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) {
      return InvalidArgument("message catalog \"" + lang + "\" is not a JSON object");
    }
    m.catalogs_[lang] = std::move(j);
  }
  if (!m.catalogs_.count("en")) return InvalidArgument("the English message catalog is missing");
  return m;
}

const Json& Messages::Entry(std::string_view language, std::string_view key) const {
  static const Json kNull;
  for (const std::string& lang : {std::string(language), std::string("en")}) {
    auto it = catalogs_.find(lang);
    if (it == catalogs_.end()) continue;
    auto entry = it->second.find(std::string(key));
    if (entry != it->second.end()) return *entry;
  }
  return kNull;
}

std::string Messages::Say(std::string_view language, std::string_view key,
                          const Params& params) const {
  const Json& entry = Entry(language, key);
  if (!entry.is_string()) return std::string(key);
  return Fill(entry.get<std::string>(), params);
}

std::string Messages::Label(std::string_view language, std::string_view key,
                            std::string_view sub) const {
  const Json& entry = Entry(language, key);
  if (entry.is_object()) {
    auto it = entry.find(std::string(sub));
    if (it != entry.end() && it->is_string()) return it->get<std::string>();
  }
  return std::string(sub);
}

}  // namespace sa::dialogue
