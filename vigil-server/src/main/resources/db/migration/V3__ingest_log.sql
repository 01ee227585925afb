-- Version 3: acknowledged batches are first appended here, one row per batch (a sequential
-- write), and moved into points/anomalies in series order by a background step. Readers
-- apply pending rows first, so they always see every acknowledged point.
CREATE TABLE ingest_log (
  id        INTEGER PRIMARY KEY,
  points    BLOB NOT NULL,
  anomalies BLOB NOT NULL
);
