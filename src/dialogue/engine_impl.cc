// The Engine: conversations, their transcripts and idempotency, agent
// takeover; each user message is handed to a Bot (bot.h) for one turn.
#include <map>
#include <mutex>

#include "core/ids.h"
#include "dialogue/bot.h"
#include "dialogue/dialogue.h"
#include "dialogue/masking.h"
#include "itsm/audit.h"

namespace sa::dialogue {
namespace {

const std::vector<std::string>& Channels() {
  static const std::vector<std::string> kChannels = {"web",   "email", "slack",
                                                     "teams", "api",   "terminal"};
  return kChannels;
}

// The contract's state: everything but the private "ctx".
Json PublicState(const model::Conversation& c) {
  Json s = c.state;
  s.erase("ctx");
  for (const char* key : {"intent", "service", "expecting", "ticket_id", "team"}) {
    if (!s.contains(key)) s[key] = nullptr;
  }
  if (!s.contains("confidence")) s["confidence"] = 0.0;
  if (!s.contains("slots")) s["slots"] = Json::object();
  s["status"] = c.status;
  return s;
}

Json EntryJson(const model::TranscriptEntry& e) {
  Json j = {{"seq", e.seq},
            {"role", e.role},
            {"author", e.author},
            {"text", e.text},
            {"at", FormatTime(e.at)}};
  if (e.role != "user") j["replies"] = e.replies;
  return j;
}

class EngineImpl : public Engine {
 public:
  explicit EngineImpl(EngineDeps deps)
      : deps_(std::move(deps)),
        codes_(deps_.clock, automation::CodeIssuerOptions{std::chrono::seconds(600), 3, 3}) {}

  Result<Turn> Open(const itsm::Actor& actor, std::string_view user_ref,
                    std::string_view channel) override {
    SA_ASSIGN_OR_RETURN(auto org, deps_.org->Current());
    const model::User* user = org->User(user_ref);
    if (user == nullptr) user = org->UserByEmail(user_ref);
    if (user == nullptr) return NotFound("unknown user \"" + std::string(user_ref) + "\"");
    if (!deps_.tickets->policy().CanActAsUser(actor, user->id)) {
      return PermissionDenied("this token may not open conversations for user \"" + user->id +
                              "\"");
    }
    const std::string ch = channel.empty() ? "api" : std::string(channel);
    if (std::find(Channels().begin(), Channels().end(), ch) == Channels().end()) {
      return InvalidArgument("unknown channel \"" + ch +
                             "\" (expected web, email, slack, teams, api or terminal)");
    }
    model::Conversation c;
    c.id = NewUuid();
    c.user_id = user->id;
    c.channel = ch;
    c.language = user->language.empty() ? org->DefaultLanguage() : user->language;
    c.created = c.updated = deps_.clock->Now();
    c.state = {{"status", "active"},      {"language", c.language}, {"intent", nullptr},
               {"confidence", 0.0},       {"service", nullptr},     {"expecting", nullptr},
               {"slots", Json::object()}, {"ticket_id", nullptr},   {"team", nullptr}};
    Bot bot(deps_, codes_, {org.get(), user, &c, c.created});
    bot.Greet();
    c.status = c.state.value("status", "active");
    model::TranscriptEntry greeting;
    greeting.conversation_id = c.id;
    greeting.role = "bot";
    greeting.author = "bot";
    greeting.text = JoinTexts(bot.redacted_replies());
    greeting.replies = bot.redacted_replies();
    greeting.at = c.created;
    SA_RETURN_IF_ERROR(deps_.store->Transact([&](store::Tx& tx) -> Status {
      SA_RETURN_IF_ERROR(tx.conversations().Insert(c));
      SA_ASSIGN_OR_RETURN(auto seq, tx.conversations().Append(greeting));
      (void)seq;
      model::Event e;
      e.actor = actor.id;
      e.channel = ch;
      e.entity = "conversation";
      e.entity_id = c.id;
      e.action = "opened";
      e.changes = {{"user", user->id}};
      return itsm::RecordEvent(tx, *deps_.clock, e);
    }));
    return Turn{c.id, bot.replies(), PublicState(c)};
  }

