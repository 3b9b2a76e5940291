#include "store/schema.h"

#include <chrono>
#include <set>

#include "core/clock.h"

namespace sa::store {
namespace {

// Portable SQL only: TEXT, BIGINT, DOUBLE PRECISION; booleans are BIGINT 0/1,
// times are TEXT from FormatTime (which sorts), JSON is TEXT. Every entity
// keyed by a pack id has `id` (as given) and `id_key` (FoldId(id), unique).
Migration InitialSchema() {
  // clang-format off
  return {1, "initial schema", {
R"(CREATE TABLE settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL))",
R"(CREATE TABLE sequences (
  name TEXT PRIMARY KEY,
  value BIGINT NOT NULL))",
R"(CREATE TABLE ticket_counters (
  name TEXT PRIMARY KEY,
  value BIGINT NOT NULL))",
R"(CREATE TABLE teams (
  id_key TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  is_default BIGINT NOT NULL,
  members TEXT NOT NULL,
  languages TEXT NOT NULL,
  business_hours TEXT))",
R"(CREATE TABLE user_groups (
  id_key TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  channels TEXT NOT NULL,
  services TEXT NOT NULL,
  vip BIGINT NOT NULL))",
R"(CREATE TABLE services (
  id_key TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  aliases TEXT NOT NULL,
  owner_team TEXT NOT NULL,
  request_team TEXT NOT NULL,
  criticality TEXT NOT NULL,
  depends_on TEXT NOT NULL))",
R"(CREATE TABLE configuration_items (
  id_key TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  owner_team TEXT NOT NULL,
  hosts TEXT NOT NULL))",
R"(CREATE TABLE users (
  id_key TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  email_key TEXT NOT NULL,
  group_ids TEXT NOT NULL,
  language TEXT NOT NULL,
  manager TEXT NOT NULL,
  location TEXT NOT NULL,
  role TEXT NOT NULL,
  phone TEXT NOT NULL,
  directory_id TEXT NOT NULL))",
"CREATE INDEX users_email_key ON users (email_key)",
R"(CREATE TABLE articles (
  id_key TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  language TEXT NOT NULL,
  translations TEXT NOT NULL,
  audience TEXT NOT NULL,
  services TEXT NOT NULL,
  tags TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL,
  version BIGINT NOT NULL,
  author TEXT NOT NULL,
  updated TEXT NOT NULL))",
R"(CREATE TABLE article_versions (
  id_key TEXT NOT NULL REFERENCES articles (id_key),
  version BIGINT NOT NULL,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  language TEXT NOT NULL,
  translations TEXT NOT NULL,
  audience TEXT NOT NULL,
  services TEXT NOT NULL,
  tags TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL,
  author TEXT NOT NULL,
  updated TEXT NOT NULL,
  PRIMARY KEY (id_key, version)))",
R"(CREATE TABLE article_feedback (
  id BIGINT PRIMARY KEY,
  article_key TEXT NOT NULL,
  user_id TEXT NOT NULL,
  query TEXT NOT NULL,
  helped BIGINT NOT NULL,
  created TEXT NOT NULL))",
"CREATE INDEX article_feedback_article ON article_feedback (article_key)",
R"(CREATE TABLE changes (
  id_key TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  services TEXT NOT NULL,
  start_at TEXT NOT NULL,
  end_at TEXT NOT NULL,
  outage BIGINT NOT NULL,
  status TEXT NOT NULL))",
R"(CREATE TABLE major_incidents (
  id_key TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  services TEXT NOT NULL,
  started TEXT NOT NULL,
  status TEXT NOT NULL,
  message TEXT NOT NULL))",
R"(CREATE TABLE catalog_items (
  id_key TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  aliases TEXT NOT NULL,
  team TEXT NOT NULL,
  approval TEXT NOT NULL,
  fields TEXT NOT NULL))",
