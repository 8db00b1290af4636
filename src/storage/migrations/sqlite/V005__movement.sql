-- The "Dân vận khéo" movement: campaigns with their settings, models and exemplars, progress reports with
-- attachments, councils, scores and the secret ballot.

-- Fields (lĩnh vực) are reference data: the four official ones; a province may add more.
CREATE TABLE fields (
  code       TEXT PRIMARY KEY,
  name_vi    TEXT NOT NULL,
  name_en    TEXT NOT NULL,
  sort_order INTEGER NOT NULL
);
INSERT INTO fields (code, name_vi, name_en, sort_order) VALUES
  ('kinh_te', 'Kinh tế', 'Economy', 10),
  ('van_hoa_xa_hoi', 'Văn hóa – xã hội', 'Culture and society', 20),
  ('quoc_phong_an_ninh', 'Quốc phòng – an ninh', 'Defence and security', 30),
  ('xay_dung_he_thong_chinh_tri', 'Xây dựng hệ thống chính trị', 'Building the political system', 40);

CREATE TABLE campaigns (
  id                    INTEGER PRIMARY KEY AUTOINCREMENT,
  unit_id               INTEGER NOT NULL REFERENCES admin_units (id),
  movement              TEXT NOT NULL,
  title                 TEXT NOT NULL,
  starts_on             TEXT NOT NULL,
  ends_on               TEXT NOT NULL,
  launch_document       TEXT NOT NULL,
  launch_date           TEXT,
  registration_deadline TEXT NOT NULL,
  interim_review_on     TEXT,
  final_review_on       TEXT,
  pass_score            REAL NOT NULL,
  ballot_threshold      REAL NOT NULL,
  quorum                REAL NOT NULL,
  status                TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL
);
CREATE INDEX campaigns_unit_idx ON campaigns (unit_id, starts_on);

CREATE TABLE campaign_fields (
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  field_code  TEXT NOT NULL REFERENCES fields (code),
  PRIMARY KEY (campaign_id, field_code)
);

CREATE TABLE campaign_criteria (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  name        TEXT NOT NULL,
  weight      REAL NOT NULL CHECK (weight > 0),
  max_score   REAL NOT NULL CHECK (max_score > 0),
  position    INTEGER NOT NULL
);
CREATE INDEX campaign_criteria_campaign_idx ON campaign_criteria (campaign_id);

CREATE TABLE campaign_levels (
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  code        TEXT NOT NULL,
  name        TEXT NOT NULL,
  position    INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, code)
);

CREATE TABLE campaign_quotas (
  campaign_id       INTEGER NOT NULL REFERENCES campaigns (id),
  organisation_kind TEXT NOT NULL REFERENCES organisation_kinds (code),
  min_models        INTEGER NOT NULL,
  max_models        INTEGER,
  PRIMARY KEY (campaign_id, organisation_kind)
);

CREATE TABLE campaign_links (
  campaign_id     INTEGER NOT NULL REFERENCES campaigns (id),
  linked_movement TEXT NOT NULL,
  PRIMARY KEY (campaign_id, linked_movement)
);

-- A unit admin may reopen registration past the deadline for one organisation.
CREATE TABLE registration_reopenings (
  campaign_id     INTEGER NOT NULL REFERENCES campaigns (id),
  organisation_id INTEGER NOT NULL REFERENCES organisations (id),
  until_date      TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  PRIMARY KEY (campaign_id, organisation_id)
);

CREATE TABLE models (
  id                    INTEGER PRIMARY KEY AUTOINCREMENT,
  campaign_id           INTEGER NOT NULL REFERENCES campaigns (id),
  unit_id               INTEGER NOT NULL REFERENCES admin_units (id),
  kind                  TEXT NOT NULL CHECK (kind IN ('model', 'exemplar')),
  subject               TEXT NOT NULL CHECK (subject IN ('collective', 'individual')),
  field_code            TEXT NOT NULL REFERENCES fields (code),
  title                 TEXT NOT NULL,
  title_folded          TEXT NOT NULL,
  title_sort            TEXT NOT NULL,
  owner_organisation_id INTEGER REFERENCES organisations (id),
  owner_person_id       INTEGER REFERENCES people (id),
  address               TEXT NOT NULL,
  latitude              REAL,
  longitude             REAL,
  description           TEXT NOT NULL,
  goals                 TEXT NOT NULL,
  started_on            TEXT,
  status                TEXT NOT NULL CHECK (status IN ('draft', 'registered', 'active', 'proposed', 'recognised',
                                                        'not_recognised', 'carried_over', 'stopped')),
  recognition_level     TEXT,
  status_reason         TEXT NOT NULL DEFAULT '',
  source_model_id       INTEGER REFERENCES models (id),
  carried_from_id       INTEGER REFERENCES models (id),
  registered_at         TEXT,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL
);
CREATE INDEX models_campaign_idx ON models (campaign_id, status);
CREATE INDEX models_source_idx ON models (source_model_id);
CREATE INDEX models_owner_idx ON models (owner_organisation_id);

