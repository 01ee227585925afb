-- Version 9: training jobs outlive the process. A job's row is written when it is submitted
-- and after each series it trains, so after a restart its answer (or the versions it had
-- registered before it was interrupted) can still be asked for by its id.
CREATE TABLE training_jobs (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  series        INTEGER NOT NULL,
  requested_by  TEXT    NOT NULL,
  submitted_ms  INTEGER NOT NULL,
  state         TEXT    NOT NULL CHECK (state IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
  versions      TEXT    NOT NULL,
  error         TEXT,
  finished_ms   INTEGER
);
