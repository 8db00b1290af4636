-- Commendation (thi đua, khen thưởng): award types, base salary, issuers and their decision number series,
-- proposals with nominees and dossier parts, decisions with beneficiaries, certificates, signing keys, and the
-- ceremony (Ngày hội) with its program.

-- Award types are reference data: the law names who may award what (Luật Thi đua, khen thưởng 06/2022/QH15);
-- coefficients are data because the decree that sets them changes (Nghị định 98/2023 → 152/2025).
CREATE TABLE award_types (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  code              TEXT NOT NULL,
  name              TEXT NOT NULL,
  issuer_kind       TEXT NOT NULL CHECK (issuer_kind IN ('party_committee', 'peoples_committee_chair',
                                                         'fatherland_front', 'higher_level')),
  subject           TEXT NOT NULL CHECK (subject IN ('collective', 'individual')),
  legal_basis       TEXT NOT NULL,
  bonus_coefficient REAL NOT NULL CHECK (bonus_coefficient >= 0),
  created_at        TEXT NOT NULL,
  CONSTRAINT award_types_code_key UNIQUE (code)
);
INSERT INTO award_types (code, name, issuer_kind, subject, legal_basis, bonus_coefficient, created_at) VALUES
  ('giay_khen_ubnd_ca_nhan', 'Giấy khen của Chủ tịch UBND cấp xã (cá nhân)', 'peoples_committee_chair', 'individual',
   'Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 80 khoản 3; mức thưởng theo Nghị định 98/2023/NĐ-CP (cần đối chiếu Nghị định 152/2025/NĐ-CP)', 0.3, '2024-01-01T00:00:00.000Z'),
  ('giay_khen_ubnd_tap_the', 'Giấy khen của Chủ tịch UBND cấp xã (tập thể)', 'peoples_committee_chair', 'collective',
   'Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 80 khoản 3; mức thưởng theo Nghị định 98/2023/NĐ-CP (cần đối chiếu Nghị định 152/2025/NĐ-CP)', 0.6, '2024-01-01T00:00:00.000Z'),
  ('cong_nhan_dvk_tap_the', 'Công nhận mô hình "Dân vận khéo" (tập thể)', 'party_committee', 'collective',
   'Kế hoạch 70-KH/BDVTW ngày 26/02/2009 của Ban Dân vận Trung ương; quy định khen thưởng của Đảng ủy (hệ số mẫu, cần kiểm tra)', 0.6, '2024-01-01T00:00:00.000Z'),
  ('cong_nhan_dvk_ca_nhan', 'Công nhận điển hình "Dân vận khéo" (cá nhân)', 'party_committee', 'individual',
   'Kế hoạch 70-KH/BDVTW ngày 26/02/2009 của Ban Dân vận Trung ương; quy định khen thưởng của Đảng ủy (hệ số mẫu, cần kiểm tra)', 0.3, '2024-01-01T00:00:00.000Z'),
  ('giay_khen_mttq_tap_the', 'Giấy khen của Ủy ban MTTQ Việt Nam cấp xã (tập thể)', 'fatherland_front', 'collective',
   'Quy định khen thưởng của Ủy ban Trung ương MTTQ Việt Nam (hệ số mẫu, cần kiểm tra)', 0.6, '2024-01-01T00:00:00.000Z'),
  ('giay_khen_ban_dan_van_tap_the', 'Giấy khen của Ban Dân vận cấp huyện (tập thể)', 'higher_level', 'collective',
   'Quy định khen thưởng của Đảng, Hướng dẫn 36-HD/VPTW về thể thức văn bản (hệ số mẫu, cần kiểm tra)', 0.6, '2024-01-01T00:00:00.000Z');

-- The base salary (mức lương cơ sở) by effective date, in đồng. A bonus uses the value in force on the decision date.
CREATE TABLE base_salaries (
  effective_from TEXT PRIMARY KEY,
  amount         INTEGER NOT NULL CHECK (amount > 0),
  legal_basis    TEXT NOT NULL
);
INSERT INTO base_salaries (effective_from, amount, legal_basis) VALUES
  ('2019-07-01', 1490000, 'Nghị định 38/2019/NĐ-CP'),
  ('2023-07-01', 1800000, 'Nghị định 24/2023/NĐ-CP'),
  ('2024-07-01', 2340000, 'Nghị định 73/2024/NĐ-CP');

