-- Alerts on residents' concerns: near-due and overdue, in the app and by e-mail. The address an alert is mailed to
-- is the user's own (users.email, optional); the outbox keeps every e-mail until the SMTP server took it, so mail
-- survives a server that is down.

ALTER TABLE users ADD COLUMN email TEXT;

-- One alert per user, concern, kind, clock and due time: raised once, however often the sweep runs; a due time
-- counted again (a new calendar, a reopening, a pause) is a new due time and may raise a new alert.
CREATE TABLE concern_alerts (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id    INTEGER NOT NULL REFERENCES users (id),
  concern_id INTEGER NOT NULL REFERENCES concerns (id),
  kind       TEXT NOT NULL CHECK (kind IN ('near_due', 'overdue')),
  clock      TEXT NOT NULL CHECK (clock IN ('receive', 'resolve')),
  due_at     TEXT NOT NULL,
  created_at TEXT NOT NULL,
  read_at    TEXT,
  CONSTRAINT concern_alerts_once_key UNIQUE (user_id, concern_id, kind, clock, due_at)
);
CREATE INDEX concern_alerts_user_idx ON concern_alerts (user_id, id);

-- E-mails waiting for (or given to) the SMTP server; sent_at stays empty until the server accepted the message.
CREATE TABLE mail_outbox (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  to_address TEXT NOT NULL,
  subject    TEXT NOT NULL,
  body       TEXT NOT NULL,
  alert_id   INTEGER REFERENCES concern_alerts (id),
  created_at TEXT NOT NULL,
  sent_at    TEXT,
  attempts   INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
);
CREATE INDEX mail_outbox_pending_idx ON mail_outbox (sent_at, id);
