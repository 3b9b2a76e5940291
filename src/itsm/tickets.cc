#include "itsm/tickets.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "core/ids.h"
#include "itsm/audit.h"

namespace sa::itsm {

using model::Ticket;
using model::TicketStatus;

namespace {

// Who an event names. An integration acting for a user (a channel adapter,
// the bot) records the user as the actor and itself in the channel
// ("teams via teams-adapter", "api via bot"); anyone else records itself.
void StampActor(const Actor& actor, model::Event* event) {
  if (actor.role == Role::kIntegration && !actor.on_behalf_of.empty()) {
    event->actor = actor.on_behalf_of;
    event->channel = actor.channel + " via " + actor.id;
  } else {
    event->actor = actor.id;
    event->channel = actor.channel;
  }
}

constexpr size_t kMaxTitle = 300;
constexpr size_t kMaxText = 65536;

bool IsLevel(std::string_view s) { return s == "low" || s == "medium" || s == "high"; }
bool IsPriority(std::string_view s) {
  return s.size() == 2 && s[0] == 'P' && s[1] >= '1' && s[1] <= '4';
}
bool IsOpen(TicketStatus s) { return s != TicketStatus::kResolved && s != TicketStatus::kClosed; }

TimePoint Now(const Clock& clock) { return std::chrono::floor<std::chrono::seconds>(clock.Now()); }

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// The workflow: new -> assigned -> in_progress <-> waiting -> resolved -> closed;
// resolved -> in_progress (reopen); any open state -> resolved or closed (cancel).
bool CanMove(TicketStatus from, TicketStatus to) {
  using S = TicketStatus;
  if (from == to) return true;
  if (IsOpen(from) && (to == S::kResolved || to == S::kClosed)) return true;
  switch (from) {
    case S::kNew:
      return to == S::kAssigned;
    case S::kAssigned:
      return to == S::kInProgress;
    case S::kInProgress:
      return to == S::kWaiting;
    case S::kWaiting:
      return to == S::kInProgress;
    case S::kResolved:
      return to == S::kInProgress || to == S::kClosed;
    case S::kClosed:
      return false;
  }
  return false;
}

// The user an actor opens and follows tickets as.
std::string EndUser(const Actor& a) {
  return a.role == Role::kIntegration ? a.on_behalf_of : a.EffectiveUser();
}

std::string FormatNumber(std::string_view prefix, int64_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*s-%06lld", static_cast<int>(prefix.size()), prefix.data(),
                static_cast<long long>(n));
  return buf;
}

// The VIP group a user belongs to, or "".
std::string VipGroup(const model::OrgPack& org, const model::User& user) {
  for (const std::string& g : user.groups) {
    const model::UserGroup* group = model::FindById(org.user_groups, g);
    if (group && group->vip) return group->id;
  }
  return {};
}

Status NotFoundTicket(std::string_view id) {
  return NotFound("ticket " + std::string(id) + " does not exist");
}

// Checks a reference against the stored org and rewrites it to the stored
// spelling; "" stays "" (no reference).
template <typename T>
Status CheckRef(const std::vector<T>& items, std::string& value, const char* what) {
  if (value.empty()) return Status::Ok();
  const T* found = model::FindById(items, value);
  if (!found) return InvalidArgument("unknown " + std::string(what) + " \"" + value + "\"");
  value = found->id;
  return Status::Ok();
}

Status CheckUser(store::Tx& tx, std::string& value, const char* what) {
  if (value.empty()) return Status::Ok();
  SA_ASSIGN_OR_RETURN(auto user, tx.org().GetUser(value));
  if (!user) return InvalidArgument("unknown " + std::string(what) + " \"" + value + "\"");
  value = user->id;
  return Status::Ok();
}

Status CheckText(const std::string& text, const char* what, size_t max, bool required) {
  if (required && Trim(text).empty()) return InvalidArgument(std::string(what) + " is required");
  if (text.size() > max) {
    return TooLarge(std::string(what) + " is longer than " + std::to_string(max) + " bytes");
  }
  return Status::Ok();
}

// Priority from the matrix, raised for VIP requesters; `why` explains it.
std::string MatrixPriority(const PriorityMatrix& matrix, const model::OrgPack& org,
                           const std::optional<model::User>& requester, const Ticket& t,
                           std::string* why) {
  std::string priority = matrix.Priority(t.impact, t.urgency);
  *why = "impact " + t.impact + " x urgency " + t.urgency + " = " + priority;
  std::string vip = requester ? VipGroup(org, *requester) : std::string();
  if (!vip.empty()) {
    std::string raised = PriorityMatrix::Raise(priority);
    *why += "; raised to " + raised + ": requester is in VIP group " + vip;
    priority = raised;
  }
  return priority;
}

// The event action that names a status change best.
std::string StatusAction(TicketStatus from, TicketStatus to) {
  if (to == TicketStatus::kResolved) return "resolved";
  if (to == TicketStatus::kClosed) return from == TicketStatus::kResolved ? "closed" : "cancelled";
  if (from == TicketStatus::kResolved) return "reopened";
  if (to == TicketStatus::kAssigned) return "assigned";
  return "status_changed";
}

}  // namespace

