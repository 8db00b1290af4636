#include "services/audit.hpp"

namespace danvan {

void AuditLog::Record(Tx& tx, const Actor& actor, const AuditEvent& event) {
  const auto head = repo_.LockHead(tx, event.chain);
  AuditEntry e;
  e.chain = event.chain;
  e.seq = head ? head->seq + 1 : 1;
  e.at = FormatUtc(clock_.Now());
  e.actor = actor.id;
  e.entity = event.entity;
  e.entity_id = event.entity_id;
  e.action = event.action;
  e.before_json = event.before_json;
  e.after_json = event.after_json;
  e.request_id = actor.request_id;
  e.prev_hash = head ? head->hash : kGenesisHash;
  e.hash = AuditHash(e);
  repo_.Insert(tx, e);
}

Result<AuditVerification> AuditLog::Verify(Database& db) {
  return db.Run<AuditVerification>(TxMode::kRead, [&](Tx& tx) -> Result<AuditVerification> {
    AuditChainChecker checker;
    repo_.ForEach(tx, [&](const AuditEntry& e) { return checker.Add(e); });
    AuditVerification v;
    v.ok = !checker.broken().has_value();
    v.count = checker.count();
    v.broken = checker.broken();
    return v;
  });
}

}  // namespace danvan
