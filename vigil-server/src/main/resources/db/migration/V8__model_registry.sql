-- Version 8: the model registry, its history of promotions, and users' feedback labels.

-- One row per trained model version of a series. through_seq is the last stored point of the
-- series the state has learnt (-1 when none): switching to the version replays the points
-- after it, so the live detector keeps its place in the stream.
CREATE TABLE model_versions (
  id               INTEGER PRIMARY KEY,
  series_id        INTEGER NOT NULL REFERENCES series(id),
  version          INTEGER NOT NULL,
  spec             TEXT    NOT NULL,
  threshold        REAL    NOT NULL,
  threshold_method TEXT    NOT NULL,
  trained_from_ms  INTEGER NOT NULL,
  trained_to_ms    INTEGER NOT NULL,
  points           INTEGER NOT NULL,
  through_seq      INTEGER NOT NULL,
  data_sha256      TEXT    NOT NULL,
  source           TEXT    NOT NULL,
  labels           INTEGER NOT NULL,
  metric           TEXT    NOT NULL,
  figure           REAL,
  alert_rate       REAL    NOT NULL,
  spread           TEXT    NOT NULL,
  report_json      TEXT    NOT NULL,
  created_by       TEXT    NOT NULL,
  created_ms       INTEGER NOT NULL,
  status           TEXT    NOT NULL CHECK (status IN ('CANDIDATE', 'CHAMPION', 'RETIRED')),
  shadow_from_seq  INTEGER,
  state_algorithm  TEXT    NOT NULL,
  state_version    INTEGER NOT NULL,
  state            BLOB    NOT NULL,
  UNIQUE (series_id, version)
);
CREATE UNIQUE INDEX one_champion_per_series ON model_versions (series_id)
  WHERE status = 'CHAMPION';

-- Who did what to which version: promote, rollback, shadow, unshadow.
CREATE TABLE model_events (
  id          INTEGER PRIMARY KEY,
  series_id   INTEGER NOT NULL REFERENCES series(id),
  version_id  INTEGER NOT NULL REFERENCES model_versions(id),
  action      TEXT    NOT NULL,
  previous_id INTEGER,
  by_whom     TEXT    NOT NULL,
  at_ms       INTEGER NOT NULL
);
CREATE INDEX model_events_by_series ON model_events (series_id, id);

-- Users' verdicts on stretches of a series: an incident (anomalous = 1) or a stretch confirmed
-- normal (an alert that was a false positive).
CREATE TABLE labels (
  id          INTEGER PRIMARY KEY,
  series_id   INTEGER NOT NULL REFERENCES series(id),
  from_ms     INTEGER NOT NULL,
  to_ms       INTEGER NOT NULL,
  anomalous   INTEGER NOT NULL CHECK (anomalous IN (0, 1)),
  verdict     TEXT    NOT NULL,
  alert_id    INTEGER,
  note        TEXT,
  created_by  TEXT    NOT NULL,
  created_ms  INTEGER NOT NULL
);
CREATE INDEX labels_by_series ON labels (series_id, from_ms);
