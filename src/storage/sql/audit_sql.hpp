#pragma once
// Named SQL of the audit log.

#include <string_view>

namespace danvan::sql {

// Serialises writers of one chain on PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises all writers.
inline constexpr std::string_view kLockAuditChainPostgres = R"~(SELECT pg_advisory_xact_lock(hashtext(:chain)))~";

inline constexpr std::string_view kSelectAuditHead = R"~(
SELECT id, chain, seq, at, actor, entity, entity_id, action, before_json, after_json, request_id, prev_hash, hash
FROM audit_log WHERE chain = :chain ORDER BY seq DESC LIMIT 1)~";

inline constexpr std::string_view kInsertAudit = R"~(
INSERT INTO audit_log (chain, seq, at, actor, entity, entity_id, action, before_json, after_json, request_id,
                       prev_hash, hash)
VALUES (:chain, :seq, :at, :actor, :entity, :entity_id, :action, :before_json, :after_json, :request_id,
        :prev_hash, :hash))~";

// Keyset pagination: constant memory however long the log.
inline constexpr std::string_view kSelectAuditPage = R"~(
SELECT id, chain, seq, at, actor, entity, entity_id, action, before_json, after_json, request_id, prev_hash, hash
FROM audit_log
WHERE chain > :chain OR (chain = :chain2 AND seq > :seq)
ORDER BY chain, seq LIMIT 1000)~";

// One entity's entries, oldest first (audit_log_entity_idx).
inline constexpr std::string_view kSelectAuditOfEntity = R"~(
SELECT id, chain, seq, at, actor, entity, entity_id, action, before_json, after_json, request_id, prev_hash, hash
FROM audit_log WHERE entity = :entity AND entity_id = :entity_id ORDER BY id)~";

}  // namespace danvan::sql