// ---- PriorityMatrix --------------------------------------------------------

PriorityMatrix::PriorityMatrix() {
  cells_ = {
      {{"high", "high"}, "P1"},     {{"high", "medium"}, "P2"}, {{"medium", "high"}, "P2"},
      {{"medium", "medium"}, "P3"}, {{"high", "low"}, "P3"},    {{"low", "high"}, "P3"},
      {{"medium", "low"}, "P4"},    {{"low", "medium"}, "P4"},  {{"low", "low"}, "P4"},
  };
}

Status PriorityMatrix::Set(std::string_view impact, std::string_view urgency,
                           std::string_view priority) {
  if (!IsLevel(impact)) return InvalidArgument("unknown impact \"" + std::string(impact) + "\"");
  if (!IsLevel(urgency)) {
    return InvalidArgument("unknown urgency \"" + std::string(urgency) + "\"");
  }
  if (!IsPriority(priority)) {
    return InvalidArgument("unknown priority \"" + std::string(priority) + "\" (P1..P4)");
  }
  cells_[{std::string(impact), std::string(urgency)}] = std::string(priority);
  return Status::Ok();
}

std::string PriorityMatrix::Priority(std::string_view impact, std::string_view urgency) const {
  std::string i = IsLevel(impact) ? std::string(impact) : "low";
  std::string u = IsLevel(urgency) ? std::string(urgency) : "low";
  auto it = cells_.find({i, u});
  return it == cells_.end() ? "P4" : it->second;
}

std::string PriorityMatrix::Raise(std::string_view priority) {
  if (!IsPriority(priority)) return std::string(priority);
  char level = std::max<char>('1', static_cast<char>(priority[1] - 1));
  return std::string("P") + level;
}

// ---- TicketService -----------------------------------------------------------

TicketService::TicketService(store::Store& store, const Clock& clock, PriorityMatrix matrix,
                             AccessPolicy policy)
    : store_(store), clock_(clock), matrix_(std::move(matrix)), policy_(policy) {}

Result<std::shared_ptr<const model::OrgPack>> TicketService::Org(store::Tx& tx) {
  SA_ASSIGN_OR_RETURN(int64_t version, tx.org().Version());
  {
    std::lock_guard lock(org_mu_);
    if (org_ && org_version_ == version) return org_;
  }
  SA_ASSIGN_OR_RETURN(model::OrgPack pack, tx.org().Load());
  auto org = std::make_shared<const model::OrgPack>(std::move(pack));
  std::lock_guard lock(org_mu_);
  org_ = org;
  org_version_ = version;
  return org;
}

