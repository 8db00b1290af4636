-- Residents' concerns (phản ánh, kiến nghị): the working calendar their deadlines are counted in, categories with
-- their extra questions, routing rules, batches from voters' meetings, the concerns with their two clocks, their
-- events (public updates and private notes), files, supporters and ratings, and answer templates.

-- The working calendar is versioned: every change makes a new version; a concern keeps the version its due times
-- were counted with, and open concerns are counted again when a new version appears.
CREATE TABLE work_calendars (
  id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  version            INTEGER NOT NULL,
  utc_offset_minutes INTEGER NOT NULL,
  week               TEXT NOT NULL,  -- JSON: seven lists of [start_minute, end_minute], Monday first
  note               TEXT NOT NULL DEFAULT '',
  created_by         TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  CONSTRAINT work_calendars_version_key UNIQUE (version)
);

CREATE TABLE calendar_days (
  calendar_id BIGINT NOT NULL REFERENCES work_calendars (id),
  day         TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('holiday', 'day_off', 'working_day')),
  name        TEXT NOT NULL,
  windows     TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (calendar_id, day)
);

CREATE TABLE concern_categories (
  id                      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id                 BIGINT NOT NULL REFERENCES admin_units (id),
  code                    TEXT NOT NULL,
  name                    TEXT NOT NULL,
  description             TEXT NOT NULL DEFAULT '',
  group_name              TEXT NOT NULL DEFAULT '',
  keywords                TEXT NOT NULL DEFAULT '[]',
  default_organisation_id BIGINT REFERENCES organisations (id),
  urgency                 TEXT NOT NULL CHECK (urgency IN ('urgent', 'complex', 'normal')),
  sensitive               INTEGER NOT NULL DEFAULT 0,
  active                  INTEGER NOT NULL DEFAULT 1,
  attributes              TEXT NOT NULL DEFAULT '[]',
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL,
  CONSTRAINT concern_categories_code_key UNIQUE (code)
);
CREATE INDEX concern_categories_unit_idx ON concern_categories (unit_id);

CREATE TABLE concern_routing_rules (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id         BIGINT NOT NULL REFERENCES admin_units (id),
  position        INTEGER NOT NULL,
  category_id     BIGINT REFERENCES concern_categories (id),
  area_unit_id    BIGINT REFERENCES admin_units (id),
  area_polygon    TEXT NOT NULL DEFAULT '[]',  -- JSON: [[lat, lon], …]
  organisation_id BIGINT NOT NULL REFERENCES organisations (id),
  active          INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL
);
CREATE INDEX concern_routing_rules_unit_idx ON concern_routing_rules (unit_id, position);

