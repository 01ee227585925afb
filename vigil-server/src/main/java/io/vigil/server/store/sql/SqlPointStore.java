package io.vigil.server.store.sql;

import io.vigil.detect.Assessment;
import io.vigil.detect.Direction;
import io.vigil.server.engine.PointStore;
import io.vigil.server.engine.StoredPoint;
import io.vigil.server.store.StoreException;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Points in SQL: each acknowledged batch is one row of the ingest log (a sequential write
 * however many series it touches), filed in the background into per-series chunks and the
 * anomalies table; readers file what is pending first, so they see every acknowledged point.
 * It holds the store's lock ({@link SqlStore}) for each step, so ingest waits one step at most.
 */
final class SqlPointStore implements PointStore {
  /** Logged batches filed per locked step in the background. */
  private static final int BATCHES_PER_STEP = 64;
  /** Chunks decoded per locked step of a {@link #scan}. */
  private static final int CHUNKS_PER_STEP = 64;

  private final SqlStore base;
  /** Whether the ingest log may hold batches not yet filed (true at open: recovery). */
  private boolean pending = true;
  /** The last ingest log row id handed out: rows are numbered here, so a failed commit can
   * be checked for what it did. */
  private long lastLogId;

  SqlPointStore(SqlStore base) {
    this.base = base;
    this.lastLogId = base.reading("read the ingest log", c -> {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT COALESCE(MAX(id), 0) FROM ingest_log"); ResultSet r = p.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    });
  }

  /**
   * Appends the batch to the ingest log, one row, and commits: a sequential write however
   * many series the batch touches. {@link #applyPending} later files the points by series.
   */
  @Override
  public void append(List<StoredPoint> points, List<StoredPoint> anomalies) {
    synchronized (base) {
      base.requireFreeSpace();
      long id = lastLogId + 1;
      try (PreparedStatement p = base.connection().prepareStatement(
          "INSERT INTO ingest_log (id, points, anomalies) VALUES (?, ?, ?)")) {
        p.setLong(1, id);
        p.setBytes(2, PointLog.encode(points));
        p.setBytes(3, PointLog.encode(anomalies));
        p.executeUpdate();
        base.connection().commit();
        lastLogId = id;
        pending = true;
        base.wrote();
      } catch (SQLException e) {
        base.rollback(e);
        // A commit can fail after SQLite made it durable (the error came from the sync that
        // followed); then the batch is stored, and saying otherwise would have the client
        // resend it while detection went on from it.
        if (logged(id)) {
          lastLogId = id;
          pending = true;
          base.wrote();
          return;
        }
        throw new StoreException("cannot store " + points.size() + " points: "
            + e.getMessage(), e);
      }
    }
  }

  /** Whether ingest log row {@code id} is stored, on a fresh connection. */
  private boolean logged(long id) {
    try (PreparedStatement p = base.connection().prepareStatement(
        "SELECT 1 FROM ingest_log WHERE id = ?")) {
      p.setLong(1, id);
      try (ResultSet r = p.executeQuery()) {
        return r.next();
      }
    } catch (SQLException e) {
      return false;
    }
  }

  /** Files every logged batch (readers call this first, so they see every ack'd point). */
  public void applyPending() {
    synchronized (base) {
      while (pending) {
        applySome(Integer.MAX_VALUE);
      }
    }
  }

  /**
   * Files logged batches a few at a time, releasing the lock between steps so ingest is held
   * up by one step at most (the server runs this every second).
   */
  public void applyInSteps() {
    boolean more = true;
    while (more) {
      synchronized (base) {
        more = pending && applySome(BATCHES_PER_STEP);
      }
    }
    synchronized (base) {
      try {
        base.dialect().afterFiling(base.connection());
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
      try (PreparedStatement p = base.connection().prepareStatement(
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
        PointChunks.insert(base.connection(), points);
        insertAnomalies(anomalies);
        try (PreparedStatement p = base.connection().prepareStatement(
            "DELETE FROM ingest_log WHERE id <= ?")) {
          p.setLong(1, last);
          p.executeUpdate();
        }
        base.connection().commit();
        // Filing succeeding does not clear a failed append: it writes into log space that
        // SQLite reuses, which a full disk still allows; an append or the probe must.
      }
      pending = batches == maxBatches;
      return pending;
    } catch (SQLException | IOException e) {
      // not inTransaction: the step also keeps the pending flag, which a failure leaves set
      base.rollback(e);
      throw new StoreException("cannot file logged points: " + e.getMessage(), e);
    }
  }

  private void insertAnomalies(List<StoredPoint> anomalies) throws SQLException {
    try (PreparedStatement p = base.connection().prepareStatement("INSERT INTO anomalies (series_id,"
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
  public List<StoredPoint> points(long seriesId, long fromMs, long toMs,
      int limit) {
    synchronized (base) {
      applyPending();
      try (PreparedStatement p = base.connection().prepareStatement("SELECT points FROM point_chunks"
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
  }

  @Override
  public void scan(long seriesId, long afterSeq, long fromMs, long toMs,
      Consumer<StoredPoint> visitor) {
    long cursor = Long.MIN_VALUE; // the first number of the last chunk read
    boolean started = false;
    while (true) {
      List<StoredPoint> page = new ArrayList<>();
      int chunks = 0;
      synchronized (base) {
        applyPending();
        try {
          if (!started) {
            cursor = chunkHolding(seriesId, afterSeq + 1) - 1;
            started = true;
          }
          try (PreparedStatement p = base.connection().prepareStatement("SELECT first_seq, points"
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
    try (PreparedStatement p = base.connection().prepareStatement("SELECT MAX(first_seq) FROM"
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
  public long nextSeq(long seriesId) {
    synchronized (base) {
      applyPending();
      try (PreparedStatement p = base.connection().prepareStatement(
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
  }

  @Override
  public List<StoredPoint> anomalies(Long seriesId, long fromMs, long toMs,
      double minProbability, int limit) {
    synchronized (base) {
      applyPending();
      String sql = "SELECT series_id, seq, ts_ms, value, 'SCORED' AS status, NULL AS score,"
          + " probability, expected, lower_bound, upper_bound, direction FROM anomalies"
          + " WHERE ts_ms >= ? AND ts_ms < ? AND probability >= ?"
          + (seriesId == null ? "" : " AND series_id = ?") + " ORDER BY ts_ms DESC, id DESC"
          + " LIMIT ?";
      return seriesId == null ? query(sql, fromMs, toMs, minProbability, limit)
          : query(sql, fromMs, toMs, minProbability, seriesId, limit);
    }
  }

  private List<StoredPoint> query(String sql, Object... args) {
    try (PreparedStatement p = base.connection().prepareStatement(sql)) {
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
}
