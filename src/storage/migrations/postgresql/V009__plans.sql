-- The year's plan of the mass-mobilisation work (kế hoạch công tác dân vận): the five tasks as sections, each
-- with targets; a target is counted from danvan's own records (its kind names the metric) or reported by hand
-- with evidence. Outreach activities (propaganda sessions, dialogues, voters' meetings, …) are records of their
-- own and feed the counted targets. Tasks, target kinds and activity kinds are reference data: a province may
-- add rows (docs/plans.md).

CREATE TABLE plan_tasks (
  code       TEXT PRIMARY KEY,
  position   INTEGER NOT NULL,
  name_vi    TEXT NOT NULL,
  name_en    TEXT NOT NULL
);
INSERT INTO plan_tasks (code, position, name_vi, name_en) VALUES
  ('tuyen_truyen', 1, 'Tuyên truyền, giáo dục, nâng cao nhận thức về công tác dân vận',
   'Propaganda and education: awareness of mass mobilisation work'),
  ('dan_van_chinh_quyen', 2, 'Công tác dân vận của chính quyền, đáp ứng lợi ích, nguyện vọng chính đáng của Nhân dân',
   'The government''s mobilisation work, answering the people''s legitimate interests'),
  ('phong_trao', 3, 'Phong trào thi đua “Dân vận khéo”, xây dựng và nhân rộng điển hình',
   'The “Dân vận khéo” movement: building and spreading exemplars'),
  ('mat_tran_doan_the', 4, 'Mặt trận Tổ quốc và các đoàn thể tập hợp, đại diện Nhân dân',
   'The Fatherland Front and mass organisations gathering and representing the people'),
  ('can_bo', 5, 'Kiện toàn tổ chức, đội ngũ cán bộ làm công tác dân vận gần dân, lắng nghe dân',
   'Organisation and cadres of mass mobilisation who stay close to and listen to the people');

CREATE TABLE outreach_kinds (
  code       TEXT PRIMARY KEY,
  name_vi    TEXT NOT NULL,
  name_en    TEXT NOT NULL,
  sort_order INTEGER NOT NULL
);
INSERT INTO outreach_kinds (code, name_vi, name_en, sort_order) VALUES
  ('propaganda', 'Buổi tuyên truyền', 'Propaganda session', 10),
  ('dialogue', 'Đối thoại với Nhân dân', 'Dialogue with residents', 20),
  ('voters_meeting', 'Tiếp xúc cử tri', 'Voters'' meeting', 30),
  ('front_meeting', 'Mặt trận, đoàn thể gặp gỡ Nhân dân', 'Front or mass organisation meeting with residents', 40),
  ('training', 'Tập huấn, bồi dưỡng cán bộ', 'Training of cadres', 50),
  ('other', 'Hoạt động khác', 'Other activity', 1000);

-- metric: the query that counts it (docs/plans.md lists them); NULL: reported by hand. outreach_kind narrows the
-- outreach metrics to one kind of activity. measure: how the value reads (a count, a percentage, a mean of 1–5).
CREATE TABLE target_kinds (
  code          TEXT PRIMARY KEY,
  task_code     TEXT NOT NULL REFERENCES plan_tasks (code),
  name_vi       TEXT NOT NULL,
  name_en       TEXT NOT NULL,
  unit_vi       TEXT NOT NULL,
  unit_en       TEXT NOT NULL,
  metric        TEXT CHECK (metric IN ('outreach_sessions', 'outreach_attendance', 'models_registered',
                                       'models_recognised', 'models_replicated', 'concerns_received',
                                       'concerns_resolved', 'concerns_received_on_time_pct',
                                       'concerns_resolved_on_time_pct', 'satisfaction_mean')),
  outreach_kind TEXT REFERENCES outreach_kinds (code),
  measure       TEXT NOT NULL CHECK (measure IN ('count', 'percent', 'mean')),
  sort_order    INTEGER NOT NULL
);
INSERT INTO target_kinds (code, task_code, name_vi, name_en, unit_vi, unit_en, metric, outreach_kind, measure, sort_order) VALUES
  ('propaganda_sessions', 'tuyen_truyen', 'Buổi tuyên truyền được tổ chức', 'Propaganda sessions held', 'buổi', 'sessions', 'outreach_sessions', 'propaganda', 'count', 10),
  ('propaganda_reach', 'tuyen_truyen', 'Lượt người được tuyên truyền', 'People reached by propaganda', 'lượt người', 'people', 'outreach_attendance', 'propaganda', 'count', 20),
  ('dialogues', 'dan_van_chinh_quyen', 'Buổi đối thoại của chính quyền với Nhân dân', 'Dialogues of the government with residents', 'buổi', 'sessions', 'outreach_sessions', 'dialogue', 'count', 30),
  ('voters_meetings', 'dan_van_chinh_quyen', 'Hội nghị tiếp xúc cử tri', 'Voters'' meetings', 'hội nghị', 'meetings', 'outreach_sessions', 'voters_meeting', 'count', 40),
  ('concerns_received', 'dan_van_chinh_quyen', 'Phản ánh, kiến nghị được tiếp nhận', 'Concerns received', 'việc', 'concerns', 'concerns_received', NULL, 'count', 50),
  ('concerns_received_on_time', 'dan_van_chinh_quyen', 'Tỷ lệ phản ánh tiếp nhận đúng hạn', 'Concerns acknowledged on time', '%', '%', 'concerns_received_on_time_pct', NULL, 'percent', 60),
  ('concerns_resolved_on_time', 'dan_van_chinh_quyen', 'Tỷ lệ phản ánh giải quyết đúng hạn', 'Concerns resolved on time', '%', '%', 'concerns_resolved_on_time_pct', NULL, 'percent', 70),
  ('satisfaction', 'dan_van_chinh_quyen', 'Mức hài lòng bình quân của người dân', 'Residents'' mean satisfaction', 'điểm (1–5)', 'points (1–5)', 'satisfaction_mean', NULL, 'mean', 80),
  ('models_registered', 'phong_trao', 'Mô hình, điển hình “Dân vận khéo” đăng ký', 'Models and exemplars registered', 'mô hình', 'models', 'models_registered', NULL, 'count', 90),
  ('models_recognised', 'phong_trao', 'Mô hình, điển hình được công nhận', 'Models and exemplars recognised', 'mô hình', 'models', 'models_recognised', NULL, 'count', 100),
  ('models_replicated', 'phong_trao', 'Mô hình được nhân rộng', 'Models replicated', 'mô hình', 'models', 'models_replicated', NULL, 'count', 110),
  ('front_meetings', 'mat_tran_doan_the', 'Buổi Mặt trận, đoàn thể gặp gỡ, lắng nghe Nhân dân', 'Meetings of the Front and mass organisations with residents', 'buổi', 'meetings', 'outreach_sessions', 'front_meeting', 'count', 120),
  ('new_members', 'mat_tran_doan_the', 'Đoàn viên, hội viên mới được kết nạp', 'New members admitted to mass organisations', 'người', 'people', NULL, NULL, 'count', 130),
  ('cadres_trained', 'can_bo', 'Lượt cán bộ được tập huấn, bồi dưỡng', 'Cadres trained', 'lượt người', 'people', 'outreach_attendance', 'training', 'count', 140),
  ('teams_consolidated', 'can_bo', 'Tổ dân vận được kiện toàn', 'Mass mobilisation teams consolidated', 'tổ', 'teams', NULL, NULL, 'count', 150);

-- A plan of a unit, or of one organisation in it, for one year. carried_from_id: last year's plan it continues.
CREATE TABLE plans (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id         BIGINT NOT NULL REFERENCES admin_units (id),
  organisation_id BIGINT REFERENCES organisations (id),
  year            INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),
  title           TEXT NOT NULL,
  notes           TEXT NOT NULL DEFAULT '',
  carried_from_id BIGINT REFERENCES plans (id),
  created_by      TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX plans_owner_year_key ON plans (unit_id, COALESCE(organisation_id, 0), year);

CREATE TABLE plan_targets (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id         BIGINT NOT NULL REFERENCES plans (id),
  kind_code       TEXT NOT NULL REFERENCES target_kinds (code),
  target          DOUBLE PRECISION NOT NULL CHECK (target >= 0),
  notes           TEXT NOT NULL DEFAULT '',
  position        INTEGER NOT NULL,
  carried_from_id BIGINT REFERENCES plan_targets (id),
  CONSTRAINT plan_targets_kind_key UNIQUE (plan_id, kind_code)
);

-- What a hand-reported target stood at on a day, with its evidence. The latest report on or before a date is
-- the target's value as of that date.
CREATE TABLE target_reports (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  target_id   BIGINT NOT NULL REFERENCES plan_targets (id),
  reported_on TEXT NOT NULL,
  value       DOUBLE PRECISION NOT NULL CHECK (value >= 0),
  evidence    TEXT NOT NULL,
  reported_by TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX target_reports_target_idx ON target_reports (target_id, reported_on);

CREATE TABLE outreach_activities (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id         BIGINT NOT NULL REFERENCES admin_units (id),
  organisation_id BIGINT REFERENCES organisations (id),
  kind_code       TEXT NOT NULL REFERENCES outreach_kinds (code),
  held_on         TEXT NOT NULL,
  place           TEXT NOT NULL,
  topic           TEXT NOT NULL,
  attendance      INTEGER NOT NULL CHECK (attendance >= 0),
  notes           TEXT NOT NULL DEFAULT '',
  is_demo         INTEGER NOT NULL DEFAULT 0,
  created_by      TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX outreach_activities_unit_idx ON outreach_activities (unit_id, held_on);

-- Files of an activity (minutes, photos, attendance sheets) or of a target's report (evidence); photos are
-- re-encoded without metadata like every other upload. Content is base64 text, as for attachments.
CREATE TABLE plan_files (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  activity_id  BIGINT REFERENCES outreach_activities (id),
  report_id    BIGINT REFERENCES target_reports (id),
  file_name    TEXT NOT NULL,
  media_type   TEXT NOT NULL,
  size_bytes   INTEGER NOT NULL,
  content      TEXT NOT NULL,
  thumbnail    TEXT,
  width        INTEGER,
  height       INTEGER,
  created_at   TEXT NOT NULL,
  CHECK ((activity_id IS NULL) <> (report_id IS NULL))
);
CREATE INDEX plan_files_activity_idx ON plan_files (activity_id);
CREATE INDEX plan_files_report_idx ON plan_files (report_id);
