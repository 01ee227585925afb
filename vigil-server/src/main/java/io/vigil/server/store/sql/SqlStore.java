package io.vigil.server.store.sql;

import io.vigil.server.store.StoreException;
import io.vigil.server.store.StoreHealth;
import io.vigil.server.store.StoreLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;

/**
 * The database every store of this package shares: its one connection, lock and transaction
 * helper, its schema and its health. Embedded: one SQLite file in the data directory, schema
 * by Flyway migrations (db/migration), write-ahead log with full sync, so a committed append survives a crash of
 * the process and of the machine. On PostgreSQL: the same tables (db/postgresql), durable
 * once committed as the server is set up to be. One connection, one caller at a time: SQLite
 * has one writer anyway, and a batch is one log row either way.
 *
 * <p>A failed write resets the connection ({@link #rollback}): after SQLITE_FULL or an I/O
 * error SQLite may roll the transaction back by itself, and a connection that still believed
 * its transaction open would then run every later statement in autocommit, committing half
 * of a filing step (the chunks without the log deletion) and bricking the store. What the
 * store could not write is kept ({@link #writeFailure}) until a write succeeds again, which a
 * background {@link #probe} tries while it lasts.
 */
final class SqlStore implements StoreHealth, AutoCloseable {
  /** The database file's name inside the data directory. */
  public static final String FILE = "vigil.db";
  /** The least free space with which a failed store counts as writable again. */
  static final long RECOVERED_FREE_BYTES = 1L << 20;

  private final StoreLocation location;
  private final SqlDialect dialect;
  private final String url;
  private final Path dataDir;
  private final long minFreeBytes;
  private Connection connection;
  /** Why the last write failed, or null when it succeeded. */
  private volatile String writeFailure;

  private SqlStore(StoreLocation location, String url, Path dataDir, long minFreeBytes)
      throws SQLException {
    this.location = location;
    this.dialect = location.embedded() ? SqlDialect.SQLITE : SqlDialect.POSTGRESQL;
    this.url = url;
    this.dataDir = dataDir;
    this.minFreeBytes = minFreeBytes;
    this.connection = connect();
  }

  private Connection connect() throws SQLException {
    java.util.Properties props = new java.util.Properties();
    if (location.user() != null) {
      props.setProperty("user", location.user());
    }
    if (location.password() != null) {
      props.setProperty("password", location.password());
    }
    Connection c = DriverManager.getConnection(url, props);
    dialect.prepare(c);
    c.setAutoCommit(false);
    return c;
  }

  /**
   * Opens (creating if needed) the embedded store in {@code dataDir} and migrates its schema.
   *
   * @throws StoreException when the directory or database cannot be used
   */
  static SqlStore open(Path dataDir) {
    return open(StoreLocation.EMBEDDED, dataDir, 0);
  }

  /**
   * Opens the store at {@code location} (the embedded one lives in {@code dataDir}) and
   * migrates its schema. The embedded store refuses to append while its disk has less than
   * {@code minFreeBytes} free (the rest is kept for filing, checkpoints and recovery); a
   * PostgreSQL server looks after its own disk.
   *
   * @throws StoreException when the directory or database cannot be used
   */
  static SqlStore open(StoreLocation location, Path dataDir, long minFreeBytes) {
    return open(location, dataDir, minFreeBytes, true);
  }

  /**
   * Opens the store; with {@code migrate} false its schema must already be this version's
   * (a reader beside the service must never change the service's schema).
   */
  static SqlStore open(StoreLocation location, Path dataDir, long minFreeBytes,
      boolean migrate) {
    boolean embedded = location.embedded();
    String url = embedded ? "jdbc:sqlite:" + dataDir.resolve(FILE).toAbsolutePath()
        : location.jdbcUrl();
    String where = embedded ? "in " + dataDir : "at " + location;
    try {
      if (embedded) {
        Files.createDirectories(dataDir);
      }
      Flyway flyway = Flyway.configure().dataSource(url, location.user(), location.password())
          .locations(embedded ? SqlDialect.SQLITE.migrations()
              : SqlDialect.POSTGRESQL.migrations())
          .load();
      if (migrate) {
        flyway.migrate();
      } else if (!flyway.validateWithResult().validationSuccessful) {
        throw new StoreException("its schema is not this version's (start this version of"
            + " vigil serve on it first)");
      }
      return new SqlStore(location, url, dataDir, embedded ? minFreeBytes : 0);
    } catch (IOException | SQLException | RuntimeException e) {
      throw new StoreException("cannot open the store " + where + ": " + reason(e), e);
    }
  }

