-- Version 7: events for behavioural analysis (logins, requests, jobs, ...), each with its
-- fields as a JSON object of strings, identifiers already replaced by pseudonyms when the
-- configuration asks for it.
CREATE TABLE events (
  id           INTEGER PRIMARY KEY,
  time_ms      INTEGER NOT NULL,
  fields_json  TEXT    NOT NULL
);
CREATE INDEX events_by_time ON events (time_ms);
