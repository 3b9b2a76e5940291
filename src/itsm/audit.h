// The append-only audit log: every change to every ticket and every
// administrative action, hash-chained so tampering is detectable.
#pragma once

#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "model/ticket.h"
#include "store/store.h"

namespace sa::itsm {

// Completes `event` (seq, prev_hash, hash; `at` from clock when unset) and
// appends it within `tx`. Call it inside the transaction that made the change.
Status RecordEvent(store::Tx& tx, const Clock& clock, model::Event event);

// The hash of an event: SHA-256 over prev_hash and a canonical serialization of
// seq, at, actor, channel, entity, entity_id, action, changes, reason.
std::string EventHash(const model::Event& event);

struct ChainReport {
  int64_t events = 0;
  bool ok = true;
  int64_t first_bad_seq = 0;  // 0 when ok
  std::string problem;        // what is wrong at first_bad_seq
};
// Walks the whole log and recomputes every hash.
Result<ChainReport> VerifyChain(store::Store& store);

}  // namespace sa::itsm
