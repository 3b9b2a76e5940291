#include "http/kb_indexes.h"

#include "knowledge/knowledge.h"

namespace sa::http {

namespace {

std::vector<knowledge::ServiceTerms> ServiceTermsOf(const model::OrgPack& pack) {
  std::vector<knowledge::ServiceTerms> out;
  for (const model::Service& s : pack.services) {
    knowledge::ServiceTerms t{s.id, {s.name}};
    t.names.insert(t.names.end(), s.aliases.begin(), s.aliases.end());
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace

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
  SA_RETURN_IF_ERROR(index->Rebuild(pack->knowledge, ServiceTermsOf(*pack)));
  articles_ = std::move(index);
  indexed_pack_ = pack;
  return articles_;
}

Result<std::shared_ptr<const knowledge::CaseIndex>> KbIndexes::Cases() {
  std::lock_guard lock(cases_mu_);
  if (cases_) return std::shared_ptr<const knowledge::CaseIndex>(cases_);
  SA_ASSIGN_OR_RETURN(std::unique_ptr<knowledge::CaseIndex> index, knowledge::CaseIndex::Create());
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
  return std::shared_ptr<const knowledge::CaseIndex>(cases_);
}

void KbIndexes::TicketChanged(const model::Ticket& ticket) {
  std::lock_guard lock(cases_mu_);
  if (!cases_) return;  // the first Cases() reads the ticket from the store
  if (std::optional<knowledge::ResolvedCase> c = knowledge::CaseFromTicket(ticket)) {
    (void)cases_->Upsert(*c);
  } else {
    (void)cases_->Remove(ticket.id);  // kNotFound when it never was a case
  }
}

}  // namespace sa::http
