// Login, logout, "who am I" and password changes.
#include "core/ids.h"
#include "http/api.h"
#include "http/json_input.h"
#include "http/tokens.h"

namespace sa::http {

void Api::AddAuthRoutes() {
  Public("POST", "/api/v1/auth/login", [this](Request& request) -> Result<Response> {
    SA_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
    JsonReader in(body, {"user", "password"});
    std::string user = in.String("user");
    std::string password = in.String("password");
    SA_RETURN_IF_ERROR(in.status());
    int64_t retry_after = 0;
    Result<LoginResult> login = auth_.Login(user, password, request.remote_ip, &retry_after);
    if (!login.ok() && retry_after > 0) {
      return TooManyRequests(login.status(), retry_after, request.request_id);
    }
    if (!login.ok()) return login.status();
    Response r = Response::MakeJson(200, {{"user", login->user_id},
                                          {"role", login->role},
                                          {"csrf_token", login->csrf_token},
                                          {"expires", FormatTime(login->expires)}});
    r.headers.emplace_back("Set-Cookie",
                           auth_.SessionCookie(login->cookie_value, options_.session_ttl));
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  });

  Authed("POST", "/api/v1/auth/logout", [this](Request&, const Caller& caller) -> Result<Response> {
    SA_RETURN_IF_ERROR(auth_.Logout(caller));
    live_.CloseCredential(LiveHub::SessionKey(caller.session_hash));
    Response r = Response::NoContent();
    r.headers.emplace_back("Set-Cookie", auth_.SessionCookie("", std::chrono::seconds(0)));
    return r;
  });

  Authed("GET", "/api/v1/auth/me", [](Request&, const Caller& caller) -> Result<Response> {
    return Response::MakeJson(200, {{"id", caller.actor.id},
                                    {"role", itsm::ToString(caller.actor.role)},
                                    {"teams", caller.actor.teams},
                                    {"via", caller.token_id.empty() ? "session" : "token"}});
  });

  Authed("PUT", "/api/v1/users/{id}/password",
         [this](Request& request, const Caller& caller) -> Result<Response> {
           SA_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
           JsonReader in(body, {"password", "current_password"});
           std::string password = in.String("password");
           std::optional<std::string> current = in.OptString("current_password");
           SA_RETURN_IF_ERROR(in.status());
           const std::string& target = request.params["id"];
           bool is_admin = caller.actor.role == itsm::Role::kAdmin;
           bool is_self =
               caller.actor.role != itsm::Role::kIntegration && SameId(caller.actor.id, target);
           if (!is_admin && !is_self) {
             return PermissionDenied("only an admin or the user themself may set a password");
           }
           if (!is_admin) {
             // Changing one's own password needs the current one, if there is one.
             std::optional<model::PasswordCredential> cred;
             SA_RETURN_IF_ERROR(deps_.store.Transact([&](store::Tx& tx) -> Status {
               SA_ASSIGN_OR_RETURN(cred, tx.auth().GetPassword(caller.actor.id));
               return Status::Ok();
             }));
             if (cred && (!current || !CheckPassword(cred->argon2_hash, *current))) {
               return PermissionDenied("field \"current_password\": missing or wrong");
             }
           }
           SA_RETURN_IF_ERROR(SetPassword(deps_.store, deps_.clock, target, password,
                                          caller.actor.id, caller.actor.channel));
           return Response::NoContent();
         });
}

}  // namespace sa::http