-- A voters' meeting (tiếp xúc cử tri) or any other gathering whose concerns are taken down together.
CREATE TABLE concern_batches (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id    BIGINT NOT NULL REFERENCES admin_units (id),
  kind       TEXT NOT NULL CHECK (kind IN ('voters_meeting', 'dialogue', 'other')),
  title      TEXT NOT NULL,
  held_on    TEXT NOT NULL,
  place      TEXT NOT NULL,
  minutes    TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE concerns (
  id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code               TEXT NOT NULL,
  pin_hash           TEXT NOT NULL,
  unit_id            BIGINT NOT NULL REFERENCES admin_units (id),
  category_id        BIGINT NOT NULL REFERENCES concern_categories (id),
  organisation_id    BIGINT REFERENCES organisations (id),
  assignee_user_id   BIGINT REFERENCES users (id),
  status             TEXT NOT NULL CHECK (status IN ('new', 'received', 'assigned', 'in_progress', 'waiting',
                                                     'resolved', 'rejected', 'out_of_scope', 'reopened', 'closed',
                                                     'duplicate')),
  urgency            TEXT NOT NULL CHECK (urgency IN ('urgent', 'complex', 'normal')),
  description        TEXT NOT NULL,
  attributes         TEXT NOT NULL DEFAULT '[]',
  lat                DOUBLE PRECISION,
  lon                DOUBLE PRECISION,
  address            TEXT NOT NULL DEFAULT '',
  search_folded      TEXT NOT NULL,
  reporter_name      TEXT,
  reporter_contact   TEXT,
  contact_visible    INTEGER NOT NULL DEFAULT 0,
  channel            TEXT NOT NULL CHECK (channel IN ('web', 'open311', 'phone', 'walk_in', 'voters_meeting')),
  batch_id           BIGINT REFERENCES concern_batches (id),
  duplicate_of       BIGINT REFERENCES concerns (id),
  supporters         INTEGER NOT NULL DEFAULT 0,
  submitter_key      TEXT NOT NULL DEFAULT '',
  calendar_version   INTEGER NOT NULL,
  clock_started_at   TEXT NOT NULL,
  received_due_at    TEXT NOT NULL,
  received_at        TEXT,
  received_on_time   INTEGER,
  resolve_due_at     TEXT,
  paused_since       TEXT,
  paused_minutes     INTEGER NOT NULL DEFAULT 0,
  resolved_at        TEXT,
  resolved_on_time   INTEGER,
  resolutions        INTEGER NOT NULL DEFAULT 0,
  answer             TEXT,
  reason_code        TEXT,
  closed_at          TEXT,
  reopened_count     INTEGER NOT NULL DEFAULT 0,
  is_demo            INTEGER NOT NULL DEFAULT 0,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  CONSTRAINT concerns_code_key UNIQUE (code)
);
CREATE INDEX concerns_unit_status_idx ON concerns (unit_id, status);
CREATE INDEX concerns_organisation_status_idx ON concerns (organisation_id, status);
CREATE INDEX concerns_category_created_idx ON concerns (category_id, created_at);
CREATE INDEX concerns_submitter_idx ON concerns (submitter_key, created_at);
CREATE INDEX concerns_duplicate_idx ON concerns (duplicate_of);

-- What happened to a concern, in order. Public events make the resident's timeline; the others are staff notes.
CREATE TABLE concern_events (
  id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  concern_id         BIGINT NOT NULL REFERENCES concerns (id),
  kind               TEXT NOT NULL,
  is_public          INTEGER NOT NULL,
  actor              TEXT NOT NULL,
  actor_name         TEXT NOT NULL,
  from_status        TEXT,
  to_status          TEXT,
  organisation_id    BIGINT REFERENCES organisations (id),
  to_organisation_id BIGINT REFERENCES organisations (id),
  body               TEXT NOT NULL DEFAULT '',
  due_at             TEXT,
  on_time            INTEGER,
  at                 TEXT NOT NULL
);
CREATE INDEX concern_events_concern_idx ON concern_events (concern_id, id);

-- Photos and documents, like the movement's attachments: in the database, base64, photos re-encoded.
CREATE TABLE concern_files (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  concern_id BIGINT NOT NULL REFERENCES concerns (id),
  event_id   BIGINT REFERENCES concern_events (id),
  file_name  TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  content    TEXT NOT NULL,
  thumbnail  TEXT,
  width      INTEGER,
  height     INTEGER,
  is_public  INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE INDEX concern_files_concern_idx ON concern_files (concern_id);

-- "Đã có người phản ánh": residents who support an open concern instead of sending a twin, counted once each.
CREATE TABLE concern_supporters (
  concern_id    BIGINT NOT NULL REFERENCES concerns (id),
  supporter_key TEXT NOT NULL,
  at            TEXT NOT NULL,
  PRIMARY KEY (concern_id, supporter_key)
);

-- One rating per resolution.
CREATE TABLE concern_ratings (
  concern_id BIGINT NOT NULL REFERENCES concerns (id),
  resolution INTEGER NOT NULL,
  stars      INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
  comment    TEXT NOT NULL DEFAULT '',
  at         TEXT NOT NULL,
  PRIMARY KEY (concern_id, resolution)
);

CREATE TABLE answer_templates (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id    BIGINT NOT NULL REFERENCES admin_units (id),
  title      TEXT NOT NULL,
  body       TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- Secrets of the installation that are not signing keys, e.g. the key that hashes where concerns were sent from
-- (rate limits, supporters) so that the stored hashes cannot be turned back into addresses.
CREATE TABLE service_secrets (
  name       TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  created_at TEXT NOT NULL
);
