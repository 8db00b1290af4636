-- The audit log: every state change, chained by hash per chain (one chain per tenant unit, "system" for
-- the rest). Times are stored as UTC text so that the hashed bytes read back exactly as written.
CREATE TABLE audit_log (
  id          BIGSERIAL PRIMARY KEY,
  chain       TEXT NOT NULL,
  seq         BIGINT NOT NULL,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   TEXT NOT NULL,
  action      TEXT NOT NULL,
  before_json TEXT,
  after_json  TEXT,
  request_id  TEXT,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL,
  CONSTRAINT audit_log_chain_seq_key UNIQUE (chain, seq)
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);
