-- Version 2: alerts raised by the alert rules, every notification attempt, and silences.
CREATE TABLE alerts (
  id               INTEGER PRIMARY KEY,
  rule             TEXT    NOT NULL,
  group_key        TEXT    NOT NULL,
  labels_json      TEXT    NOT NULL,
  state            TEXT    NOT NULL,
  starts_ms        INTEGER NOT NULL,
  fired_ms         INTEGER,
  ends_ms          INTEGER,
  last_anomaly_ms  INTEGER NOT NULL,
  max_probability  REAL    NOT NULL,
  anomalies        INTEGER NOT NULL,
  last_value       REAL,
  last_expected    REAL,
  last_direction   TEXT
);
CREATE INDEX alerts_by_state ON alerts (state, id);

CREATE TABLE deliveries (
  id          INTEGER PRIMARY KEY,
  alert_id    INTEGER NOT NULL REFERENCES alerts(id),
  notifier    TEXT    NOT NULL,
  event       TEXT    NOT NULL,
  attempt     INTEGER NOT NULL,
  outcome     TEXT    NOT NULL,
  http_status INTEGER,
  error       TEXT,
  at_ms       INTEGER NOT NULL
);
CREATE INDEX deliveries_by_alert ON deliveries (alert_id, id);

CREATE TABLE silences (
  id            INTEGER PRIMARY KEY,
  matchers_json TEXT    NOT NULL,
  starts_ms     INTEGER NOT NULL,
  ends_ms       INTEGER NOT NULL,
  comment       TEXT    NOT NULL,
  created_ms    INTEGER NOT NULL
);
