#include "http/tokens.h"

#include <argon2.h>

#include "core/ids.h"
#include "itsm/access.h"
#include "itsm/audit.h"

namespace sa::http {

namespace {

constexpr size_t kTokenHexLength = 64;  // 32 random bytes
// argon2id parameters: OWASP's recommendation (19 MiB, 2 passes, 1 lane).
constexpr uint32_t kArgonTime = 2;
constexpr uint32_t kArgonMemoryKiB = 19 * 1024;
constexpr uint32_t kArgonLanes = 1;
constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;

int RoleRank(std::string_view role) {
  if (role == "admin") return 2;
  if (role == "agent") return 1;
  return 0;
}

bool LooksLikeToken(std::string_view secret) {
  if (secret.size() != kTokenPrefix.size() + kTokenHexLength) return false;
  if (secret.substr(0, kTokenPrefix.size()) != kTokenPrefix) return false;
  for (char c : secret.substr(kTokenPrefix.size())) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::vector<unsigned char> HexToBytes(const std::string& hex) {
  std::vector<unsigned char> out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<unsigned char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

}  // namespace

Result<IssuedToken> IssueToken(store::Store& store, const Clock& clock, const NewToken& request) {
  itsm::Role role;
  if (!itsm::ParseRole(request.role, &role)) {
    return InvalidArgument("role: expected user, agent, admin or integration, got \"" +
                           request.role + "\"");
  }
  if (request.name.empty() || request.name.size() > 100) {
    return InvalidArgument("name: required, at most 100 characters");
  }
  if (role == itsm::Role::kIntegration && !request.user_id.empty()) {
    return InvalidArgument("user: integration tokens act for any user and name none");
  }
  if ((role == itsm::Role::kUser || role == itsm::Role::kAgent) && request.user_id.empty()) {
    return InvalidArgument("user: required for a " + request.role + " token");
  }
  if (request.expires && *request.expires <= clock.Now()) {
    return InvalidArgument("expires: must be in the future");
  }

  IssuedToken issued;
  issued.token = std::string(kTokenPrefix) + RandomHex(kTokenHexLength / 2);
  model::ApiToken& rec = issued.record;
  rec.id = "tok_" + RandomHex(6);
  rec.name = request.name;
  rec.role = itsm::ToString(role);
  rec.user_id = request.user_id;
  rec.hash = Sha256Hex(issued.token);
  rec.created = clock.Now();
  rec.expires = request.expires;

  Status st = store.Transact([&](store::Tx& tx) -> Status {
    if (!rec.user_id.empty()) {
      SA_ASSIGN_OR_RETURN(std::optional<model::User> user, tx.org().GetUser(rec.user_id));
      if (!user) return NotFound("user: unknown user \"" + rec.user_id + "\"");
      if (RoleRank(user->role) < RoleRank(rec.role)) {
        return InvalidArgument("role: user \"" + user->id + "\" is a " + user->role +
                               " and may not hold a " + rec.role + " token");
      }
      rec.user_id = user->id;
    }
    SA_RETURN_IF_ERROR(tx.auth().InsertToken(rec));
    model::Event event;
    event.actor = request.created_by;
    event.channel = request.channel;
    event.entity = "token";
    event.entity_id = rec.id;
    event.action = "created";
    event.changes = {{"name", rec.name}, {"role", rec.role}, {"user", rec.user_id}};
    if (rec.expires) event.changes["expires"] = FormatTime(*rec.expires);
    return itsm::RecordEvent(tx, clock, std::move(event));
  });
  if (!st.ok()) return st;
  return issued;
}

Result<std::string> CreateToken(store::Store& store, const Clock& clock, const std::string& name,
                                const std::string& role, const std::string& user_id,
                                std::optional<TimePoint> expires) {
  NewToken request;
  request.name = name;
  request.role = role;
  request.user_id = user_id;
  request.expires = expires;
  SA_ASSIGN_OR_RETURN(IssuedToken issued, IssueToken(store, clock, request));
  return issued.token;
}

Result<model::ApiToken> VerifyToken(store::Store& store, const Clock& clock,
                                    std::string_view secret) {
  if (!LooksLikeToken(secret)) return Unauthenticated("malformed API token");
  std::string hash = Sha256Hex(secret);
  std::optional<model::ApiToken> token;
  SA_RETURN_IF_ERROR(store.Transact([&](store::Tx& tx) -> Status {
    SA_ASSIGN_OR_RETURN(token, tx.auth().FindTokenByHash(hash));
    return Status::Ok();
  }));
  if (!token) return Unauthenticated("unknown API token");
  if (token->revoked) return Unauthenticated("API token " + token->id + " was revoked");
  if (token->expires && *token->expires <= clock.Now()) {
    return Unauthenticated("API token " + token->id + " expired at " + FormatTime(*token->expires));
  }
  return *std::move(token);
}

Status RevokeToken(store::Store& store, const Clock& clock, std::string_view token_id,
                   std::string_view actor, std::string_view channel) {
  return store.Transact([&](store::Tx& tx) -> Status {
    SA_RETURN_IF_ERROR(tx.auth().RevokeToken(token_id));
    model::Event event;
    event.actor = std::string(actor);
    event.channel = std::string(channel);
    event.entity = "token";
    event.entity_id = std::string(token_id);
    event.action = "revoked";
    return itsm::RecordEvent(tx, clock, std::move(event));
  });
}

Result<std::string> HashPassword(std::string_view password) {
  std::vector<unsigned char> salt = HexToBytes(RandomHex(kSaltBytes));
  size_t encoded_len = argon2_encodedlen(kArgonTime, kArgonMemoryKiB, kArgonLanes,
                                         static_cast<uint32_t>(salt.size()), kHashBytes, Argon2_id);
  std::string encoded(encoded_len, '\0');
  int rc = argon2id_hash_encoded(kArgonTime, kArgonMemoryKiB, kArgonLanes, password.data(),
                                 password.size(), salt.data(), salt.size(), kHashBytes,
                                 encoded.data(), encoded.size());
  if (rc != ARGON2_OK) return Internal(std::string("argon2: ") + argon2_error_message(rc));
  encoded.resize(encoded.find('\0') == std::string::npos ? encoded.size() : encoded.find('\0'));
  return encoded;
}

bool CheckPassword(std::string_view encoded_hash, std::string_view password) {
  std::string encoded(encoded_hash);
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

Status SetPassword(store::Store& store, const Clock& clock, std::string_view user_id,
                   std::string_view password, std::string_view actor, std::string_view channel) {
  if (password.size() < 8) return InvalidArgument("password: at least 8 characters");
  if (password.size() > 1024) return InvalidArgument("password: at most 1024 bytes");
  SA_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  return store.Transact([&](store::Tx& tx) -> Status {
    SA_ASSIGN_OR_RETURN(std::optional<model::User> user, tx.org().GetUser(user_id));
    if (!user) return NotFound("unknown user \"" + std::string(user_id) + "\"");
    model::PasswordCredential cred;
    cred.user_id = user->id;
    cred.argon2_hash = hash;
    cred.updated = clock.Now();
    SA_RETURN_IF_ERROR(tx.auth().UpsertPassword(cred));
    model::Event event;
    event.actor = std::string(actor);
    event.channel = std::string(channel);
    event.entity = "user";
    event.entity_id = user->id;
    event.action = "password_set";
    return itsm::RecordEvent(tx, clock, std::move(event));
  });
}

}  // namespace sa::http
