-- The year report of the movement (báo cáo tổng kết, docs/year-report.md): the text the officer writes around the
-- figures, one per unit and year. The figures are never stored: they are counted when the report is read or
-- printed, as of its date.

CREATE TABLE year_reports (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id         BIGINT NOT NULL REFERENCES admin_units (id),
  year            INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),
  issuer_id       BIGINT REFERENCES issuers (id),
  number          TEXT NOT NULL DEFAULT '',
  reported_on     TEXT,
  situation       TEXT NOT NULL,
  highlights      TEXT NOT NULL,
  assessment      TEXT NOT NULL,
  directions      TEXT NOT NULL,
  recipients      TEXT NOT NULL,
  signer_capacity TEXT NOT NULL CHECK (signer_capacity IN ('', 'TM.', 'KT.', 'Q.', 'TL.', 'TUQ.')),
  signer_title    TEXT NOT NULL,
  signer_name     TEXT NOT NULL,
  updated_by      TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  CONSTRAINT year_reports_unit_year_key UNIQUE (unit_id, year)
);
