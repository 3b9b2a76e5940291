// A test-only dialogue::Engine that echoes messages back, to prove the HTTP
// conversation routes are wired to the engine interface (the real engine is
// the dialogue module's). Keeps conversations in memory; thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "core/ids.h"
#include "dialogue/engine.h"

namespace sa::http::testing {

class EchoEngine : public dialogue::Engine {
 public:
  Result<dialogue::Turn> Open(const itsm::Actor& actor, std::string_view user,
                              std::string_view channel) override {
    if (actor.role == itsm::Role::kUser && !SameId(actor.id, user)) {
      return PermissionDenied("users open conversations only for themselves");
    }
    std::lock_guard lock(mu_);
    std::string id = NewUuid();
    Conv& c = convs_[id];
    c.id = id;
    c.user = std::string(user);
    c.channel = std::string(channel);
    c.transcript.push_back({{"role", "bot"}, {"text", "hello " + c.user}});
    return TurnOf(c, Json::array({{{"kind", "text"}, {"text", "hello " + c.user}}}));
  }

  Result<dialogue::Turn> Message(const itsm::Actor& actor, std::string_view id,
                                 std::string_view text,
                                 std::string_view client_message_id) override {
    std::lock_guard lock(mu_);
    SA_ASSIGN_OR_RETURN(Conv * c, Find(actor, id));
    std::string key(client_message_id);
    if (!key.empty() && c->answers.count(key)) return c->answers[key];
    c->transcript.push_back({{"role", "user"}, {"text", std::string(text)}});
    dialogue::Turn turn =
        TurnOf(*c, Json::array({{{"kind", "text"}, {"text", "echo: " + std::string(text)}}}));
    if (!key.empty()) c->answers[key] = turn;
    return turn;
  }

  Result<Json> Get(const itsm::Actor& actor, std::string_view id) override {
    std::lock_guard lock(mu_);
    SA_ASSIGN_OR_RETURN(Conv * c, Find(actor, id));
    return Json{{"id", c->id},
                {"user", c->user},
                {"channel", c->channel},
                {"transcript", c->transcript},
                {"state", State(*c)}};
  }

  Result<Json> List(const itsm::Actor& actor, std::string_view, std::string_view,
                    int limit) override {
    std::lock_guard lock(mu_);
    Json out = Json::array();
    for (auto& [id, c] : convs_) {
      if (Visible(actor, c)) out.push_back({{"id", id}, {"user", c.user}});
    }
    return out;
  }

  Result<dialogue::Turn> TakeOver(const itsm::Actor& agent, std::string_view id) override {
    std::lock_guard lock(mu_);
    SA_ASSIGN_OR_RETURN(Conv * c, Find(agent, id));
    c->agent = agent.id;
    return TurnOf(*c, Json::array({{{"kind", "text"}, {"text", agent.id + " joined"}}}));
  }

  Result<dialogue::Turn> AgentMessage(const itsm::Actor& agent, std::string_view id,
                                      std::string_view text) override {
    std::lock_guard lock(mu_);
    SA_ASSIGN_OR_RETURN(Conv * c, Find(agent, id));
    if (c->agent != agent.id) return FailedPrecondition("take the conversation over first");
    return TurnOf(*c, Json::array({{{"kind", "text"}, {"text", std::string(text)}}}));
  }

  Result<dialogue::Turn> Release(const itsm::Actor& agent, std::string_view id) override {
    std::lock_guard lock(mu_);
    SA_ASSIGN_OR_RETURN(Conv * c, Find(agent, id));
    c->agent.clear();
    return TurnOf(*c, Json::array({{{"kind", "text"}, {"text", "the bot is back"}}}));
  }

 private:
  struct Conv {
    std::string id, user, channel, agent;
    Json transcript = Json::array();
    std::map<std::string, dialogue::Turn> answers;
  };

  static bool Visible(const itsm::Actor& a, const Conv& c) {
    if (a.role == itsm::Role::kAdmin || a.role == itsm::Role::kAgent) return true;
    return SameId(a.EffectiveUser(), c.user);
  }
  Result<Conv*> Find(const itsm::Actor& actor, std::string_view id) {
    auto it = convs_.find(std::string(id));
    if (it == convs_.end() || !Visible(actor, it->second)) {
      return NotFound("no conversation \"" + std::string(id) + "\"");
    }
    return &it->second;
  }
  static Json State(const Conv& c) {
    return {{"status", c.agent.empty() ? "active" : "handed_off"},
            {"language", "en"},
            {"expecting", nullptr},
            {"slots", Json::object()}};
  }
  static dialogue::Turn TurnOf(const Conv& c, Json replies) {
    dialogue::Turn t;
    t.conversation_id = c.id;
    t.replies = std::move(replies);
    t.state = State(c);
    return t;
  }

  std::mutex mu_;
  std::map<std::string, Conv> convs_;
};

}  // namespace sa::http::testing