-- Settings of commendation that a province may change: how bonuses are rounded (to a multiple of this many đồng).
CREATE TABLE award_settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO award_settings (key, value) VALUES ('bonus_rounding_dong', '1000');

-- Who issues decisions: a body of a unit with its own number series (Đảng ủy: "12-QĐ/ĐU", UBND: "12/QĐ-UBND").
CREATE TABLE issuers (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  unit_id         INTEGER NOT NULL REFERENCES admin_units (id),
  organisation_id INTEGER REFERENCES organisations (id),
  name            TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('party_committee', 'peoples_committee_chair', 'fatherland_front',
                                                'higher_level')),
  document_format TEXT NOT NULL CHECK (document_format IN ('state', 'party')),
  symbol          TEXT NOT NULL,
  place           TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  CONSTRAINT issuers_unit_name_key UNIQUE (unit_id, name)
);

-- The last number given per issuer and year: incremented in the issuing transaction, so numbers are gap-free.
CREATE TABLE decision_series (
  issuer_id   INTEGER NOT NULL REFERENCES issuers (id),
  year        INTEGER NOT NULL,
  last_number INTEGER NOT NULL,
  PRIMARY KEY (issuer_id, year)
);

CREATE TABLE proposals (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  unit_id            INTEGER NOT NULL REFERENCES admin_units (id),
  issuer_id          INTEGER NOT NULL REFERENCES issuers (id),
  campaign_id        INTEGER REFERENCES campaigns (id),
  council_session_id INTEGER REFERENCES council_sessions (id),
  year               INTEGER NOT NULL,
  title              TEXT NOT NULL,
  status             TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'in_review', 'voted', 'awaiting_signature',
                                                     'decided', 'returned', 'revoked')),
  status_reason      TEXT NOT NULL DEFAULT '',
  created_by         TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
);
CREATE INDEX proposals_unit_idx ON proposals (unit_id, year);

CREATE TABLE proposal_nominees (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  proposal_id     INTEGER NOT NULL REFERENCES proposals (id),
  position        INTEGER NOT NULL,
  award_type_id   INTEGER NOT NULL REFERENCES award_types (id),
  subject         TEXT NOT NULL CHECK (subject IN ('collective', 'individual')),
  model_id        INTEGER REFERENCES models (id),
  organisation_id INTEGER REFERENCES organisations (id),
  person_id       INTEGER REFERENCES people (id),
  name            TEXT NOT NULL,
  achievement     TEXT NOT NULL
);
CREATE INDEX proposal_nominees_proposal_idx ON proposal_nominees (proposal_id);