Result<Ticket> TicketService::Create(const Actor& actor, const NewTicket& in) {
  std::string requester_id = in.requester.empty() ? EndUser(actor) : in.requester;
  if (requester_id.empty()) return InvalidArgument("requester is required");
  if (!policy_.IsStaff(actor) && !policy_.CanActAsUser(actor, requester_id)) {
    return PermissionDenied("a user may open tickets only for themselves");
  }
  if (!in.priority.empty() && !policy_.IsStaff(actor)) {
    return PermissionDenied("only agents may set a priority; give impact and urgency");
  }
  SA_RETURN_IF_ERROR(CheckText(in.title, "title", kMaxTitle, true));
  SA_RETURN_IF_ERROR(CheckText(in.description, "description", kMaxText, false));
  if (!IsLevel(in.impact)) return InvalidArgument("impact must be low, medium or high");
  if (!IsLevel(in.urgency)) return InvalidArgument("urgency must be low, medium or high");
  if (!in.priority.empty() && !IsPriority(in.priority)) {
    return InvalidArgument("priority must be P1, P2, P3 or P4");
  }
  if (!in.fields.is_object()) return InvalidArgument("fields must be a JSON object");
  if (!in.catalog_item.empty() && in.type != model::TicketType::kRequest) {
    return InvalidArgument("a catalog item can only be requested (type request)");
  }

  Ticket created;
  Status status = store_.Transact([&](store::Tx& tx) -> Status {
    SA_ASSIGN_OR_RETURN(auto org, Org(tx));
    Ticket t;
    t.type = in.type;
    t.title = Trim(in.title);
    t.description = in.description;
    t.impact = in.impact;
    t.urgency = in.urgency;
    t.team = in.team;
    t.assignee = in.assignee;
    t.service = in.service;
    t.config_item = in.config_item;
    t.requester = requester_id;
    t.catalog_item = in.catalog_item;
    t.fields = in.fields;
    t.conversation_id = in.conversation_id;
    t.parent_id = in.parent_id;
    t.channel = actor.channel;
    SA_ASSIGN_OR_RETURN(auto requester, tx.org().GetUser(t.requester));
    if (!requester) return InvalidArgument("unknown requester \"" + t.requester + "\"");
    t.requester = requester->id;
    SA_RETURN_IF_ERROR(CheckRef(org->teams, t.team, "team"));
    SA_RETURN_IF_ERROR(CheckRef(org->services, t.service, "service"));
    SA_RETURN_IF_ERROR(CheckRef(org->configuration_items, t.config_item, "configuration item"));
    SA_RETURN_IF_ERROR(CheckRef(org->request_catalog, t.catalog_item, "catalog item"));
    SA_RETURN_IF_ERROR(CheckUser(tx, t.assignee, "assignee"));
    std::string reason = in.reason;
    if (t.team.empty() && !t.catalog_item.empty()) {
      t.team = model::FindById(org->request_catalog, t.catalog_item)->team;
      if (reason.empty()) reason = "catalog item " + t.catalog_item + " is handled by " + t.team;
    }
    if (!t.parent_id.empty()) {
      SA_ASSIGN_OR_RETURN(auto parent, tx.tickets().Get(t.parent_id));
      const model::MajorIncident* major = model::FindById(org->incidents, t.parent_id);
      if (!parent && !major) return InvalidArgument("unknown parent \"" + t.parent_id + "\"");
      t.parent_id = parent ? parent->id : major->id;
    }
    std::string why = "set by " + actor.id;
    t.priority =
        in.priority.empty() ? MatrixPriority(matrix_, *org, requester, t, &why) : in.priority;
    t.status = t.team.empty() ? TicketStatus::kNew : TicketStatus::kAssigned;
    t.created = t.updated = Now(clock_);
    const char* prefix = t.type == model::TicketType::kIncident ? "INC" : "REQ";
    SA_ASSIGN_OR_RETURN(int64_t number, tx.tickets().NextNumber(prefix));
    t.id = FormatNumber(prefix, number);
    SA_RETURN_IF_ERROR(tx.tickets().Insert(t));

    Json changes = Json::object();
    auto add = [&](const char* field, const std::string& value) {
      if (!value.empty()) changes[field] = {{"old", nullptr}, {"new", value}};
    };
    add("type", model::ToString(t.type));
    add("title", t.title);
    add("status", model::ToString(t.status));
    add("impact", t.impact);
    add("urgency", t.urgency);
    add("priority", t.priority);
    changes["priority"]["why"] = why;
    add("team", t.team);
    add("assignee", t.assignee);
    add("service", t.service);
    add("config_item", t.config_item);
    add("requester", t.requester);
    add("catalog_item", t.catalog_item);
    add("parent_id", t.parent_id);
    add("conversation_id", t.conversation_id);
    model::Event event;
    event.at = t.created;
    StampActor(actor, &event);
    event.entity = "ticket";
    event.entity_id = t.id;
    event.action = "created";
    event.changes = std::move(changes);
    event.reason = reason;
    SA_RETURN_IF_ERROR(RecordEvent(tx, clock_, std::move(event)));
    created = std::move(t);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return created;
}

Result<Ticket> TicketService::Get(const Actor& actor, std::string_view id) {
  Ticket out;
  Status status = store_.Transact([&](store::Tx& tx) -> Status {
    SA_ASSIGN_OR_RETURN(auto t, tx.tickets().Get(id));
    if (!t || !policy_.CanReadTicket(actor, *t)) return NotFoundTicket(id);
    out = std::move(*t);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

Result<std::vector<Ticket>> TicketService::List(const Actor& actor, model::TicketFilter filter) {
  if (!policy_.IsStaff(actor)) {
    std::string user = EndUser(actor);
    if (user.empty()) return PermissionDenied("name the user to list tickets for");
    filter.requester = user;  // end users see only their own tickets
  }
  filter.limit = std::clamp(filter.limit, 1, 500);
  filter.offset = std::max(filter.offset, 0);
  std::vector<Ticket> out;
  Status status = store_.Transact([&](store::Tx& tx) -> Status {
    SA_ASSIGN_OR_RETURN(out, tx.tickets().List(filter));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

namespace {

// What a requester who is not an editor may change: cancel or confirm (close),
// reopen a resolved ticket, rate it.
Status CheckRequesterPatch(const Ticket& t, const TicketPatch& p) {
  if (p.title || p.description || p.priority || p.impact || p.urgency || p.team || p.assignee ||
      p.service || p.config_item || p.resolution || p.fields) {
    return PermissionDenied("the requester of " + t.id +
                            " may only close, reopen or rate it; other changes are for agents");
  }
  if (p.status) {
    auto to = model::ParseTicketStatus(*p.status);
    bool reopen = to == TicketStatus::kInProgress && t.status == TicketStatus::kResolved;
    if (to && *to != TicketStatus::kClosed && !reopen && *to != t.status) {
      return PermissionDenied("the requester of " + t.id + " may only close or reopen it");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<Ticket> TicketService::Update(const Actor& actor, std::string_view id,
                                     const TicketPatch& patch) {
  Ticket out;
  Status status = store_.Transact([&](store::Tx& tx) -> Status {
    SA_ASSIGN_OR_RETURN(auto stored, tx.tickets().Get(id));
    if (!stored || !policy_.CanReadTicket(actor, *stored)) return NotFoundTicket(id);
    Ticket t = std::move(*stored);
    const bool editor = policy_.CanEditTicket(actor, t);
    const bool requester = policy_.IsRequester(actor, t);
    if (!editor && !requester) {
      return PermissionDenied(actor.id + " may read " + t.id + " but not change it");
    }
    if (!editor) SA_RETURN_IF_ERROR(CheckRequesterPatch(t, patch));
    if (patch.satisfaction && !requester) {
      return PermissionDenied("only the requester rates " + t.id);
    }
    if (patch.expected_version && *patch.expected_version != t.version) {
      return Conflict(t.id + " was changed meanwhile (version " + std::to_string(t.version) +
                      ", not " + std::to_string(*patch.expected_version) + "); reload it");
    }
    SA_ASSIGN_OR_RETURN(auto org, Org(tx));
    const TimePoint now = Now(clock_);
    const TicketStatus old_status = t.status;
    Json changes = Json::object();
    auto set = [&](const char* field, std::string& slot, const std::string& value) {
      if (slot == value) return;
      changes[field] = {{"old", slot}, {"new", value}};
      slot = value;
    };

    if (patch.title) {
      SA_RETURN_IF_ERROR(CheckText(*patch.title, "title", kMaxTitle, true));
      set("title", t.title, Trim(*patch.title));
    }
    if (patch.description) {
      SA_RETURN_IF_ERROR(CheckText(*patch.description, "description", kMaxText, false));
      set("description", t.description, *patch.description);
    }
    if (patch.resolution) {
      SA_RETURN_IF_ERROR(CheckText(*patch.resolution, "resolution", kMaxText, false));
      set("resolution", t.resolution, *patch.resolution);
    }
    if (patch.team) {
      std::string team = *patch.team;
      SA_RETURN_IF_ERROR(CheckRef(org->teams, team, "team"));
      set("team", t.team, team);
    }
    if (patch.service) {
      std::string service = *patch.service;
      SA_RETURN_IF_ERROR(CheckRef(org->services, service, "service"));
      set("service", t.service, service);
    }
    if (patch.config_item) {
      std::string ci = *patch.config_item;
      SA_RETURN_IF_ERROR(CheckRef(org->configuration_items, ci, "configuration item"));
      set("config_item", t.config_item, ci);
    }
    if (patch.assignee) {
      std::string assignee = *patch.assignee;
      SA_RETURN_IF_ERROR(CheckUser(tx, assignee, "assignee"));
      set("assignee", t.assignee, assignee);
    }
    if (patch.impact) {
      if (!IsLevel(*patch.impact)) return InvalidArgument("impact must be low, medium or high");
      set("impact", t.impact, *patch.impact);
    }
    if (patch.urgency) {
      if (!IsLevel(*patch.urgency)) return InvalidArgument("urgency must be low, medium or high");
      set("urgency", t.urgency, *patch.urgency);
    }
    if (patch.priority) {
      if (!IsPriority(*patch.priority)) return InvalidArgument("priority must be P1, P2, P3 or P4");
      set("priority", t.priority, *patch.priority);
    } else if (changes.contains("impact") || changes.contains("urgency")) {
      SA_ASSIGN_OR_RETURN(auto user, tx.org().GetUser(t.requester));
      std::string why;
      set("priority", t.priority, MatrixPriority(matrix_, *org, user, t, &why));
      if (changes.contains("priority")) changes["priority"]["why"] = why;
    }
    if (patch.fields) {
      if (!patch.fields->is_object()) return InvalidArgument("fields must be a JSON object");
      if (t.fields != *patch.fields) {
        changes["fields"] = {{"old", t.fields}, {"new", *patch.fields}};
        t.fields = *patch.fields;
      }
    }

    TicketStatus new_status = old_status;
    if (patch.status) {
      auto to = model::ParseTicketStatus(*patch.status);
      if (!to) return InvalidArgument("unknown status \"" + *patch.status + "\"");
      new_status = *to;
    } else if (old_status == TicketStatus::kNew && !t.team.empty()) {
      new_status = TicketStatus::kAssigned;  // a team took it
    }
    if (!CanMove(old_status, new_status)) {
      return Conflict("cannot move " + t.id + " from " + model::ToString(old_status) + " to " +
                      model::ToString(new_status));
    }
    if (new_status != old_status) {
      changes["status"] = {{"old", model::ToString(old_status)},
                           {"new", model::ToString(new_status)}};
      t.status = new_status;
      if (new_status == TicketStatus::kResolved) t.resolved_at = now;
      if (old_status == TicketStatus::kResolved && new_status == TicketStatus::kInProgress) {
        t.resolved_at = TimePoint{};
      }
    }
    if (patch.satisfaction) {
      if (*patch.satisfaction < 1 || *patch.satisfaction > 5) {
        return InvalidArgument("satisfaction must be from 1 to 5");
      }
      if (IsOpen(t.status)) return FailedPrecondition(t.id + " is not resolved yet; rate it after");
      if (t.satisfaction != *patch.satisfaction) {
        changes["satisfaction"] = {{"old", t.satisfaction}, {"new", *patch.satisfaction}};
        t.satisfaction = *patch.satisfaction;
      }
    }

    if (changes.empty()) {
      out = std::move(t);
      return Status::Ok();
    }
    t.updated = now;
    t.version += 1;
    SA_RETURN_IF_ERROR(tx.tickets().Update(t));
    // A reassignment changes the final teams routing learns from (dialogue::OrgContext).
    if (changes.contains("team")) SA_RETURN_IF_ERROR(tx.learning().BumpGeneration());
    model::Event event;
    event.at = now;
    StampActor(actor, &event);
    event.entity = "ticket";
    event.entity_id = t.id;
    if (new_status != old_status) {
      event.action = StatusAction(old_status, new_status);
    } else if (changes.contains("team") || changes.contains("assignee")) {
      event.action = "assigned";
    } else if (changes.contains("satisfaction") && changes.size() == 1) {
      event.action = "rated";
    } else {
      event.action = "updated";
    }
    event.changes = std::move(changes);
    event.reason = patch.reason;
    SA_RETURN_IF_ERROR(RecordEvent(tx, clock_, std::move(event)));
    out = std::move(t);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

Result<model::Comment> TicketService::AddComment(const Actor& actor, std::string_view id,
                                                 std::string body, bool internal) {
  SA_RETURN_IF_ERROR(CheckText(body, "comment", kMaxText, true));
  if (internal && !policy_.CanSeeInternalNotes(actor)) {
    return PermissionDenied("only agents may write internal notes");
  }
  model::Comment out;
  Status status = store_.Transact([&](store::Tx& tx) -> Status {
    SA_ASSIGN_OR_RETURN(auto stored, tx.tickets().Get(id));
    if (!stored || !policy_.CanReadTicket(actor, *stored)) return NotFoundTicket(id);
    Ticket t = std::move(*stored);
    if (!policy_.CanCommentTicket(actor, t)) {
      return PermissionDenied(actor.id + " may read " + t.id + " but not comment on it");
    }
    const TimePoint now = Now(clock_);
    model::Comment c;
    c.ticket_id = t.id;
    c.author = policy_.IsRequester(actor, t) ? t.requester : actor.id;
    c.body = body;
    c.internal = internal;
    c.channel = actor.channel;
    c.created = now;
    SA_ASSIGN_OR_RETURN(c.id, tx.tickets().AddComment(c));

    Json changes = {{"comment_id", c.id}, {"internal", internal}};
    // The requester answering a ticket that waits for them puts it back in progress.
    if (!internal && t.status == TicketStatus::kWaiting && policy_.IsRequester(actor, t)) {
      changes["status"] = {{"old", model::ToString(t.status)},
                           {"new", model::ToString(TicketStatus::kInProgress)}};
      t.status = TicketStatus::kInProgress;
    }
    t.updated = now;
    t.version += 1;
    SA_RETURN_IF_ERROR(tx.tickets().Update(t));
    model::Event event;
    event.at = now;
    StampActor(actor, &event);
    event.entity = "ticket";
    event.entity_id = t.id;
    event.action = "commented";
    event.changes = std::move(changes);
    SA_RETURN_IF_ERROR(RecordEvent(tx, clock_, std::move(event)));
    out = std::move(c);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

Result<std::vector<model::Comment>> TicketService::Comments(const Actor& actor,
                                                            std::string_view id) {
  std::vector<model::Comment> out;
  Status status = store_.Transact([&](store::Tx& tx) -> Status {
    SA_ASSIGN_OR_RETURN(auto t, tx.tickets().Get(id));
    if (!t || !policy_.CanReadTicket(actor, *t)) return NotFoundTicket(id);
    SA_ASSIGN_OR_RETURN(out, tx.tickets().Comments(t->id));
    if (!policy_.CanSeeInternalNotes(actor)) {
      std::erase_if(out, [](const model::Comment& c) { return c.internal; });
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

Result<std::vector<model::Event>> TicketService::Events(const Actor& actor, std::string_view id) {
  std::vector<model::Event> out;
  Status status = store_.Transact([&](store::Tx& tx) -> Status {
    SA_ASSIGN_OR_RETURN(auto t, tx.tickets().Get(id));
    if (!t || !policy_.CanReadTicket(actor, *t)) return NotFoundTicket(id);
    SA_ASSIGN_OR_RETURN(out, tx.events().ForEntity("ticket", t->id));
    if (!policy_.CanSeeInternalNotes(actor)) {
      std::erase_if(out, [](const model::Event& e) {
        return e.action == "commented" && e.changes.value("internal", false);
      });
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

Status TicketService::Hurry(const Actor& actor, std::string_view id, std::string_view note) {
  SA_RETURN_IF_ERROR(CheckText(std::string(note), "note", kMaxText, false));
  return store_.Transact([&](store::Tx& tx) -> Status {
    SA_ASSIGN_OR_RETURN(auto t, tx.tickets().Get(id));
    if (!t || !policy_.CanReadTicket(actor, *t)) return NotFoundTicket(id);
    if (!policy_.IsRequester(actor, *t) && !policy_.CanEditTicket(actor, *t)) {
      return PermissionDenied(actor.id + " may read " + t->id + " but not hurry it");
    }
    if (!IsOpen(t->status)) {
      return FailedPrecondition(t->id + " is already " + model::ToString(t->status));
    }
    model::Event event;
    StampActor(actor, &event);
    event.entity = "ticket";
    event.entity_id = t->id;
    event.action = "hurried";
    event.changes = {{"assignee", t->assignee}, {"team", t->team}, {"priority", t->priority}};
    event.reason = std::string(note);
    return RecordEvent(tx, clock_, std::move(event));
  });
}

}  // namespace sa::itsm
