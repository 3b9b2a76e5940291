#include "http/auth.h"

#include "core/ids.h"
#include "http/tokens.h"

namespace sa::http {

namespace {

bool IsUnsafe(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

std::string CookieValue(const std::string& header, std::string_view name) {
  std::string_view rest = header;
  while (!rest.empty()) {
    size_t semi = rest.find(';');
    std::string pair = Trim(rest.substr(0, semi));
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    size_t eq = pair.find('=');
    if (eq != std::string::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
  }
  return {};
}

Authenticator::Authenticator(store::Store& store, const Clock& clock, OrgCache& org,
                             const ServerOptions& options)
    : store_(store),
      clock_(clock),
      org_(org),
      options_(options),
      per_caller_(clock, options.per_token),
      per_integration_(clock, options.per_integration_token),
      login_per_ip_(clock, options.login_per_ip) {
  Result<std::string> dummy = HashPassword(RandomHex(16));
  if (dummy.ok()) dummy_hash_ = *dummy;
}

Result<itsm::Actor> Authenticator::ActorForUser(const std::string& user_id, itsm::Role role) {
  itsm::Actor actor;
  actor.id = user_id;
  actor.role = role;
  actor.channel = "api";
  if (role == itsm::Role::kAgent || role == itsm::Role::kAdmin) {
    SA_ASSIGN_OR_RETURN(std::shared_ptr<const model::OrgPack> org, org_.Get());
    for (const model::Team& team : org->teams) {
      for (const std::string& member : team.members) {
        if (SameId(member, user_id)) {
          actor.teams.push_back(team.id);
          break;
        }
      }
    }
  }
  return actor;
}

Result<Caller> Authenticator::FromToken(const std::string& secret) {
  SA_ASSIGN_OR_RETURN(model::ApiToken token, VerifyToken(store_, clock_, secret));
  itsm::Role role;
  if (!itsm::ParseRole(token.role, &role)) return Internal("token with unknown role");
  Caller caller;
  caller.token_id = token.id;
  if (token.user_id.empty()) {
    caller.actor.id = token.name;
    caller.actor.role = role;
  } else {
    SA_ASSIGN_OR_RETURN(caller.actor, ActorForUser(token.user_id, role));
  }
  return caller;
}

Result<Caller> Authenticator::FromSession(const Request& request) {
  std::string secret = CookieValue(request.Header("cookie"), kSessionCookie);
  if (secret.empty()) {
    return Unauthenticated("authentication required: send Authorization: Bearer TOKEN or log in");
  }
  std::optional<model::WebSession> session;
  std::optional<model::User> user;
  std::string hash = Sha256Hex(secret);
  SA_RETURN_IF_ERROR(store_.Transact([&](store::Tx& tx) -> Status {
    SA_ASSIGN_OR_RETURN(session, tx.auth().FindSession(hash));
    if (session) {
      SA_ASSIGN_OR_RETURN(user, tx.org().GetUser(session->user_id));
    }
    return Status::Ok();
  }));
  if (!session || session->expires <= clock_.Now()) {
    return Unauthenticated("session expired or unknown: log in again");
  }
  if (!user) return Unauthenticated("the session's user no longer exists");
  if (IsUnsafe(request.method) && !ConstantTimeEquals(request.Header(kCsrfHeader), session->csrf)) {
    return PermissionDenied("missing or invalid CSRF token: send the X-CSRF-Token header");
  }
  itsm::Role role = itsm::Role::kUser;
  itsm::ParseRole(user->role, &role);
  if (role == itsm::Role::kIntegration) role = itsm::Role::kUser;
  Caller caller;
  caller.session_hash = hash;
  SA_ASSIGN_OR_RETURN(caller.actor, ActorForUser(user->id, role));
  caller.actor.channel = "web";
  return caller;
}

Result<Caller> Authenticator::Authenticate(const Request& request, int64_t* retry_after) {
  *retry_after = 0;
  const std::string& authorization = request.Header("authorization");
  Result<Caller> caller = Unauthenticated("unset");
  if (!authorization.empty()) {
    constexpr std::string_view kBearer = "Bearer ";
    if (authorization.size() <= kBearer.size() ||
        authorization.compare(0, kBearer.size(), kBearer) != 0) {
      return Unauthenticated("Authorization header must be \"Bearer TOKEN\"");
    }
    caller = FromToken(Trim(std::string_view(authorization).substr(kBearer.size())));
  } else {
    caller = FromSession(request);
  }
  if (!caller.ok()) return caller;
  // Integration tokens name the user they act for per request.
  const std::string& on_behalf_of = request.Header(kOnBehalfOfHeader);
  if (!on_behalf_of.empty()) {
    if (caller->actor.role != itsm::Role::kIntegration) {
      return PermissionDenied("only integration tokens may send X-On-Behalf-Of");
    }
    caller->actor.on_behalf_of = on_behalf_of;
  }
  RateLimiter& limiter =
      caller->actor.role == itsm::Role::kIntegration ? per_integration_ : per_caller_;
  int64_t wait = limiter.Take(caller->RateKey());
  if (wait > 0) {
    *retry_after = wait;
    return ResourceExhausted("rate limit exceeded for this caller; retry in " +
                             std::to_string(wait) + " s");
  }
  return caller;
}

Result<LoginResult> Authenticator::Login(const std::string& user, const std::string& password,
                                         const std::string& remote_ip, int64_t* retry_after) {
  *retry_after = login_per_ip_.Take(remote_ip);
  if (*retry_after > 0) {
    return ResourceExhausted("too many login attempts from this address; retry in " +
                             std::to_string(*retry_after) + " s");
  }
  std::optional<model::User> found;
  std::optional<model::PasswordCredential> credential;
  SA_RETURN_IF_ERROR(store_.Transact([&](store::Tx& tx) -> Status {
    SA_ASSIGN_OR_RETURN(found, tx.org().GetUser(user));
    if (!found && user.find('@') != std::string::npos) {
      SA_ASSIGN_OR_RETURN(found, tx.org().FindUserByEmail(user));
    }
    if (found) {
      SA_ASSIGN_OR_RETURN(credential, tx.auth().GetPassword(found->id));
    }
    return Status::Ok();
  }));
  bool ok = credential ? CheckPassword(credential->argon2_hash, password)
                       : (CheckPassword(dummy_hash_, password), false);
  if (!ok) return Unauthenticated("wrong user or password");

  LoginResult result;
  result.user_id = found->id;
  result.role = found->role;
  result.cookie_value = RandomHex(32);
  result.csrf_token = RandomHex(16);
  result.expires = clock_.Now() + options_.session_ttl;
  model::WebSession session;
  session.hash = Sha256Hex(result.cookie_value);
  session.user_id = found->id;
  session.csrf = result.csrf_token;
  session.created = clock_.Now();
  session.expires = result.expires;
  SA_RETURN_IF_ERROR(
      store_.Transact([&](store::Tx& tx) -> Status { return tx.auth().InsertSession(session); }));
  return result;
}

Status Authenticator::Logout(const Caller& caller) {
  if (caller.session_hash.empty()) {
    return InvalidArgument("logout ends a browser session; revoke API tokens instead");
  }
  return store_.Transact(
      [&](store::Tx& tx) -> Status { return tx.auth().DeleteSession(caller.session_hash); });
}

std::string Authenticator::SessionCookie(const std::string& value,
                                         std::chrono::seconds max_age) const {
  std::string cookie =
      std::string(kSessionCookie) + "=" + value +
      "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age.count());
  if (options_.secure_cookies) cookie += "; Secure";
  return cookie;
}

}  // namespace sa::http
