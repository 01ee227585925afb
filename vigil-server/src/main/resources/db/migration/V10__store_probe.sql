-- Version 10: one row rewritten while the store cannot write (disk full), to notice as soon
-- as it can again, even when nothing else is being written.
CREATE TABLE store_probe (
  id    INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL
);