CREATE TABLE model_indicators (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  model_id INTEGER NOT NULL REFERENCES models (id),
  name     TEXT NOT NULL,
  unit     TEXT NOT NULL,
  target   REAL NOT NULL,
  actual   REAL,
  position INTEGER NOT NULL
);
CREATE INDEX model_indicators_model_idx ON model_indicators (model_id);

CREATE TABLE progress_reports (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  model_id   INTEGER NOT NULL REFERENCES models (id),
  kind       TEXT NOT NULL CHECK (kind IN ('progress', 'interim', 'final')),
  body       TEXT NOT NULL,
  author     TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX progress_reports_model_idx ON progress_reports (model_id);

-- Attachments live in the database, so that a backup is one consistent copy and nodes keep no files. Content is
-- base64 text: one binding that SOCI carries unchanged on both SQLite and PostgreSQL.
CREATE TABLE attachments (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  report_id  INTEGER NOT NULL REFERENCES progress_reports (id),
  file_name  TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  content    TEXT NOT NULL,
  thumbnail  TEXT,
  width      INTEGER,
  height     INTEGER,
  is_public  INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX attachments_report_idx ON attachments (report_id);

CREATE TABLE councils (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('hoi_dong_thi_dua_khen_thuong', 'ban_chi_dao')),
  created_at  TEXT NOT NULL
);

CREATE TABLE council_members (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  council_id   INTEGER NOT NULL REFERENCES councils (id),
  user_id      INTEGER NOT NULL REFERENCES users (id),
  display_name TEXT NOT NULL,
  role         TEXT NOT NULL CHECK (role IN ('chair', 'member', 'secretary')),
  CONSTRAINT council_members_user_key UNIQUE (council_id, user_id)
);

CREATE TABLE council_sessions (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  council_id INTEGER NOT NULL REFERENCES councils (id),
  held_on    TEXT NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('open', 'scoring_closed', 'closed')),
  created_at TEXT NOT NULL,
  closed_at  TEXT
);

CREATE TABLE session_attendance (
  session_id INTEGER NOT NULL REFERENCES council_sessions (id),
  member_id  INTEGER NOT NULL REFERENCES council_members (id),
  PRIMARY KEY (session_id, member_id)
);

CREATE TABLE session_models (
  session_id INTEGER NOT NULL REFERENCES council_sessions (id),
  model_id   INTEGER NOT NULL REFERENCES models (id),
  total      REAL,
  outcome    TEXT CHECK (outcome IN ('recognised', 'not_recognised')),
  level      TEXT,
  reason     TEXT,
  PRIMARY KEY (session_id, model_id)
);

CREATE TABLE scores (
  session_id   INTEGER NOT NULL REFERENCES council_sessions (id),
  model_id     INTEGER NOT NULL REFERENCES models (id),
  member_id    INTEGER NOT NULL REFERENCES council_members (id),
  criterion_id INTEGER NOT NULL REFERENCES campaign_criteria (id),
  score        REAL NOT NULL,
  PRIMARY KEY (session_id, model_id, member_id, criterion_id)
);

-- The secret ballot. Who voted and what was voted are kept apart: ballot_voters says that a member voted
-- (so that each votes once) and nothing about the vote; ballot_tallies holds only counts. There is no
-- row per ballot, no time and no order to join the two by (WITHOUT ROWID: not even SQLite's insertion order).
CREATE TABLE ballot_voters (
  session_id INTEGER NOT NULL REFERENCES council_sessions (id),
  model_id   INTEGER NOT NULL REFERENCES models (id),
  member_id  INTEGER NOT NULL REFERENCES council_members (id),
  PRIMARY KEY (session_id, model_id, member_id)
) WITHOUT ROWID;

CREATE TABLE ballot_tallies (
  session_id INTEGER NOT NULL REFERENCES council_sessions (id),
  model_id   INTEGER NOT NULL REFERENCES models (id),
  agree      INTEGER NOT NULL DEFAULT 0,
  disagree   INTEGER NOT NULL DEFAULT 0,
  abstain    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (session_id, model_id)
) WITHOUT ROWID;
