#include "channels/terminal.h"

#include <iostream>

#include "core/ids.h"

namespace sa::channels {
namespace {

std::string Str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void Print(std::ostream& out, const dialogue::Turn& turn) {
  for (const auto& r : turn.replies) out << RenderForTerminal(r) << "\n";
  out.flush();
}

}  // namespace

std::string RenderForTerminal(const Json& reply) {
  const std::string kind = Str(reply, "kind");
  std::string text = "bot> " + Str(reply, "text");
  if (kind == "article") {
    text += "\n     [" + Str(reply, "article_id") + "] " + Str(reply, "title");
    if (!Str(reply, "snippet").empty()) text += "\n     " + Str(reply, "snippet");
  } else if (kind == "choices" && reply.contains("options")) {
    int n = 1;
    for (const auto& o : reply["options"]) {
      text += "\n     " + std::to_string(n++) + ". " +
              (o.is_string() ? o.get<std::string>() : o.dump());
    }
  } else if (kind == "notice") {
    std::string id =
        Str(reply, "change_id").empty() ? Str(reply, "incident_id") : Str(reply, "change_id");
    text += "\n     [" + id + "]";
  } else if (kind == "ticket") {
    text += "\n     [" + Str(reply, "ticket_id") + "]";
  } else if (kind == "handoff") {
    text += "\n     [handed to team " + Str(reply, "team") + "]";
  }
  return text;
}

int RunTerminalChat(dialogue::Engine& engine, const std::string& user, std::istream& in,
                    std::ostream& out) {
  itsm::Actor actor;
  actor.id = "terminal";
  actor.role = itsm::Role::kIntegration;
  actor.channel = "terminal";
  actor.on_behalf_of = user;
  auto opened = engine.Open(actor, user, "terminal");
  if (!opened.ok()) {
    std::cerr << "error: " << opened.status().message() << "\n";
    return 1;
  }
  Print(out, *opened);
  const std::string id = opened->conversation_id;
  std::string line;
  while (true) {
    auto expecting = opened->state.value("expecting", Json());
    out << "you> " << std::flush;
    if (!std::getline(in, line)) break;
    if (line == "/quit" || line == "/exit") break;
    if (line.empty()) continue;
    if (expecting.is_object() && expecting.contains("options")) {
      // "2" picks the second option.
      try {
        size_t k = std::stoul(line);
        if (k >= 1 && k <= expecting["options"].size() && std::to_string(k) == line) {
          line = expecting["options"][k - 1].get<std::string>();
        }
      } catch (...) {
      }
    }
    auto turn = engine.Message(actor, id, line, NewUuid());
    if (!turn.ok()) {
      out << "error: " << turn.status().message() << "\n";
      continue;
    }
    Print(out, *turn);
    opened->state = turn->state;
    std::string status = turn->state.value("status", "");
    if (status == "closed") break;
  }
  out << "\n";
  return 0;
}

}  // namespace sa::channels
