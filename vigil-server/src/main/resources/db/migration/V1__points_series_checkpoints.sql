-- Vigil's store, version 1: series, every point with its assessment, anomalies, and
-- detector checkpoints. Timestamps are epoch milliseconds (UTC).
CREATE TABLE series (
  id          INTEGER PRIMARY KEY,
  series_key  TEXT    NOT NULL UNIQUE,
  name        TEXT    NOT NULL,
  labels_json TEXT    NOT NULL,
  detector    TEXT    NOT NULL,
  created_ms  INTEGER NOT NULL
);

-- One row per point: what was sent and what the detector concluded. seq numbers a series'
-- points in arrival order; replay after a restart follows it.
CREATE TABLE points (
  series_id   INTEGER NOT NULL REFERENCES series(id),
  seq         INTEGER NOT NULL,
  ts_ms       INTEGER NOT NULL,
  value       REAL    NOT NULL,
  status      TEXT    NOT NULL,
  score       REAL,
  probability REAL    NOT NULL,
  expected    REAL,
  lower_bound REAL,
  upper_bound REAL,
  direction   TEXT    NOT NULL,
  PRIMARY KEY (series_id, seq)
) WITHOUT ROWID;
CREATE INDEX points_by_time ON points (series_id, ts_ms);

CREATE TABLE anomalies (
  id          INTEGER PRIMARY KEY,
  series_id   INTEGER NOT NULL REFERENCES series(id),
  seq         INTEGER NOT NULL,
  ts_ms       INTEGER NOT NULL,
  value       REAL    NOT NULL,
  probability REAL    NOT NULL,
  expected    REAL,
  lower_bound REAL,
  upper_bound REAL,
  direction   TEXT    NOT NULL,
  UNIQUE (series_id, seq)
);
CREATE INDEX anomalies_by_time ON anomalies (ts_ms);

-- The detector state after point seq; restart restores it and replays later points.
CREATE TABLE checkpoints (
  series_id  INTEGER PRIMARY KEY REFERENCES series(id),
  seq        INTEGER NOT NULL,
  algorithm  TEXT    NOT NULL,
  version    INTEGER NOT NULL,
  state      BLOB    NOT NULL,
  saved_ms   INTEGER NOT NULL
);