  Result<Turn> Message(const itsm::Actor& actor, std::string_view id, std::string_view text,
                       std::string_view client_message_id) override {
    if (text.empty()) return InvalidArgument("field \"text\": must not be empty");
    if (text.size() > 8000) return TooLarge("field \"text\": at most 8000 bytes");
    auto lock = LockFor(id);
    SA_ASSIGN_OR_RETURN(auto conv, Load(actor, id));
    if (!client_message_id.empty()) {
      std::optional<model::TranscriptEntry> seen;
      SA_RETURN_IF_ERROR(deps_.store->Transact([&](store::Tx& tx) -> Status {
        SA_ASSIGN_OR_RETURN(seen,
                            tx.conversations().FindByClientMessageId(conv.id, client_message_id));
        return Status::Ok();
      }));
      if (seen && seen->response.is_object()) {
        return Turn{conv.id, seen->response.value("replies", Json::array()),
                    seen->response.value("state", Json::object())};
      }
    }
    SA_ASSIGN_OR_RETURN(auto org, deps_.org->Current());
    const model::User* user = org->User(conv.user_id);
    if (user == nullptr) return FailedPrecondition("the conversation's user no longer exists");

    const TimePoint now = deps_.clock->Now();
    Masked masked = MaskSecrets(text);
    Json replies = Json::array();
    Json stored_replies = Json::array();
    bool secret = false;
    if (!conv.agent.empty() || conv.status == "handed_off") {
      // A person has it: the bot stays quiet (the agent sees the message live).
      if (conv.agent.empty()) {
        const auto* team = org->Team(conv.team);
        Json r = {
            {"kind", "text"},
            {"text", deps_.messages->Say(conv.state.value("language", "en"), "waiting_for_agent",
                                         {{"team", team ? team->name : conv.team}})}};
        replies.push_back(r);
        stored_replies = replies;
      }
    } else {
      if (conv.status == "resolved" || conv.status == "closed") conv.status = "active";
      conv.state["status"] = conv.status;
      const bool expecting_secret = conv.state.contains("expecting") &&
                                    conv.state["expecting"].is_object() &&
                                    conv.state["expecting"].value("type", "") == "secret";
      Bot bot(deps_, codes_, {org.get(), user, &conv, now});
      bot.Handle(expecting_secret ? std::string(text) : masked.text);
      replies = bot.replies();
      stored_replies = bot.redacted_replies();
      secret = bot.message_is_secret() || expecting_secret;
      conv.status = conv.state.value("status", "active");
      conv.language = conv.state.value("language", conv.language);
      // The team now responsible for what the user asked (ticket or hand-off).
      if (conv.state.contains("team") && conv.state["team"].is_string()) {
        conv.team = conv.state["team"].get<std::string>();
      }
    }
    Json state = PublicState(conv);
    model::TranscriptEntry in;
    in.conversation_id = conv.id;
    in.role = "user";
    in.author = user->id;
    in.text = secret ? "[hidden]" : masked.text;
    in.client_message_id = std::string(client_message_id);
    in.response = {{"replies", stored_replies}, {"state", state}};
    in.at = now;
    model::TranscriptEntry out;
    out.conversation_id = conv.id;
    out.role = "bot";
    out.author = "bot";
    out.text = JoinTexts(stored_replies);
    out.replies = stored_replies;
    out.at = now;
    conv.updated = now;
    conv.version += 1;
    SA_RETURN_IF_ERROR(deps_.store->Transact([&](store::Tx& tx) -> Status {
      SA_ASSIGN_OR_RETURN(auto s1, tx.conversations().Append(in));
      (void)s1;
      if (!stored_replies.empty()) {
        SA_ASSIGN_OR_RETURN(auto s2, tx.conversations().Append(out));
        (void)s2;
      }
      return tx.conversations().Update(conv);
    }));
    return Turn{conv.id, replies, state};
  }