R"(CREATE TABLE tickets (
  id_key TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  status TEXT NOT NULL,
  priority TEXT NOT NULL,
  impact TEXT NOT NULL,
  urgency TEXT NOT NULL,
  team TEXT NOT NULL,
  assignee TEXT NOT NULL,
  service TEXT NOT NULL,
  config_item TEXT NOT NULL,
  requester TEXT NOT NULL,
  catalog_item TEXT NOT NULL,
  fields TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  parent_id TEXT NOT NULL,
  resolution TEXT NOT NULL,
  channel TEXT NOT NULL,
  satisfaction BIGINT NOT NULL,
  created TEXT NOT NULL,
  updated TEXT NOT NULL,
  resolved_at TEXT NOT NULL,
  version BIGINT NOT NULL))",
"CREATE INDEX tickets_created ON tickets (created)",
"CREATE INDEX tickets_status ON tickets (status)",
"CREATE INDEX tickets_team ON tickets (team)",
"CREATE INDEX tickets_requester ON tickets (requester)",
R"(CREATE TABLE comments (
  id BIGINT PRIMARY KEY,
  ticket_key TEXT NOT NULL REFERENCES tickets (id_key),
  author TEXT NOT NULL,
  body TEXT NOT NULL,
  internal BIGINT NOT NULL,
  channel TEXT NOT NULL,
  created TEXT NOT NULL))",
"CREATE INDEX comments_ticket ON comments (ticket_key, id)",
R"(CREATE TABLE events (
  seq BIGINT PRIMARY KEY,
  occurred_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  channel TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  entity_key TEXT NOT NULL,
  action TEXT NOT NULL,
  changes TEXT NOT NULL,
  reason TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL))",
"CREATE INDEX events_entity ON events (entity, entity_key, seq)",
R"(CREATE TABLE conversations (
  id_key TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  user_key TEXT NOT NULL,
  channel TEXT NOT NULL,
  status TEXT NOT NULL,
  language TEXT NOT NULL,
  team TEXT NOT NULL,
  agent TEXT NOT NULL,
  state TEXT NOT NULL,
  created TEXT NOT NULL,
  updated TEXT NOT NULL,
  version BIGINT NOT NULL))",
"CREATE INDEX conversations_user ON conversations (user_key, updated)",
"CREATE INDEX conversations_updated ON conversations (updated)",
R"(CREATE TABLE transcript (
  conversation_key TEXT NOT NULL REFERENCES conversations (id_key),
  seq BIGINT NOT NULL,
  conversation_id TEXT NOT NULL,
  role TEXT NOT NULL,
  author TEXT NOT NULL,
  text TEXT NOT NULL,
  replies TEXT NOT NULL,
  client_message_id TEXT NOT NULL,
  response TEXT,
  occurred_at TEXT NOT NULL,
  PRIMARY KEY (conversation_key, seq)))",
R"(CREATE UNIQUE INDEX transcript_client_message
  ON transcript (conversation_key, client_message_id) WHERE client_message_id <> '')",
R"(CREATE TABLE api_tokens (
  id_key TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  user_id TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  created TEXT NOT NULL,
  expires TEXT,
  revoked BIGINT NOT NULL))",
R"(CREATE TABLE passwords (
  user_key TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  argon2_hash TEXT NOT NULL,
  updated TEXT NOT NULL))",
R"(CREATE TABLE web_sessions (
  hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  csrf TEXT NOT NULL,
  created TEXT NOT NULL,
  expires TEXT NOT NULL))",
R"(CREATE TABLE training_examples (
  id BIGINT PRIMARY KEY,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  label TEXT NOT NULL,
  language TEXT NOT NULL,
  source TEXT NOT NULL,
  created TEXT NOT NULL))",
"CREATE INDEX training_examples_kind ON training_examples (kind, id)",
  }};
  // clang-format on
}

