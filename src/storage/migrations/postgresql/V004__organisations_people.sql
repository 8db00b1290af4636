-- Organisations of every kind as a tree inside a unit, people, and their memberships over time.
-- Kinds are reference data: a province may add its own.
CREATE TABLE organisation_kinds (
  code       TEXT PRIMARY KEY,
  name_vi    TEXT NOT NULL,
  name_en    TEXT NOT NULL,
  sort_order INTEGER NOT NULL
);
INSERT INTO organisation_kinds (code, name_vi, name_en, sort_order) VALUES
  ('dang_uy', 'Đảng ủy', 'Party committee', 10),
  ('chi_bo', 'Chi bộ', 'Party cell', 20),
  ('ubnd', 'Ủy ban nhân dân', 'People''s Committee', 30),
  ('mttq', 'Ủy ban Mặt trận Tổ quốc', 'Fatherland Front committee', 40),
  ('hoi_phu_nu', 'Hội Liên hiệp Phụ nữ', 'Women''s Union', 50),
  ('doan_thanh_nien', 'Đoàn Thanh niên Cộng sản Hồ Chí Minh', 'Ho Chi Minh Communist Youth Union', 60),
  ('hoi_cuu_chien_binh', 'Hội Cựu chiến binh', 'Veterans'' Association', 70),
  ('hoi_nong_dan', 'Hội Nông dân', 'Farmers'' Union', 80),
  ('cong_doan', 'Công đoàn', 'Trade union', 90),
  ('hoi_nguoi_cao_tuoi', 'Hội Người cao tuổi', 'Association of the Elderly', 100),
  ('ban_dan_van', 'Ban Dân vận', 'Mass Mobilization Commission', 105),
  ('to_dan_pho', 'Tổ dân phố', 'Residential group', 110),
  ('to_dan_van', 'Tổ dân vận', 'Mass mobilization team', 120),
  ('truong_hoc', 'Trường học', 'School', 130),
  ('doanh_nghiep', 'Doanh nghiệp', 'Enterprise', 140),
  ('khac', 'Khác', 'Other', 1000);

CREATE TABLE organisations (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id      BIGINT NOT NULL REFERENCES admin_units (id),
  parent_id    BIGINT REFERENCES organisations (id),
  kind         TEXT NOT NULL REFERENCES organisation_kinds (code),
  name         TEXT NOT NULL,
  name_folded  TEXT NOT NULL,
  name_sort    TEXT NOT NULL,
  valid_from   TEXT NOT NULL,
  valid_to     TEXT,
  status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed', 'moved', 'merged')),
  successor_id BIGINT REFERENCES organisations (id),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  CONSTRAINT organisations_period_check CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX organisations_unit_idx ON organisations (unit_id, parent_id);
CREATE INDEX organisations_sort_idx ON organisations (name_sort);

CREATE TABLE people (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id     BIGINT NOT NULL REFERENCES admin_units (id),
  full_name   TEXT NOT NULL,
  name_folded TEXT NOT NULL,
  name_sort   TEXT NOT NULL,
  birth_year  INTEGER,
  gender      TEXT CHECK (gender IN ('female', 'male', 'other')),
  phone       TEXT,
  email       TEXT,
  address     TEXT,
  is_demo     INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX people_unit_idx ON people (unit_id);
CREATE INDEX people_sort_idx ON people (name_sort);

CREATE TABLE memberships (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id       BIGINT NOT NULL REFERENCES people (id),
  organisation_id BIGINT NOT NULL REFERENCES organisations (id),
  title           TEXT NOT NULL,
  valid_from      TEXT NOT NULL,
  valid_to        TEXT,
  created_at      TEXT NOT NULL,
  CONSTRAINT memberships_period_check CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX memberships_person_idx ON memberships (person_id);
CREATE INDEX memberships_organisation_idx ON memberships (organisation_id);
