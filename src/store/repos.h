// The repositories over a sql::Connection, written once in portable SQL for
// every backend. Each is bound to the connection of one transaction and used
// by the thread that runs it.
#pragma once

#include <memory>

#include "store/sql.h"
#include "store/store.h"

namespace sa::store {

std::unique_ptr<OrgRepo> NewOrgRepo(sql::Connection& conn);
std::unique_ptr<TicketRepo> NewTicketRepo(sql::Connection& conn);
std::unique_ptr<EventRepo> NewEventRepo(sql::Connection& conn);
std::unique_ptr<ConversationRepo> NewConversationRepo(sql::Connection& conn);
std::unique_ptr<AuthRepo> NewAuthRepo(sql::Connection& conn);
std::unique_ptr<KnowledgeRepo> NewKnowledgeRepo(sql::Connection& conn);
std::unique_ptr<LearningRepo> NewLearningRepo(sql::Connection& conn);

}  // namespace sa::store
