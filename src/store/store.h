// The persistence boundary: repositories over one database, SQLite (embedded,
// default) or PostgreSQL, chosen by OpenStore's location.
//
// All reads and writes happen inside a transaction: Store::Transact runs a
// function with a Tx whose repositories see and write one consistent snapshot;
// it commits when the function returns an ok Status, and rolls back otherwise
// (nothing half written). A Store is thread-safe; a Tx belongs to the thread
// that received it and must not outlive the callback.
//
// Repositories know rows, not rules: they validate nothing beyond what the
// schema enforces (itsm validates). Unknown ids read as std::nullopt, never an
// error; storage failures are kUnavailable or kInternal.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/status.h"
#include "model/auth.h"
#include "model/conversation.h"
#include "model/org.h"
#include "model/ticket.h"

namespace sa::store {

// Organization entities (from pack imports and admin edits).
class OrgRepo {
 public:
  virtual ~OrgRepo() = default;
  // Inserts or updates every entity of the pack by id (ids compare ignoring
  // case); entities absent from the pack are kept. Bumps the org version.
  virtual Status UpsertPack(const model::OrgPack& pack) = 0;
  // Everything currently configured (organization, teams, users...), articles included.
  virtual Result<model::OrgPack> Load() = 0;
  // A number that grows on every change to org data (import, admin edit,
  // article save). Caches compare it to know when to reload.
  virtual Result<int64_t> Version() = 0;
  virtual Status BumpVersion() = 0;
  virtual Result<std::optional<model::User>> GetUser(std::string_view id) = 0;
  // Finds a user by email, ignoring case.
  virtual Result<std::optional<model::User>> FindUserByEmail(std::string_view email) = 0;
  virtual Status UpsertTeam(const model::Team& team) = 0;
  virtual Status UpsertService(const model::Service& service) = 0;
  virtual Status UpsertUser(const model::User& user) = 0;
  virtual Status UpsertChange(const model::Change& change) = 0;
  virtual Status UpsertIncident(const model::MajorIncident& incident) = 0;
};

// Tickets and their comments. Ticket numbers come from NextNumber.
class TicketRepo {
 public:
  virtual ~TicketRepo() = default;
  // Next value of a named counter ("INC", "REQ"), starting at 1, without gaps
  // among committed transactions.
  virtual Result<int64_t> NextNumber(std::string_view counter) = 0;
  virtual Status Insert(const model::Ticket& ticket) = 0;
  // Writes all fields; fails with kConflict unless the stored version equals
  // ticket.version - 1 (the caller increments version before calling).
  virtual Status Update(const model::Ticket& ticket) = 0;
  // Id compared ignoring case ("inc-000001" finds "INC-000001").
  virtual Result<std::optional<model::Ticket>> Get(std::string_view id) = 0;
  // Newest first.
  virtual Result<std::vector<model::Ticket>> List(const model::TicketFilter& filter) = 0;
  virtual Result<int64_t> Count(const model::TicketFilter& filter) = 0;
  // Counts per status name, for /metrics.
  virtual Result<std::vector<std::pair<std::string, int64_t>>> CountByStatus() = 0;
  // Assigns comment.id; returns it.
  virtual Result<int64_t> AddComment(const model::Comment& comment) = 0;
  virtual Result<std::vector<model::Comment>> Comments(std::string_view ticket_id) = 0;
};

// The append-only audit log. Hashes are computed by itsm; the store keeps order.
class EventRepo {
 public:
  virtual ~EventRepo() = default;
  virtual Result<std::optional<model::Event>> Last() = 0;
  // Stores event with event.seq == Last().seq + 1; kConflict otherwise.
  virtual Status Append(const model::Event& event) = 0;
  // Events of one entity in order; entity_id compared ignoring case.
  virtual Result<std::vector<model::Event>> ForEntity(std::string_view entity,
                                                      std::string_view entity_id) = 0;
  // Events with seq in [from, from + limit), in order.
  virtual Result<std::vector<model::Event>> Range(int64_t from, int limit) = 0;
};

class ConversationRepo {
 public:
  virtual ~ConversationRepo() = default;
  virtual Status Insert(const model::Conversation& conversation) = 0;
  // Same optimistic-version rule as TicketRepo::Update.
  virtual Status Update(const model::Conversation& conversation) = 0;
  virtual Result<std::optional<model::Conversation>> Get(std::string_view id) = 0;
  // Newest first; filter by user and/or status/team when non-empty.
  virtual Result<std::vector<model::Conversation>> List(std::string_view user_id,
                                                        std::string_view status,
                                                        std::string_view team, int limit) = 0;
  // Assigns entry.seq; returns it.
  virtual Result<int64_t> Append(const model::TranscriptEntry& entry) = 0;
  virtual Result<std::vector<model::TranscriptEntry>> Transcript(std::string_view id) = 0;
  // The user turn stored with this idempotency key, if any.
  virtual Result<std::optional<model::TranscriptEntry>> FindByClientMessageId(
      std::string_view conversation_id, std::string_view client_message_id) = 0;
};

class AuthRepo {
 public:
  virtual ~AuthRepo() = default;
  virtual Status InsertToken(const model::ApiToken& token) = 0;
  virtual Result<std::optional<model::ApiToken>> FindTokenByHash(std::string_view hash) = 0;
  virtual Result<std::vector<model::ApiToken>> ListTokens() = 0;
  virtual Status RevokeToken(std::string_view id) = 0;  // kNotFound if no such token
  virtual Status UpsertPassword(const model::PasswordCredential& credential) = 0;
  virtual Result<std::optional<model::PasswordCredential>> GetPassword(std::string_view user) = 0;
  virtual Status InsertSession(const model::WebSession& session) = 0;
  virtual Result<std::optional<model::WebSession>> FindSession(std::string_view hash) = 0;
  virtual Status DeleteSession(std::string_view hash) = 0;
};

// One reader's "did this article help?" answer, with the question they asked.
struct ArticleFeedback {
  std::string user_id;
  std::string query;  // the question that led to the article ("" when not given)
  bool helped = false;
  TimePoint at{};
};

// Knowledge articles with their version history, and reader feedback.
class KnowledgeRepo {
 public:
  virtual ~KnowledgeRepo() = default;
  // Saves the article as its newest version (article.version) and keeps the
  // previous ones; bumps the org version.
  virtual Status Save(const model::Article& article) = 0;
  virtual Result<std::optional<model::Article>> Get(std::string_view id) = 0;
  virtual Result<std::vector<model::Article>> List() = 0;  // newest version of each
  virtual Result<std::vector<model::Article>> Versions(std::string_view id) = 0;
  virtual Status AddFeedback(std::string_view article_id, std::string_view user_id,
                             std::string_view query, bool helped, TimePoint at) = 0;
  // {helped, not_helped} counts.
  virtual Result<std::pair<int64_t, int64_t>> FeedbackCounts(std::string_view article_id) = 0;
  // The newest `limit` feedback entries of an article, newest first.
  virtual Result<std::vector<ArticleFeedback>> RecentFeedback(std::string_view article_id,
                                                              int limit) = 0;
};

// Free-form learning data: labelled examples (agent corrections, reviewed
// utterances) that the NLU and routing models retrain on.
struct TrainingExample {
  int64_t id = 0;
  std::string kind;    // "intent" | "team" | "service" | "unlabelled"
  std::string text;
  std::string label;   // empty for unlabelled utterances awaiting review
  std::string language;
  std::string source;  // e.g. "correction:INC-000012", "review"
  TimePoint at{};
};

class LearningRepo {
 public:
  virtual ~LearningRepo() = default;
  virtual Result<int64_t> Add(const TrainingExample& example) = 0;
  virtual Status SetLabel(int64_t id, std::string_view label) = 0;
  virtual Result<std::vector<TrainingExample>> List(std::string_view kind, int limit) = 0;
  // A number that grows whenever what the models learn from changes: an Add
  // of a labelled example (kind other than "unlabelled"), a SetLabel, or a
  // BumpGeneration (e.g. a ticket reassigned to another team, which changes
  // the final teams routing learns from). Caches compare it to know when to
  // retrain; unlabelled utterances leave it unchanged. 0 before any change.
  virtual Result<int64_t> Generation() = 0;
  virtual Status BumpGeneration() = 0;
};

// A unit of work: the repositories, bound to one transaction.
class Tx {
 public:
  virtual ~Tx() = default;
  virtual OrgRepo& org() = 0;
  virtual TicketRepo& tickets() = 0;
  virtual EventRepo& events() = 0;
  virtual ConversationRepo& conversations() = 0;
  virtual AuthRepo& auth() = 0;
  virtual KnowledgeRepo& knowledge() = 0;
  virtual LearningRepo& learning() = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // Runs `fn` in one transaction; commits if it returns ok, rolls back
  // otherwise and returns its Status. Retries the whole function (up to a few
  // times) when the database reports a serialization conflict or busy lock, so
  // `fn` must have no side effects outside the Tx.
  virtual Status Transact(const std::function<Status(Tx&)>& fn) = 0;
  // "sqlite" or "postgresql".
  virtual std::string Backend() const = 0;
};

// Opens (and migrates to the newest schema) the store at `location`:
//  - "postgresql://..." or "postgres://...": a PostgreSQL database (libpq);
//  - anything else: a directory holding the embedded SQLite database
//    (created if missing) as `smartassist.db` (WAL, foreign keys on).
Result<std::unique_ptr<Store>> OpenStore(const std::string& location);

}  // namespace sa::store
