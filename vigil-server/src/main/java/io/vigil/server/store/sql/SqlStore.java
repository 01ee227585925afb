package io.vigil.server.store.sql;

import io.vigil.detect.Assessment;
import io.vigil.detect.Direction;
import io.vigil.server.engine.PointStore;
import io.vigil.server.engine.StoredPoint;
import io.vigil.server.store.StoreException;
import io.vigil.server.store.StoreHealth;
import io.vigil.server.store.StoreLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;

/**
 * Points in SQL (the ingest log, filed by series into chunks, and anomalies), and the one
 * connection, lock and transaction helper every store of this package shares. Embedded: one SQLite file in the data directory, schema by Flyway migrations
 * (db/migration), write-ahead log with full sync, so a committed append survives a crash of
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
final class SqlStore implements PointStore, StoreHealth, AutoCloseable {
  /** The database file's name inside the data directory. */
  public static final String FILE = "vigil.db";
  /** Logged batches filed per locked step in the background. */
  private static final int BATCHES_PER_STEP = 64;
  /** Chunks decoded per locked step of a {@link #scan}. */
  private static final int CHUNKS_PER_STEP = 64;

  /** The least free space with which a failed store counts as writable again. */
  static final long RECOVERED_FREE_BYTES = 1L << 20;

  private final StoreLocation location;
  private final SqlDialect dialect;
  private final String url;
  private final Path dataDir;
  private final long minFreeBytes;
  private Connection connection;
  /** Whether the ingest log may hold batches not yet filed (true at open: recovery). */
  private boolean pending = true;
  /** The last ingest log row id handed out: rows are numbered here, so a failed commit can
   * be checked for what it did. */
  private long lastLogId;
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
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM ingest_log")) {
      r.next();
      lastLogId = r.getLong(1);
    }
    connection.commit();
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

  /**
   * Appends the batch to the ingest log, one row, and commits: a sequential write however
   * many series the batch touches. {@link #applyPending} later files the points by series.
   */
  @Override
  public synchronized void append(List<StoredPoint> points, List<StoredPoint> anomalies) {
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
    long id = lastLogId + 1;
    try (PreparedStatement p = connection.prepareStatement(
        "INSERT INTO ingest_log (id, points, anomalies) VALUES (?, ?, ?)")) {
      p.setLong(1, id);
      p.setBytes(2, PointLog.encode(points));
      p.setBytes(3, PointLog.encode(anomalies));
      p.executeUpdate();
      connection.commit();
      lastLogId = id;
      pending = true;
      wrote();
    } catch (SQLException e) {
      rollback(e);
      // A commit can fail after SQLite made it durable (the error came from the sync that
      // followed); then the batch is stored, and saying otherwise would have the client
      // resend it while detection went on from it.
      if (logged(id)) {
        lastLogId = id;
        pending = true;
        wrote();
        return;
      }
      throw new StoreException("cannot store " + points.size() + " points: "
          + e.getMessage(), e);
    }
  }

  /** Whether ingest log row {@code id} is stored, on a fresh connection. */
  private boolean logged(long id) {
    try (PreparedStatement p = connection.prepareStatement(
        "SELECT 1 FROM ingest_log WHERE id = ?")) {
      p.setLong(1, id);
      try (ResultSet r = p.executeQuery()) {
        return r.next();
      }
    } catch (SQLException e) {
      return false;
    }
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

  private void wrote() {
    writeFailure = null;
  }

  private void failed(Exception e) {
    writeFailure = String.valueOf(e.getMessage());
  }

  /** Files every logged batch (readers call this first, so they see every ack'd point). */
  public synchronized void applyPending() {
    while (pending) {
      applySome(Integer.MAX_VALUE);
    }
  }

  /**
   * Files logged batches a few at a time, releasing the lock between steps so ingest is held
   * up by one step at most (the server runs this every second).
   */
  public void applyInSteps() {
    boolean more = true;
    while (more) {
      synchronized (this) {
        more = pending && applySome(BATCHES_PER_STEP);
      }
    }
    synchronized (this) {
      try {
        dialect.afterFiling(connection);
      } catch (SQLException e) {
        throw new StoreException("cannot end the filing step: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Moves up to {@code maxBatches} logged batches into the points and anomalies tables,
   * sorted by series and number so each series' new points land together, in one
   * transaction.
   *
   * @return whether more batches may be waiting
   */
  private boolean applySome(int maxBatches) {
    if (!pending) {
      return false;
    }
    int batches = 0;
    try {
      List<StoredPoint> points = new ArrayList<>();
      List<StoredPoint> anomalies = new ArrayList<>();
      long last = -1;
      try (PreparedStatement p = connection.prepareStatement(
          "SELECT id, points, anomalies FROM ingest_log ORDER BY id LIMIT " + maxBatches);
          ResultSet r = p.executeQuery()) {
        while (r.next()) {
          batches++;
          last = r.getLong(1);
          points.addAll(PointLog.decode(r.getBytes(2)));
          anomalies.addAll(PointLog.decode(r.getBytes(3)));
        }
      }
      if (last >= 0) {
        java.util.Comparator<StoredPoint> order = java.util.Comparator
            .comparingLong(StoredPoint::seriesId).thenComparingLong(StoredPoint::seq);
        points.sort(order);
        anomalies.sort(order);
        PointChunks.insert(connection, points);
        insertAnomalies(anomalies);
        try (PreparedStatement p = connection.prepareStatement(
            "DELETE FROM ingest_log WHERE id <= ?")) {
          p.setLong(1, last);
          p.executeUpdate();
        }
        connection.commit();
        // Filing succeeding does not clear a failed append: it writes into log space that
        // SQLite reuses, which a full disk still allows; an append or the probe must.
      }
      pending = batches == maxBatches;
      return pending;
    } catch (SQLException | IOException e) {
      // not inTransaction: the step also keeps the pending flag, which a failure leaves set
      rollback(e);
      throw new StoreException("cannot file logged points: " + e.getMessage(), e);
    }
  }

  private void insertAnomalies(List<StoredPoint> anomalies) throws SQLException {
    try (PreparedStatement p = connection.prepareStatement("INSERT INTO anomalies (series_id,"
        + " seq, ts_ms, value, probability, expected, lower_bound, upper_bound, direction)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (StoredPoint sp : anomalies) {
        Assessment a = sp.assessment();
        p.setLong(1, sp.seriesId());
        p.setLong(2, sp.seq());
        p.setLong(3, sp.timestampMs());
        p.setDouble(4, sp.value());
        p.setDouble(5, a.probability());
        setNullable(p, 6, a.expected());
        setNullable(p, 7, a.lower());
        setNullable(p, 8, a.upper());
        p.setString(9, a.direction().name());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private static void setNullable(PreparedStatement p, int i, double v) throws SQLException {
    if (Double.isFinite(v)) {
      p.setDouble(i, v);
    } else {
      p.setNull(i, Types.DOUBLE);
    }
  }

  @Override
  public synchronized List<StoredPoint> points(long seriesId, long fromMs, long toMs,
      int limit) {
    applyPending();
    try (PreparedStatement p = connection.prepareStatement("SELECT points FROM point_chunks"
        + " WHERE series_id = ? AND max_ts >= ? AND min_ts < ? ORDER BY first_seq")) {
      p.setLong(1, seriesId);
      p.setLong(2, fromMs);
      p.setLong(3, toMs);
      List<StoredPoint> out = new ArrayList<>();
      for (StoredPoint sp : PointChunks.read(p)) {
        if (sp.timestampMs() >= fromMs && sp.timestampMs() < toMs) {
          out.add(sp);
        }
      }
      out.sort(java.util.Comparator.comparingLong(StoredPoint::timestampMs)
          .thenComparingLong(StoredPoint::seq));
      return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
    } catch (SQLException | IOException e) {
      throw new StoreException("cannot read series " + seriesId + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void scan(long seriesId, long afterSeq, long fromMs, long toMs,
      Consumer<StoredPoint> visitor) {
    long cursor = Long.MIN_VALUE; // the first number of the last chunk read
    boolean started = false;
    while (true) {
      List<StoredPoint> page = new ArrayList<>();
      int chunks = 0;
      synchronized (this) {
        applyPending();
        try {
          if (!started) {
            cursor = chunkHolding(seriesId, afterSeq + 1) - 1;
            started = true;
          }
          try (PreparedStatement p = connection.prepareStatement("SELECT first_seq, points"
              + " FROM point_chunks WHERE series_id = ? AND first_seq > ? AND max_ts >= ?"
              + " AND min_ts <= ? ORDER BY first_seq LIMIT " + CHUNKS_PER_STEP)) {
            p.setLong(1, seriesId);
            p.setLong(2, cursor);
            p.setLong(3, fromMs);
            p.setLong(4, toMs);
            try (ResultSet r = p.executeQuery()) {
              while (r.next()) {
                cursor = r.getLong(1);
                page.addAll(PointLog.decode(r.getBytes(2)));
                chunks++;
              }
            }
          }
        } catch (SQLException | IOException e) {
          throw new StoreException("cannot read series " + seriesId + ": " + e.getMessage(), e);
        }
      }
      for (StoredPoint sp : page) {
        if (sp.seq() > afterSeq && sp.timestampMs() >= fromMs && sp.timestampMs() <= toMs) {
          visitor.accept(sp);
        }
      }
      if (chunks < CHUNKS_PER_STEP) {
        return;
      }
    }
  }

  /** The first number of the chunk holding point {@code seq} (MIN_VALUE + 1 when none). */
  private long chunkHolding(long seriesId, long seq) throws SQLException {
    try (PreparedStatement p = connection.prepareStatement("SELECT MAX(first_seq) FROM"
        + " point_chunks WHERE series_id = ? AND first_seq <= ?")) {
      p.setLong(1, seriesId);
      p.setLong(2, seq);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        long first = r.getLong(1);
        return r.wasNull() ? Long.MIN_VALUE + 1 : first;
      }
    }
  }

  @Override
  public synchronized long nextSeq(long seriesId) {
    applyPending();
    try (PreparedStatement p = connection.prepareStatement(
        "SELECT MAX(last_seq) FROM point_chunks WHERE series_id = ?")) {
      p.setLong(1, seriesId);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        long max = r.getLong(1);
        return r.wasNull() ? 0 : max + 1;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read series " + seriesId + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized List<StoredPoint> anomalies(Long seriesId, long fromMs, long toMs,
      double minProbability, int limit) {
    applyPending();
    String sql = "SELECT series_id, seq, ts_ms, value, 'SCORED' AS status, NULL AS score,"
        + " probability, expected, lower_bound, upper_bound, direction FROM anomalies"
        + " WHERE ts_ms >= ? AND ts_ms < ? AND probability >= ?"
        + (seriesId == null ? "" : " AND series_id = ?") + " ORDER BY ts_ms DESC, id DESC"
        + " LIMIT ?";
    return seriesId == null ? query(sql, fromMs, toMs, minProbability, limit)
        : query(sql, fromMs, toMs, minProbability, seriesId, limit);
  }

  private List<StoredPoint> query(String sql, Object... args) {
    try (PreparedStatement p = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      List<StoredPoint> out = new ArrayList<>();
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          Assessment a = new Assessment(Assessment.Status.valueOf(r.getString("status")),
              orNaN(r, "score"), r.getDouble("probability"), orNaN(r, "expected"),
              orNaN(r, "lower_bound"), orNaN(r, "upper_bound"),
              Direction.valueOf(r.getString("direction")));
          out.add(new StoredPoint(r.getLong("series_id"), r.getLong("seq"), r.getLong("ts_ms"),
              r.getDouble("value"), a));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot read points: " + e.getMessage(), e);
    }
  }

  private static double orNaN(ResultSet r, String column) throws SQLException {
    double v = r.getDouble(column);
    return r.wasNull() ? Double.NaN : v;
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
