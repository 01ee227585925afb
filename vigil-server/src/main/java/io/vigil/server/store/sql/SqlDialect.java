package io.vigil.server.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What differs between the databases Vigil keeps its data in; everything else is the same
 * SQL. Each has its own migrations (the same tables in its own types).
 */
enum SqlDialect {
  /** The embedded default: one file in the data directory. */
  SQLITE("classpath:db/migration") {
    @Override
    void prepare(Connection c) throws SQLException {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA foreign_keys=ON");
        s.execute("PRAGMA busy_timeout=5000");
        // The log's appends must not pay for copying the WAL back into the database: that
        // happens in the background step instead (SqlStore.applyInSteps).
        s.execute("PRAGMA wal_autocheckpoint=0");
      }
    }

    @Override
    void afterFiling(Connection c) throws SQLException {
      // A checkpoint cannot run inside a transaction, and this connection is always in one.
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA wal_checkpoint(PASSIVE)");
      } finally {
        c.setAutoCommit(false);
      }
    }

    @Override
    String eventsWithField() {
      return "SELECT e.id FROM events e, json_each(e.fields_json) f"
          + " WHERE lower(f.key) = lower(?) AND f.value = ?";
    }
  },

  /** A PostgreSQL server: commits are durable there (synchronous_commit is its business). */
  POSTGRESQL("classpath:db/postgresql") {
    @Override
    void prepare(Connection c) {
      // nothing to set: the server's own settings govern durability
    }

    @Override
    void afterFiling(Connection c) throws SQLException {
      // Reads leave their transaction open on this one connection; end it, so the session is
      // never idle in a transaction for more than the second between filing steps (servers
      // often cut such sessions off, and they hold table locks that block maintenance).
      c.commit();
    }

    @Override
    String eventsWithField() {
      return "SELECT e.id FROM events e, json_each_text(e.fields_json::json) f"
          + " WHERE lower(f.key) = lower(?) AND f.value = ?";
    }
  };

  private final String migrations;

  SqlDialect(String migrations) {
    this.migrations = migrations;
  }

  /** Where Flyway finds this database's migrations. */
  String migrations() {
    return migrations;
  }

  /** Sets up a fresh connection (autocommit is turned off after). */
  abstract void prepare(Connection c) throws SQLException;

  /** Runs after each background filing step, under the store's lock, outside a write. */
  abstract void afterFiling(Connection c) throws SQLException;

  /** Ids of events with a field (case-insensitive name, first parameter) of a value. */
  abstract String eventsWithField();
}
