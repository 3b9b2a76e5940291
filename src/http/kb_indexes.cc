#include "http/kb_indexes.h"

#include <set>

#include "knowledge/knowledge.h"

namespace sa::http {

KbIndexes::KbIndexes(store::Store& store, OrgCache& org, KnowledgeIndexProvider provider)
    : store_(store), org_(org), provider_(std::move(provider)) {}

KbIndexes::~KbIndexes() = default;

Result<std::shared_ptr<const knowledge::KnowledgeIndex>> KbIndexes::Articles() {
  if (provider_) {
    Result<std::shared_ptr<const knowledge::KnowledgeIndex>> provided = provider_();
    if (provided.ok() && *provided != nullptr) return provided;
  }
  SA_ASSIGN_OR_RETURN(std::shared_ptr<const model::OrgPack> pack, org_.Get());
  std::lock_guard lock(articles_mu_);
  if (articles_ && indexed_pack_ == pack) return articles_;
  SA_ASSIGN_OR_RETURN(std::unique_ptr<knowledge::KnowledgeIndex> index,
                      knowledge::KnowledgeIndex::Create({}));
  SA_RETURN_IF_ERROR(index->Rebuild(pack->knowledge, knowledge::SearchVocabulary(*pack)));
  articles_ = std::move(index);
  indexed_pack_ = pack;
  return articles_;
}

Result<std::shared_ptr<const knowledge::CaseIndex>> KbIndexes::Cases() {
  std::lock_guard lock(cases_mu_);
  if (!cases_) {
    SA_RETURN_IF_ERROR(BuildCasesLocked());
  } else {
    SA_RETURN_IF_ERROR(CatchUpCasesLocked());
  }
  return std::shared_ptr<const knowledge::CaseIndex>(cases_);
}

Status KbIndexes::BuildCasesLocked() {
  SA_ASSIGN_OR_RETURN(std::unique_ptr<knowledge::CaseIndex> index, knowledge::CaseIndex::Create());
  // Where the audit log stands before reading the tickets: anything logged
  // after it is applied again by the next catch-up (applying is idempotent).
  int64_t seq = 0;
  SA_RETURN_IF_ERROR(store_.Transact([&](store::Tx& tx) -> Status {
    SA_ASSIGN_OR_RETURN(std::optional<model::Event> last, tx.events().Last());
    seq = last ? last->seq : 0;
    return Status::Ok();
  }));
  for (model::TicketStatus status :
       {model::TicketStatus::kResolved, model::TicketStatus::kClosed}) {
    model::TicketFilter filter;
    filter.status = status;
    filter.limit = 500;
    for (;;) {
      std::vector<model::Ticket> page;
      SA_RETURN_IF_ERROR(store_.Transact([&](store::Tx& tx) -> Status {
        SA_ASSIGN_OR_RETURN(page, tx.tickets().List(filter));
        return Status::Ok();
      }));
      for (const model::Ticket& t : page) {
        if (std::optional<knowledge::ResolvedCase> c = knowledge::CaseFromTicket(t)) {
          SA_RETURN_IF_ERROR(index->Upsert(*c));
        }
      }
      if (page.size() < static_cast<size_t>(filter.limit)) break;
      filter.offset += filter.limit;
    }
  }
  cases_ = std::move(index);
  cases_seq_ = seq;
  return Status::Ok();
}

Status KbIndexes::CatchUpCasesLocked() {
  // Every ticket change, whoever made it (the API, the bot closing a ticket
  // in a conversation, another server on the same database), is an audit
  // event: re-read the tickets named by the events since the last look.
  constexpr int kPage = 500;
  for (;;) {
    std::vector<model::Event> events;
    std::set<std::string> changed;
    std::vector<model::Ticket> tickets;
    SA_RETURN_IF_ERROR(store_.Transact([&](store::Tx& tx) -> Status {
      SA_ASSIGN_OR_RETURN(events, tx.events().Range(cases_seq_ + 1, kPage));
      for (const model::Event& e : events) {
        if (e.entity == "ticket") changed.insert(e.entity_id);
      }
      for (const std::string& id : changed) {
        SA_ASSIGN_OR_RETURN(std::optional<model::Ticket> t, tx.tickets().Get(id));
        if (t) tickets.push_back(std::move(*t));
      }
      return Status::Ok();
    }));
    for (const model::Ticket& t : tickets) ApplyLocked(t);
    if (!events.empty()) cases_seq_ = events.back().seq;
    if (events.size() < static_cast<size_t>(kPage)) return Status::Ok();
  }
}

void KbIndexes::ApplyLocked(const model::Ticket& ticket) {
  if (std::optional<knowledge::ResolvedCase> c = knowledge::CaseFromTicket(ticket)) {
    (void)cases_->Upsert(*c);
  } else {
    (void)cases_->Remove(ticket.id);  // kNotFound when it never was a case
  }
}

void KbIndexes::TicketChanged(const model::Ticket& ticket) {
  std::lock_guard lock(cases_mu_);
  if (!cases_) return;  // the first Cases() reads the ticket from the store
  ApplyLocked(ticket);
}

}  // namespace sa::http
