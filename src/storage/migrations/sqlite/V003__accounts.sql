-- Accounts, role grants scoped to a unit subtree or an organisation, log-in sessions, API tokens,
-- and the counters that slow down and lock repeated failed log-ins.
CREATE TABLE users (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  username      TEXT NOT NULL,
  display_name  TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  active        INTEGER NOT NULL DEFAULT 1,
  is_demo       INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  password_changed_at TEXT NOT NULL,
  CONSTRAINT users_username_key UNIQUE (username)
);

CREATE TABLE role_grants (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id         INTEGER NOT NULL REFERENCES users (id),
  role            TEXT NOT NULL CHECK (role IN ('system_admin', 'unit_admin', 'unit_member', 'council_member',
                                                 'signer', 'viewer')),
  unit_id         INTEGER REFERENCES admin_units (id),
  organisation_id INTEGER,
  created_at      TEXT NOT NULL,
  CONSTRAINT role_grants_scope_check CHECK (role = 'system_admin' OR unit_id IS NOT NULL)
);
CREATE INDEX role_grants_user_idx ON role_grants (user_id);

CREATE TABLE sessions (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  token_hash   TEXT NOT NULL,
  user_id      INTEGER NOT NULL REFERENCES users (id),
  csrf_token   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  remote       TEXT,
  CONSTRAINT sessions_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  token_hash   TEXT NOT NULL,
  user_id      INTEGER NOT NULL REFERENCES users (id),
  name         TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  expires_at   TEXT,
  revoked_at   TEXT,
  last_used_at TEXT,
  CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

-- One row per throttled key: 'user:<name>' or 'addr:<ip>'.
CREATE TABLE login_throttle (
  key          TEXT PRIMARY KEY,
  failures     INTEGER NOT NULL,
  last_failure TEXT NOT NULL,
  locked_until TEXT
);