  /**
   * Why opening failed, in the database's words: the first SQL error's message (Flyway wraps
   * it in a report of its own), with the deepest cause when that says more (an unknown host).
   */
  private static String reason(Exception e) {
    Throwable sql = e;
    while (sql != null && !(sql instanceof SQLException)) {
      sql = sql.getCause();
    }
    Throwable deepest = e;
    while (deepest.getCause() != null) {
      deepest = deepest.getCause();
    }
    String said = sql != null ? sql.getMessage() : e.getMessage();
    return deepest == sql || deepest == e || deepest.getMessage() == null ? said
        : said + " (" + deepest.getClass().getSimpleName() + ": " + deepest.getMessage() + ")";
  }

  /** The database this store speaks to. */
  SqlDialect dialect() {
    return dialect;
  }

  @Override
  public String writeFailure() {
    return writeFailure;
  }

  @Override
  public long freeBytes() {
    if (!dialect.equals(SqlDialect.SQLITE)) {
      return -1; // a database server's disk is not this machine's to measure
    }
    try {
      return Files.getFileStore(dataDir).getUsableSpace();
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * Tries a small write while the last one failed, so that the store is seen to recover once
   * space is freed even when nothing else writes; does nothing while writes succeed, or
   * while the disk has less than the space kept free (at least 1 MiB): a small write can
   * succeed on a full disk (SQLite reuses its write-ahead log) while a batch cannot.
   */
  public synchronized void probe() {
    if (writeFailure == null
        || freeBytes() < Math.max(minFreeBytes, RECOVERED_FREE_BYTES)) {
      return;
    }
    try (PreparedStatement p = connection.prepareStatement(
        "INSERT INTO store_probe (id, at_ms) VALUES (1, ?)"
        + " ON CONFLICT (id) DO UPDATE SET at_ms = excluded.at_ms")) {
      p.setLong(1, System.currentTimeMillis());
      p.executeUpdate();
      connection.commit();
      wrote();
    } catch (SQLException e) {
      rollback(e); // not inTransaction: a probe that fails says nothing new, it only records
    }
  }

  private static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }

  /** Records that a write succeeded (what failed before is over). */
  void wrote() {
    writeFailure = null;
  }

  private void failed(Exception e) {
    writeFailure = String.valueOf(e.getMessage());
  }

  /**
   * Refuses a write while the embedded store's disk has less than the space kept free
   * (server.minFreeSpace), recording why; the rest is kept for filing, checkpoints and
   * recovery.
   *
   * @throws StoreException saying how much is free
   */
  void requireFreeSpace() {
    if (minFreeBytes > 0) {
      long free = freeBytes();
      if (free >= 0 && free < minFreeBytes) {
        StoreException e = new StoreException("the disk has " + mib(free) + " free, less than"
            + " the " + mib(minFreeBytes) + " kept free (server.minFreeSpace): free some"
            + " space");
        failed(e);
        throw e;
      }
    }
  }

  /** The connection, for the other stores on the same file; use it holding this object. */
  Connection connection() {
    return connection;
  }

  /** Work on the store's connection that may fail as SQL does. */
  @FunctionalInterface
  interface SqlWork<T> {
    /** Its SQL may fail; so may encoding what it writes or decoding what it reads. */
    T run(Connection c) throws SQLException, IOException;
  }

  /**
   * Runs {@code work} as one transaction under the store's lock: committed when it returns;
   * when SQL fails, rolled back with the failure recorded ({@link #rollback}) and turned into a
   * {@link StoreException} saying "cannot {@code what}"; when it refuses (any other runtime
   * exception), rolled back and the refusal passed on. The one place the stores' writes begin
   * and end.
   */
  <T> T inTransaction(String what, SqlWork<T> work) {
    synchronized (this) {
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | IOException e) {
        rollback(e);
        throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
      } catch (RuntimeException e) {
        try {
          connection.rollback();
        } catch (SQLException ignored) {
          // the refusal is what the caller needs to hear about
        }
        throw e;
      }
    }
  }

  /** Reads under the store's lock; a SQL failure becomes "cannot {@code what}". */
  <T> T reading(String what, SqlWork<T> work) {
    synchronized (this) {
      try {
        return work.run(connection);
      } catch (SQLException | IOException e) {
        throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Ends a failed write: records why ({@link #writeFailure}), rolls back, then replaces the
   * connection, since after some errors
   * SQLite has already rolled back by itself and the old connection would carry on outside
   * any transaction. Its callers hold this object's lock.
   */
  void rollback(Exception cause) {
    failed(cause);
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the original failure is what the caller needs to hear about
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // a fresh connection follows
    }
    try {
      connection = connect();
    } catch (SQLException e) {
      throw new StoreException("cannot reopen the store after a failed write: "
          + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close the store: " + e.getMessage(), e);
    }
  }
}
