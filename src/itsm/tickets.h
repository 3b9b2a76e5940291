// Tickets: incidents and service requests, their workflow, priority and
// comments. Every change is written with its audit event in one transaction.
// TicketService is thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/json.h"
#include "core/status.h"
#include "itsm/access.h"
#include "model/org.h"
#include "model/ticket.h"
#include "store/store.h"

namespace sa::itsm {

// ITIL impact x urgency -> priority. Levels are "low", "medium", "high".
class PriorityMatrix {
 public:
  PriorityMatrix();  // the ITIL default: high/high P1 ... low/low P4
  // Sets one cell; InvalidArgument on an unknown level or priority.
  Status Set(std::string_view impact, std::string_view urgency, std::string_view priority);
  // "P1".."P4"; unknown levels count as "low".
  std::string Priority(std::string_view impact, std::string_view urgency) const;
  // One level up ("P3" -> "P2", "P1" stays), for VIP requesters.
  static std::string Raise(std::string_view priority);

 private:
  std::map<std::pair<std::string, std::string>, std::string> cells_;
};

struct NewTicket {
  model::TicketType type = model::TicketType::kIncident;
  std::string title, description;
  std::string impact = "low", urgency = "low";
  std::string priority;  // empty = from the matrix (raised for VIP groups)
  std::string team, assignee, service, config_item, requester, catalog_item;
  Json fields = Json::object();
  std::string conversation_id, parent_id;
  std::string reason;  // why it went to that team: recorded on the "created" event
};

// Fields that may change; unset = unchanged. status moves only along the
// workflow: new -> assigned -> in_progress <-> waiting -> resolved -> closed,
// resolved -> in_progress (reopen), any open -> resolved, new/assigned/... -> closed (cancel).
// Editors (AccessPolicy::CanEditTicket) may change any field; a requester who is
// not an editor may only close (cancel/confirm), reopen a resolved ticket and
// set satisfaction (1..5, once resolved), which only the requester may set.
struct TicketPatch {
  std::optional<std::string> title, description, status, priority, impact, urgency, team, assignee,
      service, config_item, resolution;
  std::optional<Json> fields;
  std::optional<int> satisfaction;
  std::string reason;  // recorded on the event ("reassigned: wrong team", ...)
  // When set, the update applies only if the ticket is still at this version
  // (optimistic concurrency for editors); kConflict otherwise.
  std::optional<int64_t> expected_version;
};

class TicketService {
 public:
  TicketService(store::Store& store, const Clock& clock, PriorityMatrix matrix,
                AccessPolicy policy);

  // Validates (references exist, levels known), numbers it INC-/REQ-NNNNNN,
  // sets status assigned when a team is given, records "created".
  Result<model::Ticket> Create(const Actor& actor, const NewTicket& ticket);
  // kNotFound for an unknown id or one the actor may not read.
  Result<model::Ticket> Get(const Actor& actor, std::string_view id);
  Result<std::vector<model::Ticket>> List(const Actor& actor, model::TicketFilter filter);
  // kConflict for a transition the workflow forbids, naming both states.
  Result<model::Ticket> Update(const Actor& actor, std::string_view id, const TicketPatch& patch);
  Result<model::Comment> AddComment(const Actor& actor, std::string_view id, std::string body,
                                    bool internal);
  // Comments the actor may see (internal notes only for staff).
  Result<std::vector<model::Comment>> Comments(const Actor& actor, std::string_view id);
  // The ticket's audit events, oldest first.
  Result<std::vector<model::Event>> Events(const Actor& actor, std::string_view id);
  // Records a "hurried" event (the requester asks for speed); the assignee is
  // notified through the event stream.
  Status Hurry(const Actor& actor, std::string_view id, std::string_view note);

  const AccessPolicy& policy() const { return policy_; }
  const PriorityMatrix& matrix() const { return matrix_; }

 private:
  // The organization as stored, reloaded when its version moves. Thread-safe.
  Result<std::shared_ptr<const model::OrgPack>> Org(store::Tx& tx);

  store::Store& store_;
  const Clock& clock_;
  PriorityMatrix matrix_;
  AccessPolicy policy_;
  std::mutex org_mu_;
  std::shared_ptr<const model::OrgPack> org_;  // guarded by org_mu_
  int64_t org_version_ = -1;                   // guarded by org_mu_
};

}  // namespace sa::itsm