  Result<Json> Get(const itsm::Actor& actor, std::string_view id) override {
    SA_ASSIGN_OR_RETURN(auto conv, Load(actor, id));
    std::vector<model::TranscriptEntry> transcript;
    SA_RETURN_IF_ERROR(deps_.store->Transact([&](store::Tx& tx) -> Status {
      SA_ASSIGN_OR_RETURN(transcript, tx.conversations().Transcript(conv.id));
      return Status::Ok();
    }));
    Json t = Json::array();
    for (const auto& e : transcript) t.push_back(EntryJson(e));
    return Json{{"id", conv.id},
                {"user", conv.user_id},
                {"channel", conv.channel},
                {"team", conv.team.empty() ? Json() : Json(conv.team)},
                {"agent", conv.agent.empty() ? Json() : Json(conv.agent)},
                {"created", FormatTime(conv.created)},
                {"updated", FormatTime(conv.updated)},
                {"transcript", t},
                {"state", PublicState(conv)}};
  }

  Result<Json> List(const itsm::Actor& actor, std::string_view status, std::string_view team,
                    int limit) override {
    const auto& policy = deps_.tickets->policy();
    std::string user = policy.IsStaff(actor) ? "" : actor.EffectiveUser();
    if (actor.role == itsm::Role::kIntegration && actor.on_behalf_of.empty()) user = "";
    std::vector<model::Conversation> list;
    SA_RETURN_IF_ERROR(deps_.store->Transact([&](store::Tx& tx) -> Status {
      SA_ASSIGN_OR_RETURN(list,
                          tx.conversations().List(user, status, team, std::clamp(limit, 1, 500)));
      return Status::Ok();
    }));
    Json out = Json::array();
    for (const auto& c : list) {
      if (!policy.CanReadConversation(actor, c)) continue;
      out.push_back({{"id", c.id},
                     {"user", c.user_id},
                     {"channel", c.channel},
                     {"status", c.status},
                     {"team", c.team.empty() ? Json() : Json(c.team)},
                     {"agent", c.agent.empty() ? Json() : Json(c.agent)},
                     {"intent", c.state.value("intent", Json())},
                     {"language", c.language},
                     {"updated", FormatTime(c.updated)}});
    }
    return out;
  }

  Result<Turn> TakeOver(const itsm::Actor& agent, std::string_view id) override {
    return AgentTurn(agent, id, "taken_over", "",
                     [&](model::Conversation& c, const OrgSnapshot& org) {
                       c.agent = agent.id;
                       if (c.team.empty() && !agent.teams.empty()) c.team = agent.teams.front();
                       c.status = "handed_off";
                       const auto* u = org.User(agent.id);
                       return deps_.messages->Say(c.state.value("language", "en"), "agent_joined",
                                                  {{"agent", u ? u->name : agent.id}});
                     });
  }

  Result<Turn> AgentMessage(const itsm::Actor& agent, std::string_view id,
                            std::string_view text) override {
    if (text.empty()) return InvalidArgument("field \"text\": must not be empty");
    std::string masked = MaskSecrets(text).text;
    return AgentTurn(agent, id, "agent_message", masked,
                     [&](model::Conversation& c, const OrgSnapshot&) {
                       if (c.agent.empty()) c.agent = agent.id;
                       c.status = "handed_off";
                       return masked;
                     });
  }

  Result<Turn> Release(const itsm::Actor& agent, std::string_view id) override {
    return AgentTurn(agent, id, "released", "",
                     [&](model::Conversation& c, const OrgSnapshot& org) {
                       const auto* u = org.User(agent.id);
                       c.agent.clear();
                       c.status = "active";
                       c.state["expecting"] = {{"slot", "description"}, {"type", "text"}};
                       c.state["ctx"] = Json::object();
                       return deps_.messages->Say(c.state.value("language", "en"), "agent_left",
                                                  {{"agent", u ? u->name : agent.id}});
                     });
  }

 private:
  static std::string JoinTexts(const Json& replies) {
    std::string out;
    for (const auto& r : replies) {
      if (!out.empty()) out += "\n";
      out += r.value("text", "");
    }
    return out;
  }

