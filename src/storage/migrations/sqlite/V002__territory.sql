-- Administrative units with validity periods, and what became of them (successions).
-- Dates are 'YYYY-MM-DD' text; valid_to is exclusive and NULL while the unit exists.
CREATE TABLE admin_units (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  code        TEXT NOT NULL,
  name        TEXT NOT NULL,
  level       TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
  kind        TEXT NOT NULL,
  parent_id   INTEGER REFERENCES admin_units (id),
  valid_from  TEXT NOT NULL,
  valid_to    TEXT,
  name_folded TEXT NOT NULL,
  name_sort   TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  CONSTRAINT admin_units_code_valid_from_key UNIQUE (code, valid_from),
  CONSTRAINT admin_units_period_check CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX admin_units_parent_idx ON admin_units (parent_id);
CREATE INDEX admin_units_sort_idx ON admin_units (name_sort);

CREATE TABLE unit_successions (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  from_unit_id   INTEGER NOT NULL REFERENCES admin_units (id),
  to_unit_id     INTEGER NOT NULL REFERENCES admin_units (id),
  share          TEXT NOT NULL CHECK (share IN ('whole', 'part')),
  legal_basis    TEXT NOT NULL,
  effective_date TEXT NOT NULL,
  note           TEXT,
  created_at     TEXT NOT NULL,
  CONSTRAINT unit_successions_pair_key UNIQUE (from_unit_id, to_unit_id),
  CONSTRAINT unit_successions_distinct_check CHECK (from_unit_id <> to_unit_id)
);
CREATE INDEX unit_successions_to_idx ON unit_successions (to_unit_id);
