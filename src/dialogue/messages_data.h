// Generated at build time from resources/messages/*.json (see CMakeLists.txt).
#pragma once

#include <map>
#include <string>

namespace sa::dialogue {
// language -> JSON text of its catalog.
std::map<std::string, std::string> EmbeddedMessageCatalogs();
}  // namespace sa::dialogue