// Ticket lists at scale (1,000,000 tickets): each filter the API offers gets
// an index that also yields the list's order (created DESC, id_key DESC), so
// a page of 50 reads 50 index entries instead of sorting every match; team,
// requester, assignee and service are compared folded (lower(...)) as the
// queries do. Totals: a COUNT(*) reads one index entry per matching ticket
// (~50 ms for 400,000), so `ticket_counts` keeps the number of tickets per
// status, per team and per requester (folded), and in all ('all', ''),
// maintained by TicketRepo::Insert/Update in the same transaction.
Migration TicketListIndexes() {
  // clang-format off
  return {2, "ticket list indexes and counts", {
"DROP INDEX tickets_created",
"DROP INDEX tickets_status",
"DROP INDEX tickets_team",
"DROP INDEX tickets_requester",
"CREATE INDEX tickets_created ON tickets (created, id_key)",
"CREATE INDEX tickets_status ON tickets (status, created, id_key)",
"CREATE INDEX tickets_team ON tickets (lower(team), created, id_key)",
"CREATE INDEX tickets_requester ON tickets (lower(requester), created, id_key)",
"CREATE INDEX tickets_assignee ON tickets (lower(assignee), created, id_key)",
"CREATE INDEX tickets_service ON tickets (lower(service), created, id_key)",
R"(CREATE TABLE ticket_counts (
  dim TEXT NOT NULL,
  value TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (dim, value)))",
"INSERT INTO ticket_counts (dim, value, n) SELECT 'all', '', COUNT(*) FROM tickets",
R"(INSERT INTO ticket_counts (dim, value, n)
SELECT 'status', status, COUNT(*) FROM tickets GROUP BY status)",
R"(INSERT INTO ticket_counts (dim, value, n)
SELECT 'team', lower(team), COUNT(*) FROM tickets GROUP BY lower(team))",
R"(INSERT INTO ticket_counts (dim, value, n)
SELECT 'requester', lower(requester), COUNT(*) FROM tickets GROUP BY lower(requester))",
  }};
  // clang-format on
}

// Serializes concurrent migrators across processes on PostgreSQL.
constexpr int64_t kMigrationLockId = 7270011;

Status BeginMigration(sql::Connection& conn) {
  if (conn.dialect() == sql::Dialect::kSqlite) return conn.Begin();
  // READ COMMITTED, so that after waiting for the lock we see what the
  // previous migrator committed.
  auto begun = conn.Exec("BEGIN");
  if (!begun.ok()) return begun.status();
  return conn.Query("SELECT pg_advisory_xact_lock($1)", {kMigrationLockId}).status();
}

Status ApplyMissing(sql::Connection& conn) {
  auto created = conn.Exec(R"(CREATE TABLE IF NOT EXISTS schema_migrations (
  version BIGINT PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL))");
  if (!created.ok()) return created.status();
  SA_ASSIGN_OR_RETURN(auto rows, conn.Query("SELECT version FROM schema_migrations"));
  std::set<int64_t> applied;
  for (const auto& row : rows) applied.insert(row.Int(0));
  const auto& all = Migrations();
  if (!applied.empty() && *applied.rbegin() > all.back().version) {
    return FailedPrecondition("store: database schema version " +
                              std::to_string(*applied.rbegin()) + " is newer than this program's " +
                              std::to_string(all.back().version));
  }
  for (const auto& migration : all) {
    if (applied.count(migration.version)) continue;
    for (const auto& statement : migration.statements) {
      auto done = conn.Exec(statement);
      if (!done.ok()) {
        return Internal("store: migration " + std::to_string(migration.version) + " (" +
                        migration.name + ") failed: " + done.status().message());
      }
    }
    auto recorded = conn.Exec(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
        {migration.version, migration.name, FormatTime(std::chrono::system_clock::now())});
    if (!recorded.ok()) return recorded.status();
  }
  return Status::Ok();
}

}  // namespace

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kMigrations = {InitialSchema(), TicketListIndexes()};
  return kMigrations;
}

Status Migrate(sql::Connection& conn) {
  SA_RETURN_IF_ERROR(BeginMigration(conn));
  Status status = ApplyMissing(conn);
  if (!status.ok()) {
    conn.Rollback();
    return status;
  }
  return conn.Commit();
}

}  // namespace sa::store
