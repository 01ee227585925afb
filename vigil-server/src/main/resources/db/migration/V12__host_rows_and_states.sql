-- Host-level detection: each host's judged rows (one per scrape step) and its detector's
-- checkpoint, so a restart resumes where it was.
CREATE TABLE host_rows (
  rule              TEXT    NOT NULL,
  host              TEXT    NOT NULL,
  timestamp_ms      INTEGER NOT NULL,
  status            TEXT    NOT NULL,
  score             REAL,
  probability       REAL    NOT NULL,
  contributors_json TEXT    NOT NULL,
  PRIMARY KEY (rule, host, timestamp_ms)
);

CREATE TABLE host_states (
  rule        TEXT    NOT NULL,
  host        TEXT    NOT NULL,
  metrics_json TEXT   NOT NULL,
  last_json   TEXT    NOT NULL,
  step_ms     INTEGER NOT NULL,
  judged      INTEGER NOT NULL,
  algorithm   TEXT    NOT NULL,
  version     INTEGER NOT NULL,
  state       BLOB    NOT NULL,
  PRIMARY KEY (rule, host)
);
