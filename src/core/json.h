// The JSON value type shared by modules (nlohmann::json): ticket fields, dialogue
// state and slots, event diffs. It is a vocabulary type, like std::string; see
// docs/ARCHITECTURE.md for why it is allowed in public headers.
#pragma once

#include <nlohmann/json.hpp>

namespace sa {
using Json = nlohmann::json;
}  // namespace sa
