// The bot's message catalogs: every text it says, per language, loaded from
// resources/messages/<lang>.json (embedded in the binary at build time).
// Immutable after construction; thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/status.h"

namespace sa::dialogue {

using Params = std::vector<std::pair<std::string, std::string>>;

class Messages {
 public:
  // The catalogs built into the binary (en, ru, zh).
  static Result<Messages> Embedded();
  // Catalogs from JSON texts, language -> text. English must be present: it is
  // the fallback for keys missing in another language.
  static Result<Messages> FromJson(const std::map<std::string, std::string>& texts);

  // The text of `key` in `language` with {name} placeholders replaced.
  // Falls back to English, then to the key itself.
  std::string Say(std::string_view language, std::string_view key, const Params& params = {}) const;
  // A structured entry (object or array), e.g. "status_labels"; null if absent.
  const Json& Entry(std::string_view language, std::string_view key) const;
  // `Entry(language, key)[sub]` as a string, or `sub` itself when absent.
  std::string Label(std::string_view language, std::string_view key, std::string_view sub) const;
  bool Has(std::string_view language) const { return catalogs_.count(std::string(language)) > 0; }

 private:
  std::map<std::string, Json> catalogs_;
};

// Replaces {name} placeholders in `text`.
std::string Fill(std::string text, const Params& params);

}  // namespace sa::dialogue
