// The password-reset flow of the Bot: verify identity with a one-time code
// sent by e-mail, then reset the password in the directory, to one the user
// chooses or to a temporary one that must be changed at next sign-in.
// Passwords are never logged, stored or echoed into the stored transcript.
#include "dialogue/bot.h"
#include "dialogue/slots.h"
#include "itsm/audit.h"

namespace sa::dialogue {
namespace {

std::string MaskEmail(const std::string& email) {
  size_t at = email.find('@');
  if (at == std::string::npos || at < 1) return "***";
  return email.substr(0, 1) + "***" + email.substr(at);
}

std::string FlowId(const model::Conversation& c) { return "pwreset:" + c.id; }

}  // namespace

void Bot::StartPasswordReset() {
  state_["intent"] = "password_reset";
  const auto& automations = org_.pack.automations;
  const bool email_allowed =
      std::find(automations.verification.begin(), automations.verification.end(), "email_code") !=
      automations.verification.end();
  if (!automations.password_reset_enabled || user_.directory_id.empty() || !email_allowed ||
      deps_.mailer == nullptr || user_.email.empty()) {
    // The bot cannot do it itself: route it as an incident on the account.
    routing::RouteInput route;
    route.service = Str(state_, "service");
    route.text = ConversationText();
    route.language = lang_;
    std::string team = org_.router ? org_.router->Route(route).team : "";
    Text(Say("pwreset_no_directory", {{"team", TeamName(team)}}));
    ctx_["flow"] = "incident";
    ctx_["kb_checked"] = true;
    return ContinueIncident();
  }
  auto code = codes_.Issue(FlowId(*in_.conversation));
  if (!code.ok()) return HandOff("pwreset_locked");
  automation::Mail mail;
  mail.to = user_.email;
  mail.subject = Say("pwreset_mail_subject", {{"org", org_.pack.organization.name}});
  mail.text = Say("pwreset_mail_body", {{"code", *code}, {"name", user_.name}}) + "\n";
  Status sent = deps_.mailer->Send(mail);
  Audit("password_reset", user_.id, "code_sent",
        {{"method", "email_code"}, {"ok", sent.ok()}, {"conversation", in_.conversation->id}},
        sent.ok() ? "identity verification started" : "mail failed: " + sent.message());
  if (!sent.ok()) {
    Text(Say("pwreset_unavailable",
             {{"team", TeamName(org_.router ? org_.router->default_team() : "")}}));
    return HandOff("handoff_failed");
  }
  ctx_["flow"] = "password_reset";
  Text(Say("pwreset_start") + " " +
       Say("pwreset_code_sent", {{"email_masked", MaskEmail(user_.email)}}));
  Expect("verification_code", "code");
}

void Bot::HandleVerificationCode(const std::string& text) {
  message_is_secret_ = true;  // one-time codes are not kept either
  auto check = codes_.Verify(FlowId(*in_.conversation), text);
  Audit("password_reset", user_.id,
        std::string("code_") + automation::CodeVerdictName(check.verdict),
        {{"attempts_left", check.attempts_left}, {"conversation", in_.conversation->id}}, "");
  switch (check.verdict) {
    case automation::CodeVerdict::kAccepted:
      ctx_["verified"] = true;
      ctx_["confirm_for"] = "choose_password";
      Text(Say("pwreset_verified"));
      return Expect("confirm", "yes_no");
    case automation::CodeVerdict::kWrong:
      Text(Say("pwreset_code_bad", {{"left", std::to_string(check.attempts_left)}}));
      return Expect("verification_code", "code");
    case automation::CodeVerdict::kExpired: {
      auto code = codes_.Issue(FlowId(*in_.conversation));
      if (code.ok() && deps_.mailer) {
        automation::Mail mail{
            user_.email, Say("pwreset_mail_subject", {{"org", org_.pack.organization.name}}),
            Say("pwreset_mail_body", {{"code", *code}, {"name", user_.name}}) + "\n"};
        if (deps_.mailer->Send(mail).ok()) {
          Text(Say("pwreset_code_expired", {{"email_masked", MaskEmail(user_.email)}}));
          return Expect("verification_code", "code");
        }
      }
      [[fallthrough]];
    }
    case automation::CodeVerdict::kLocked:
    case automation::CodeVerdict::kNoCode:
      codes_.Forget(FlowId(*in_.conversation));
      return HandOff("pwreset_locked");
  }
}

void Bot::HandleNewPassword(const std::string& text) {
  message_is_secret_ = true;
  if (!ctx_.value("verified", false)) return HandOff("handoff_failed");
  auto verdict = deps_.password_policy.Evaluate(text, user_);
  if (!verdict.ok()) {
    Audit("password_reset", user_.id, "password_refused", {{"reason", verdict.reason}}, "policy");
    if (!Retry("new_password")) return HandOff("handoff_failed");
    std::string reason = deps_.messages->Label(lang_, "policy_reasons", verdict.reason);
    reason = Fill(reason, {{"min", std::to_string(deps_.password_policy.min_length)},
                           {"max", std::to_string(deps_.password_policy.max_length)}});
    Text(Say("pwreset_bad_password", {{"reason", reason}}));
    return Expect("new_password", "secret");
  }
  FinishReset(text, false);
}

void Bot::FinishReset(const std::string& password, bool must_change) {
  codes_.Forget(FlowId(*in_.conversation));
  if (deps_.directory == nullptr) {
    Audit("password_reset", user_.id, "reset_unavailable", {{"reason", "no directory configured"}},
          "");
    Text(Say("pwreset_no_directory",
             {{"team", TeamName(org_.router ? org_.router->default_team() : "")}}));
    return HandOff("handoff_failed");
  }
  Status st = deps_.directory->ResetPassword(user_.directory_id, password, must_change);
  Audit("password_reset", user_.id, st.ok() ? "reset_done" : "reset_failed",
        {{"must_change", must_change}, {"code", CodeName(st.code())}},
        st.ok() ? "verified by email code" : st.message());
  if (!st.ok()) {
    Text(Say("pwreset_unavailable",
             {{"team", TeamName(org_.router ? org_.router->default_team() : "")}}));
    return HandOff("handoff_failed");
  }
  if (must_change) {
    Json shown = {{"kind", "text"},
                  {"text", Say("pwreset_done_temporary", {{"password", password}})}};
    Json stored = {{"kind", "text"},
                   {"text", Say("pwreset_done_temporary", {{"password", "[hidden]"}})}};
    replies_.push_back(shown);
    redacted_.push_back(stored);
  } else {
    Text(Say("pwreset_done"));
  }
  Resolve();
}

}  // namespace sa::dialogue