  // Serializes turns of one conversation. Members destroy in reverse order:
  // the lock is released before the mutex may be freed.
  struct ConversationLock {
    std::shared_ptr<std::mutex> mu;
    std::unique_lock<std::mutex> lock;
  };
  ConversationLock LockFor(std::string_view id) {
    std::shared_ptr<std::mutex> mu;
    {
      std::lock_guard guard(locks_mu_);
      if (locks_.size() > 10000) {  // forget the locks nobody holds
        for (auto it = locks_.begin(); it != locks_.end();) {
          it = it->second.use_count() == 1 ? locks_.erase(it) : std::next(it);
        }
      }
      auto& slot = locks_[std::string(id)];
      if (!slot) slot = std::make_shared<std::mutex>();
      mu = slot;
    }
    ConversationLock held{mu, std::unique_lock<std::mutex>()};
    held.lock = std::unique_lock<std::mutex>(*held.mu);
    return held;
  }

  Result<model::Conversation> Load(const itsm::Actor& actor, std::string_view id) {
    std::optional<model::Conversation> conv;
    SA_RETURN_IF_ERROR(deps_.store->Transact([&](store::Tx& tx) -> Status {
      SA_ASSIGN_OR_RETURN(conv, tx.conversations().Get(id));
      return Status::Ok();
    }));
    // A channel adapter's integration token acts for the conversation's user.
    itsm::Actor effective = actor;
    if (conv && actor.role == itsm::Role::kIntegration && actor.on_behalf_of.empty()) {
      effective.on_behalf_of = conv->user_id;
    }
    if (!conv || !deps_.tickets->policy().CanReadConversation(effective, *conv)) {
      return NotFound("conversation \"" + std::string(id) + "\" does not exist");
    }
    return *conv;
  }

  template <typename Fn>
  Result<Turn> AgentTurn(const itsm::Actor& agent, std::string_view id, const std::string& action,
                         const std::string& note, Fn change) {
    if (!deps_.tickets->policy().IsStaff(agent)) {
      return PermissionDenied("only agents and admins may take part in a conversation");
    }
    auto lock = LockFor(id);
    SA_ASSIGN_OR_RETURN(auto conv, Load(agent, id));
    SA_ASSIGN_OR_RETURN(auto org, deps_.org->Current());
    std::string text = change(conv, *org);
    conv.state["status"] = conv.status;
    if (conv.status == "handed_off") conv.state["expecting"] = nullptr;
    conv.updated = deps_.clock->Now();
    conv.version += 1;
    Json replies = Json::array({{{"kind", "text"}, {"text", text}, {"from", "agent"}}});
    model::TranscriptEntry e;
    e.conversation_id = conv.id;
    e.role = action == "agent_message" ? "agent" : "system";
    e.author = agent.id;
    e.text = text;
    e.replies = replies;
    e.at = conv.updated;
    SA_RETURN_IF_ERROR(deps_.store->Transact([&](store::Tx& tx) -> Status {
      SA_ASSIGN_OR_RETURN(auto seq, tx.conversations().Append(e));
      (void)seq;
      SA_RETURN_IF_ERROR(tx.conversations().Update(conv));
      if (action == "agent_message") return Status::Ok();
      model::Event ev;
      ev.actor = agent.id;
      ev.channel = agent.channel;
      ev.entity = "conversation";
      ev.entity_id = conv.id;
      ev.action = action;
      ev.changes = {{"agent", conv.agent}, {"note", note}};
      return itsm::RecordEvent(tx, *deps_.clock, ev);
    }));
    return Turn{conv.id, replies, PublicState(conv)};
  }

  EngineDeps deps_;
  automation::CodeIssuer codes_;
  std::mutex locks_mu_;
  std::map<std::string, std::shared_ptr<std::mutex>> locks_;
};

}  // namespace

Result<std::unique_ptr<Engine>> NewEngine(EngineDeps deps) {
  if (deps.store == nullptr || !deps.clock || deps.tickets == nullptr || deps.org == nullptr ||
      deps.messages == nullptr) {
    return InvalidArgument("dialogue engine: store, clock, tickets, org and messages are required");
  }
  return std::unique_ptr<Engine>(new EngineImpl(std::move(deps)));
}

}  // namespace sa::dialogue
