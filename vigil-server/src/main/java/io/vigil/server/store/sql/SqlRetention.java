package io.vigil.server.store.sql;

import io.vigil.server.store.RetentionStore;
import io.vigil.server.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes data older than a cut-off, kind by kind, in small transactions so ingest waits at
 * most one batch. Points are deleted a whole stored chunk at a time and only where nothing
 * needs them: a chunk is kept while it holds points after its series' checkpoint (a restart
 * replays them) or is the series' newest (its numbering continues from it).
 */
final class SqlRetention implements RetentionStore {
  /** Rows per transaction. */
  static final int BATCH = 2_000;
  /** Series per transaction when deleting points. */
  private static final int SERIES_BATCH = 500;

  private final SqlStore base;
  private final SqlPointStore points;

  SqlRetention(SqlStore base, SqlPointStore points) {
    this.base = base;
    this.points = points;
  }

  /** Deletes stored points, anomalies and hosts' rows before {@code cutoffMs}; returns rows. */
  @Override
  public long points(long cutoffMs) {
    long deleted = 0;
    long afterSeries = Long.MIN_VALUE;
    while (true) {
      List<Long> ids = new ArrayList<>();
      long after = afterSeries;
      deleted += base.inTransaction("delete old points", c -> {
        points.applyPending(); // so that a series' newest chunk is filed, and kept
        long n = 0;
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM series WHERE id > ?"
            + " ORDER BY id LIMIT " + SERIES_BATCH)) {
          p.setLong(1, after);
          try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
              ids.add(r.getLong(1));
            }
          }
        }
        try (PreparedStatement p = c.prepareStatement("DELETE FROM point_chunks"
            + " WHERE series_id = ? AND max_ts < ?"
            + " AND last_seq <= (SELECT seq FROM checkpoints WHERE series_id = ?)"
            + " AND last_seq < (SELECT MAX(last_seq) FROM point_chunks WHERE series_id = ?)")) {
          for (long id : ids) {
            p.setLong(1, id);
            p.setLong(2, cutoffMs);
            p.setLong(3, id);
            p.setLong(4, id);
            n += p.executeUpdate();
          }
        }
        return n;
      });
      if (ids.size() < SERIES_BATCH) {
        break;
      }
      afterSeries = ids.get(ids.size() - 1);
    }
    deleted += inBatches("anomalies", "DELETE FROM anomalies WHERE id IN (SELECT id FROM"
        + " anomalies WHERE ts_ms < ? LIMIT " + BATCH + ")", cutoffMs);
    deleted += inBatches("hosts' rows", "DELETE FROM host_rows WHERE (rule, host, timestamp_ms) IN"
        + " (SELECT rule, host, timestamp_ms FROM host_rows WHERE timestamp_ms < ? LIMIT "
        + BATCH + ")", cutoffMs);
    return deleted;
  }

  /** Deletes events before {@code cutoffMs}; returns how many. */
  @Override
  public long events(long cutoffMs) {
    return inBatches("events", "DELETE FROM events WHERE id IN (SELECT id FROM events"
        + " WHERE time_ms < ? LIMIT " + BATCH + ")", cutoffMs);
  }

  /**
   * Deletes the alerts that ended before {@code cutoffMs} with their deliveries, and the
   * silences that expired before it; returns how many alerts and silences.
   */
  @Override
  public long alerts(long cutoffMs) {
    String ended = "SELECT id FROM alerts WHERE state IN ('RESOLVED', 'CANCELLED')"
        + " AND ends_ms < ? LIMIT " + BATCH;
    long deleted = 0;
    while (true) {
      int n = base.inTransaction("delete old alerts", c -> {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM deliveries WHERE"
            + " alert_id IN (" + ended + ")")) {
          p.setLong(1, cutoffMs);
          p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("DELETE FROM alerts WHERE id IN ("
            + ended + ")")) {
          p.setLong(1, cutoffMs);
          return p.executeUpdate();
        }
      });
      deleted += n;
      if (n < BATCH) {
        break;
      }
    }
    return deleted + inBatches("silences", "DELETE FROM silences WHERE id IN (SELECT id FROM"
        + " silences WHERE ends_ms < ? LIMIT " + BATCH + ")", cutoffMs);
  }

  private long inBatches(String what, String sql, long cutoffMs) {
    long deleted = 0;
    while (true) {
      int n = base.inTransaction("delete old " + what, c -> {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          p.setLong(1, cutoffMs);
          return p.executeUpdate();
        }
      });
      deleted += n;
      if (n < BATCH) {
        return deleted;
      }
    }
  }
}
