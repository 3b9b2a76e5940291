// The terminal channel: a user talks to the bot line by line on a terminal
// (`smartassist chat --user ID`). Same engine as every other channel; this
// adapter only renders replies as text and reads answers.
#pragma once

#include <iosfwd>
#include <string>

#include "core/json.h"
#include "dialogue/engine.h"

namespace sa::channels {

// Renders one reply for a terminal: articles with their snippet and link,
// choices numbered, notices with their window, tickets and handoffs marked.
std::string RenderForTerminal(const Json& reply);

// Opens a conversation for `user` and relays lines from `in` until end of
// input, "/quit", or the conversation ends. Returns a process exit code.
int RunTerminalChat(dialogue::Engine& engine, const std::string& user, std::istream& in,
                    std::ostream& out);

}  // namespace sa::channels
