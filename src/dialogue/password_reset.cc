// The password-reset flow of the Bot: verify identity with a one-time code
// sent by e-mail or from the user's authenticator app (TOTP; the user chooses
// when the pack allows both and they have enrolled an app), then reset the password in the directory, to one the user
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

// The verification methods the pack allows and this user has, in the pack's order.
std::vector<std::string> Bot::VerificationMethods() const {
  const auto& automations = org_.pack.automations;
  std::vector<std::string> out;
  for (const auto& m : automations.verification) {
    if (m == "email_code" && deps_.mailer != nullptr && !user_.email.empty()) out.push_back(m);
    if (m == "totp" && deps_.totp != nullptr &&
        deps_.totp->State(user_.id) == automation::TotpState::kActive) {
      out.push_back(m);
    }
  }
  return out;
}

void Bot::StartPasswordReset() {
  state_["intent"] = "password_reset";
  const auto& automations = org_.pack.automations;
  const std::vector<std::string> methods = VerificationMethods();
  if (!automations.password_reset_enabled || user_.directory_id.empty() || methods.empty()) {
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
  ctx_["flow"] = "password_reset";
  if (methods.size() > 1) return AskVerificationMethod();
  ctx_["method"] = methods.front();
  Text(Say("pwreset_start"));
  if (methods.front() == "totp") return AskTotp();
  SendEmailCode();
}

void Bot::AskVerificationMethod() {
  std::vector<std::string> options;
  for (const auto& m : VerificationMethods()) options.push_back(Say("pwreset_method_" + m));
  Text(Say("pwreset_start") + " " + Say("pwreset_ask_method"));
  Expect("verification_method", "choice", options);
}

void Bot::HandleVerificationMethod(const std::string& text) {
  const std::vector<std::string> methods = VerificationMethods();
  std::vector<std::string> options;
  for (const auto& m : methods) options.push_back(Say("pwreset_method_" + m));
  int idx = MatchChoice(text, options);
  if (idx < 0) {
    // "email", "по почте", "app", "приложение", "验证器"...
    const std::string t = FoldText(text);
    auto has = [&](std::initializer_list<const char*> words) {
      return std::any_of(words.begin(), words.end(),
                         [&](const char* w) { return t.find(w) != std::string::npos; });
    };
    const bool email = has({"mail", "почт", "邮件", "邮箱"});
    const bool app = has({"app", "authenticator", "totp", "приложен", "аутентификатор", "应用",
                          "验证器", "身份验证"});
    for (size_t i = 0; i < methods.size(); ++i) {
      if ((methods[i] == "email_code" && email && !app) || (methods[i] == "totp" && app && !email)) {
        idx = static_cast<int>(i);
      }
    }
  }
  if (idx < 0) {
    if (!Retry("verification_method")) return HandOff("handoff_failed");
    Text(Say("bad_choice", {{"options", JoinOptions(options)}}));
    return Expect("verification_method", "choice", options);
  }
  ctx_["method"] = methods[static_cast<size_t>(idx)];
  if (methods[static_cast<size_t>(idx)] == "totp") return AskTotp();
  SendEmailCode();
}

void Bot::AskTotp() {
  Audit("password_reset", user_.id, "totp_requested",
        {{"method", "totp"}, {"conversation", in_.conversation->id}},
        "identity verification started");
  Text(Say("pwreset_ask_totp"));
  Expect("verification_code", "code");
}

void Bot::SendEmailCode() {
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
  Text(Say("pwreset_code_sent", {{"email_masked", MaskEmail(user_.email)}}));
  Expect("verification_code", "code");
}

void Bot::HandleVerificationCode(const std::string& text) {
  message_is_secret_ = true;  // one-time codes are not kept either
  const bool totp = Str(ctx_, "method") == "totp";
  automation::CodeCheck check;
  if (totp) {
    check = deps_.totp ? deps_.totp->Verify(user_.id, text)
                       : automation::CodeCheck{automation::CodeVerdict::kNoCode, 0};
  } else {
    check = codes_.Verify(FlowId(*in_.conversation), text);
  }
  Audit("password_reset", user_.id,
        std::string(totp ? "totp_" : "code_") + automation::CodeVerdictName(check.verdict),
        {{"method", totp ? "totp" : "email_code"},
         {"attempts_left", check.attempts_left},
         {"conversation", in_.conversation->id}},
        "");
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
        st.ok() ? (Str(ctx_, "method") == "totp" ? "verified by authenticator app"
                                                 : "verified by email code")
                : st.message());
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
