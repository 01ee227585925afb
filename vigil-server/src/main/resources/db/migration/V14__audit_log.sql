-- Who changed what, and who was refused: append-only, each row's hash covering the one
-- before it, so an edited or deleted row breaks the chain.
CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at_ms     INTEGER NOT NULL,
  who       TEXT    NOT NULL,
  role      TEXT    NOT NULL,
  method    TEXT    NOT NULL,
  target    TEXT    NOT NULL,
  remote    TEXT    NOT NULL,
  status    INTEGER NOT NULL,
  prev_hash TEXT    NOT NULL,
  hash      TEXT    NOT NULL
);