-- One achievement is rewarded once (Luật TĐKT 2022): a model or exemplar (a year's record) is claimed by one
-- nominee only. The service names the first award; this key stops two concurrent proposals.
CREATE TABLE award_claims (
  model_id   INTEGER PRIMARY KEY REFERENCES models (id),
  nominee_id INTEGER NOT NULL REFERENCES proposal_nominees (id)
);

-- The dossier: generated parts (cover submission, achievement report, council minutes: rendered as PDF by the
-- documents layer, content empty until then), uploaded files (the movement's attachment rules, base64 as there),
-- or evidence already attached to a nominee's progress report (attachment_id).
CREATE TABLE proposal_parts (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  proposal_id   INTEGER NOT NULL REFERENCES proposals (id),
  kind          TEXT NOT NULL CHECK (kind IN ('to_trinh', 'bao_cao_thanh_tich', 'bien_ban', 'attachment')),
  origin        TEXT NOT NULL CHECK (origin IN ('generated', 'uploaded', 'evidence')),
  title         TEXT NOT NULL,
  attachment_id INTEGER REFERENCES attachments (id),
  file_name     TEXT NOT NULL DEFAULT '',
  media_type    TEXT NOT NULL DEFAULT '',
  size_bytes    INTEGER NOT NULL DEFAULT 0,
  content       TEXT,
  created_at    TEXT NOT NULL
);
CREATE INDEX proposal_parts_proposal_idx ON proposal_parts (proposal_id);

CREATE TABLE decisions (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  unit_id           INTEGER NOT NULL REFERENCES admin_units (id),
  issuer_id         INTEGER NOT NULL REFERENCES issuers (id),
  proposal_id       INTEGER REFERENCES proposals (id),
  year              INTEGER NOT NULL,
  number            INTEGER NOT NULL CHECK (number > 0),
  symbol            TEXT NOT NULL,
  decided_on        TEXT NOT NULL,
  place             TEXT NOT NULL,
  summary           TEXT NOT NULL,
  legal_bases       TEXT NOT NULL,
  executors         TEXT NOT NULL,
  recipients        TEXT NOT NULL,
  signer_capacity   TEXT NOT NULL CHECK (signer_capacity IN ('', 'TM.', 'KT.', 'Q.', 'TL.', 'TUQ.')),
  signer_title      TEXT NOT NULL,
  signer_name       TEXT NOT NULL,
  base_salary       INTEGER NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('issued', 'revoked')),
  revoked_on        TEXT,
  revocation_reason TEXT,
  issued_by         TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  CONSTRAINT decisions_issuer_number_key UNIQUE (issuer_id, year, number),
  CONSTRAINT decisions_proposal_key UNIQUE (proposal_id)
);
CREATE INDEX decisions_unit_idx ON decisions (unit_id, decided_on);

CREATE TABLE decision_beneficiaries (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  decision_id     INTEGER NOT NULL REFERENCES decisions (id),
  nominee_id      INTEGER REFERENCES proposal_nominees (id),
  position        INTEGER NOT NULL,
  award_type_id   INTEGER NOT NULL REFERENCES award_types (id),
  subject         TEXT NOT NULL CHECK (subject IN ('collective', 'individual')),
  model_id        INTEGER REFERENCES models (id),
  organisation_id INTEGER REFERENCES organisations (id),
  person_id       INTEGER REFERENCES people (id),
  name            TEXT NOT NULL,
  achievement     TEXT NOT NULL,
  coefficient     REAL NOT NULL,
  amount          INTEGER NOT NULL
);
CREATE INDEX decision_beneficiaries_decision_idx ON decision_beneficiaries (decision_id);

-- One certificate per beneficiary; public_id is what its QR code carries (/verify/{public_id}). The signature
-- and the key that made it are filled by the signing step.
CREATE TABLE certificates (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  public_id         TEXT NOT NULL,
  decision_id       INTEGER NOT NULL REFERENCES decisions (id),
  beneficiary_id    INTEGER NOT NULL REFERENCES decision_beneficiaries (id),
  status            TEXT NOT NULL CHECK (status IN ('valid', 'revoked')),
  revoked_on        TEXT,
  revocation_reason TEXT,
  signature         TEXT,
  key_id            TEXT,
  issued_at         TEXT NOT NULL,
  CONSTRAINT certificates_public_id_key UNIQUE (public_id),
  CONSTRAINT certificates_beneficiary_key UNIQUE (beneficiary_id)
);
CREATE INDEX certificates_decision_idx ON certificates (decision_id);

-- Ed25519 keys that sign certificates: created on first start, rotated by retiring the active one. Retired keys
-- stay published so that old certificates still verify.
CREATE TABLE signing_keys (
  id         TEXT PRIMARY KEY,
  algorithm  TEXT NOT NULL CHECK (algorithm = 'EdDSA'),
  public_key TEXT NOT NULL,
  secret_key TEXT NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('active', 'retired')),
  created_at TEXT NOT NULL,
  retired_at TEXT
);

-- The ceremony (Ngày hội "Dân vận khéo") and its program, in stage order.
CREATE TABLE events (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  unit_id     INTEGER NOT NULL REFERENCES admin_units (id),
  title       TEXT NOT NULL,
  held_on     TEXT NOT NULL,
  starts_at   TEXT NOT NULL,
  ends_at     TEXT NOT NULL,
  place       TEXT NOT NULL,
  description TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX events_unit_idx ON events (unit_id, held_on);

CREATE TABLE event_segments (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id            INTEGER NOT NULL REFERENCES events (id),
  position            INTEGER NOT NULL,
  kind                TEXT NOT NULL CHECK (kind IN ('speech', 'award', 'other')),
  title               TEXT NOT NULL,
  presenter_person_id INTEGER REFERENCES people (id),
  presenter_name      TEXT NOT NULL,
  presenter_title     TEXT NOT NULL,
  decision_id         INTEGER REFERENCES decisions (id)
);
CREATE INDEX event_segments_event_idx ON event_segments (event_id);

CREATE TABLE segment_recipients (
  segment_id     INTEGER NOT NULL REFERENCES event_segments (id),
  beneficiary_id INTEGER NOT NULL REFERENCES decision_beneficiaries (id),
  stage_order    INTEGER NOT NULL,
  PRIMARY KEY (segment_id, beneficiary_id)
);
