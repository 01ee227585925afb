-- API tokens: each a role; the secret is kept only as a salted PBKDF2 hash.
CREATE TABLE api_tokens (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL UNIQUE,
  role        TEXT    NOT NULL,
  salt        BLOB    NOT NULL,
  hash        BLOB    NOT NULL,
  created_ms  INTEGER NOT NULL,
  revoked_ms  INTEGER
);
