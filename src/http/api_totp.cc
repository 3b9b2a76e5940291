// The caller's own authenticator app (TOTP) for password resets by the bot:
// enrol (the secret is shown once, as an otpauth:// URI), confirm with one
// code, see the state, remove. Only a signed-in user acts on their own
// enrolment; integrations and admins cannot read or set anyone's secret.
// Every change is an audit event (without the secret).
#include "automation/totp_vault.h"
#include "core/ids.h"
#include "http/api.h"
#include "http/json_input.h"
#include "itsm/audit.h"

namespace sa::http {
namespace {

Status RequireSelf(const Caller& caller) {
  if (caller.actor.role == itsm::Role::kIntegration || caller.actor.id.empty()) {
    return PermissionDenied("only a signed-in user manages their own authenticator");
  }
  return Status::Ok();
}

}  // namespace

void Api::AddTotpRoutes() {
  auto vault = [this]() -> Result<automation::TotpVault*> {
    if (deps_.totp == nullptr) return Unavailable("authenticator apps are not enabled on this server");
    return deps_.totp;
  };
  auto audit = [this](const Caller& caller, const std::string& action, Json changes) {
    model::Event event;
    event.actor = caller.actor.id;
    event.channel = caller.actor.channel;
    event.entity = "totp";
    event.entity_id = caller.actor.id;
    event.action = action;
    event.changes = std::move(changes);
    return deps_.store.Transact(
        [&](store::Tx& tx) { return itsm::RecordEvent(tx, deps_.clock, event); });
  };

  Authed("GET", "/api/v1/me/totp", [vault](Request&, const Caller& caller) -> Result<Response> {
    SA_RETURN_IF_ERROR(RequireSelf(caller));
    SA_ASSIGN_OR_RETURN(automation::TotpVault * v, vault());
    return Response::MakeJson(
        200, {{"state", automation::TotpStateName(v->State(caller.actor.id))}});
  });

  Authed("POST", "/api/v1/me/totp",
         [this, vault, audit](Request&, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireSelf(caller));
           SA_ASSIGN_OR_RETURN(automation::TotpVault * v, vault());
           std::string account = caller.actor.id;
           SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
             SA_ASSIGN_OR_RETURN(auto user, tx.org().GetUser(caller.actor.id));
             if (user && !user->email.empty()) account = user->email;
             return Status::Ok();
           }));
           SA_ASSIGN_OR_RETURN(automation::TotpEnrollment e, v->Enroll(caller.actor.id, account));
           SA_RETURN_IF_ERROR(audit(caller, "enrolled", {{"state", "pending"}}));
           Response r = Response::MakeJson(201, {{"state", "pending"},
                                                 {"otpauth_uri", e.otpauth_uri},
                                                 {"secret", e.secret_base32}});
           r.headers.emplace_back("Cache-Control", "no-store");
           return r;
         });

  Authed("POST", "/api/v1/me/totp/confirm",
         [vault, audit](Request& request, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireSelf(caller));
           SA_ASSIGN_OR_RETURN(automation::TotpVault * v, vault());
           SA_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
           JsonReader in(body, {"code"});
           std::string code = in.String("code");
           SA_RETURN_IF_ERROR(in.status());
           automation::CodeCheck check = v->Confirm(caller.actor.id, code);
           SA_RETURN_IF_ERROR(audit(caller, std::string("confirm_") +
                                                automation::CodeVerdictName(check.verdict),
                                    {{"attempts_left", check.attempts_left}}));
           switch (check.verdict) {
             case automation::CodeVerdict::kAccepted:
               return Response::MakeJson(200, {{"state", "active"}});
             case automation::CodeVerdict::kLocked:
               return ResourceExhausted("too many wrong codes; try again later");
             case automation::CodeVerdict::kNoCode:
               return FailedPrecondition("no authenticator enrolment is pending");
             default:
               return InvalidArgument("field \"code\": wrong code (" +
                                      std::to_string(check.attempts_left) + " attempts left)");
           }
         });

  Authed("DELETE", "/api/v1/me/totp",
         [vault, audit](Request&, const Caller& caller) -> Result<Response> {
           SA_RETURN_IF_ERROR(RequireSelf(caller));
           SA_ASSIGN_OR_RETURN(automation::TotpVault * v, vault());
           SA_RETURN_IF_ERROR(v->Remove(caller.actor.id));
           SA_RETURN_IF_ERROR(audit(caller, "removed", Json::object()));
           return Response::NoContent();
         });
}

}  // namespace sa::http
