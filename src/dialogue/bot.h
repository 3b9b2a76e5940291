// The bot's decisions for one user message: qualify -> collect -> resolve or
// route -> hand off. Private to the dialogue module (engine_impl.cc drives it).
//
// A Bot lives for one turn. It reads and rewrites the conversation's state
// (the contract's public state plus a private "ctx" object), produces the
// replies, and performs the turn's side effects (tickets, mails, directory
// changes) through the dependencies. Not thread-safe: one turn at a time per
// conversation (the engine serializes them).
#pragma once

#include <string>
#include <vector>

#include "core/json.h"
#include "dialogue/dialogue.h"
#include "model/conversation.h"
#include "nlu/nlu.h"

namespace sa::dialogue {

// What the engine hands the bot for one turn.
struct TurnInput {
  const OrgSnapshot* org = nullptr;
  const model::User* user = nullptr;
  model::Conversation* conversation = nullptr;
  TimePoint now{};
};

class Bot {
 public:
  Bot(const EngineDeps& deps, automation::CodeIssuer& codes, TurnInput input);

  // Greets the user at the opening of a conversation.
  void Greet();
  // Handles one (already masked) user message.
  void Handle(const std::string& text);

  // The replies produced, as the contract's JSON array.
  const Json& replies() const { return replies_; }
  // Texts that must not be stored as said (a temporary password): the stored
  // transcript gets `redacted_replies()` instead of `replies()`.
  const Json& redacted_replies() const { return redacted_; }
  // True when the message itself was a secret that must never be stored.
  bool message_is_secret() const { return message_is_secret_; }

 private:
  // --- qualify
  void Qualify(const std::string& text, const nlu::Analysis& a);
  std::string EffectiveIntent(const std::string& text, const nlu::Analysis& a) const;
  bool ReadsAsIncident() const;
  std::string NamedTeam(const std::string& text) const;
  bool Interrupt(const std::string& text, const nlu::Analysis& a);
  void ChooseLanguage(const std::string& text, const nlu::Analysis& a);
  void TakeEntities(const nlu::Analysis& a);
  // --- slots
  void HandleSlot(const std::string& text, const nlu::Analysis& a);
  bool FillCatalogField(const std::string& text, const Json& expecting);
  void HandleRequestCorrection(const std::string& text, int yes_no);
  void HandleConfirm(bool yes);
  void HandleArticleFeedback(int yes_no);
  // --- flows
  void Continue();
  void ContinueHowTo();
  void ContinueIncident();
  void ContinueRequest();
  void ConfirmRequest(const model::CatalogItem& item);
  std::string FieldPrompt(const model::CatalogField& field) const;
  void ContinueOutage();
  void ContinueStatus();
  void StartPasswordReset();
  std::vector<std::string> VerificationMethods() const;
  void AskVerificationMethod();
  void AskTotp();
  void HandleVerificationMethod(const std::string& text);
  void SendEmailCode();
  void HandleVerificationCode(const std::string& text);
  void HandleNewPassword(const std::string& text);
  void FinishReset(const std::string& password, bool must_change);
  void TicketAction(const std::string& action);
  // --- outcomes
  bool OfferArticle(const std::vector<std::string>& services, double min_confidence);
  bool NotifyOutages(bool explicit_check);
  void CreateTicket(model::TicketType type);
  void HandOff(const std::string& why_key);
  void Resolve();
  void NotUnderstood();
  // --- helpers
  std::string Say(const std::string& key, const Params& params = {}) const;
  void Text(const std::string& text);
  void Expect(const std::string& slot, const std::string& type,
              const std::vector<std::string>& options = {});
  void ClearExpect();
  bool Retry(const std::string& slot);  // counts a bad answer; false after too many
  std::string Eta(const std::string& team_id) const;
  std::string TeamName(const std::string& team_id) const;
  std::string ServiceName(const std::string& service_id) const;
  std::string HumanTime(TimePoint t) const;
  std::string ConversationText() const;
  std::vector<std::string> UrgencyOptions() const;
  itsm::Actor BotActor() const;
  nlu::AnalyzeContext AnalyzeCtx() const;
  void Audit(const std::string& entity, const std::string& entity_id, const std::string& action,
             Json changes, const std::string& reason);

  const EngineDeps& deps_;
  automation::CodeIssuer& codes_;
  TurnInput in_;
  const OrgSnapshot& org_;
  const model::User& user_;
  Json& state_;  // the contract's state (status, language, intent, ...)
  Json& ctx_;    // private: flow, offered articles, counters...
  std::string lang_;
  Json replies_ = Json::array();
  Json redacted_ = Json::array();
  bool message_is_secret_ = false;
  std::string last_text_;
};

}  // namespace sa::dialogue
