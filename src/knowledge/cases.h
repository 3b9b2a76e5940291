// The case library: resolved tickets, searchable by similarity, so an agent
// (or the bot) facing a new problem sees how similar ones were solved, and can
// turn a good resolution into a draft article in one step.
//
// CaseIndex is in-memory and knows no database: the owner feeds it resolved
// tickets (CaseFromTicket) at start and whenever one is resolved.
// Thread-safety: thread-safe; Search runs concurrently, Upsert/Remove are
// exclusive and visible to every Search that starts after they return.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "model/org.h"
#include "model/ticket.h"

namespace sa::knowledge {

struct ResolvedCase {
  std::string ticket_id;
  std::string title, description;
  std::string resolution;  // the resolution note; cases without one are not indexed
  std::string service, team;
  std::string language;  // empty = detected from the text
};

struct CaseHit {
  ResolvedCase resolved_case;
  double score = 0;       // engine score, comparable within one list
  double similarity = 0;  // 0..1, share of the query's terms found in the case
};

// The case for a resolved (or closed) ticket; nullopt when the ticket is not
// resolved/closed or has no resolution note.
std::optional<ResolvedCase> CaseFromTicket(const model::Ticket& ticket);

class CaseIndex {
 public:
  virtual ~CaseIndex() = default;
  static Result<std::unique_ptr<CaseIndex>> Create();

  // Adds or replaces the case of `c.ticket_id`. kInvalidArgument when the id
  // or the resolution is empty.
  virtual Status Upsert(const ResolvedCase& c) = 0;
  // kNotFound when the ticket is not in the library.
  virtual Status Remove(std::string_view ticket_id) = 0;
  // Most similar cases to `text` (a new ticket's title + description), best
  // first, at most `limit`. `service` (optional) boosts cases of that service.
  virtual std::vector<CaseHit> Search(std::string_view text, std::string_view service = {},
                                      int limit = 5) const = 0;
  virtual size_t Size() const = 0;
};

// A draft article written from a case: title from the ticket title, body with
// the problem and the resolution (Markdown), service and language from the
// case, audience {"all"}, status "draft", version 1, id "kb-case-<ticket id>".
model::Article DraftArticleFromCase(const ResolvedCase& c, std::string_view author, TimePoint now);

}  // namespace sa::knowledge
