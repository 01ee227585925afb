package io.vigil.server.store.sql;

import io.vigil.detect.Assessment;
import io.vigil.detect.Direction;
import io.vigil.server.engine.StoredPoint;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Points stored in chunks: one row holds consecutive points of one series (in the
 * {@link PointLog} format) with the range of their numbers and timestamps, so filing a
 * second's worth of points writes one row per series instead of one per point, and a read
 * decodes the few chunks that overlap what it asks for.
 */
// Public only for the schema migration that moved points into chunks (db.migration.V4).
public final class PointChunks {
  /** The table (also created by migration V4). */
  public static final String CREATE_TABLE = "CREATE TABLE point_chunks ("
      + " series_id INTEGER NOT NULL REFERENCES series(id),"
      + " first_seq INTEGER NOT NULL, last_seq INTEGER NOT NULL,"
      + " min_ts INTEGER NOT NULL, max_ts INTEGER NOT NULL,"
      + " points BLOB NOT NULL, PRIMARY KEY (series_id, first_seq)) WITHOUT ROWID";
  /** Finds the chunks of a time range. */
  public static final String CREATE_INDEX =
      "CREATE INDEX point_chunks_by_time ON point_chunks (series_id, max_ts)";
  /** Points per chunk when old rows are converted. */
  public static final int MIGRATION_CHUNK = 1024;
  private static final String INSERT = "INSERT INTO point_chunks (series_id, first_seq,"
      + " last_seq, min_ts, max_ts, points) VALUES (?, ?, ?, ?, ?, ?)";

  private PointChunks() {}

  /** Writes {@code points} (sorted by series, then number) as one chunk per series. */
  static void insert(Connection c, List<StoredPoint> points) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(INSERT)) {
      int from = 0;
      while (from < points.size()) {
        int to = from;
        long series = points.get(from).seriesId();
        while (to < points.size() && points.get(to).seriesId() == series) {
          to++;
        }
        add(p, points.subList(from, to));
        from = to;
      }
      p.executeBatch();
    }
  }

  private static void add(PreparedStatement p, List<StoredPoint> chunk) throws SQLException {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (StoredPoint sp : chunk) {
      min = Math.min(min, sp.timestampMs());
      max = Math.max(max, sp.timestampMs());
    }
    p.setLong(1, chunk.get(0).seriesId());
    p.setLong(2, chunk.get(0).seq());
    p.setLong(3, chunk.get(chunk.size() - 1).seq());
    p.setLong(4, min);
    p.setLong(5, max);
    p.setBytes(6, PointLog.encode(chunk));
    p.addBatch();
  }

  /** The points of the chunks a query selected (its first column: points), in order. */
  static List<StoredPoint> read(PreparedStatement query) throws SQLException, IOException {
    List<StoredPoint> out = new ArrayList<>();
    try (ResultSet r = query.executeQuery()) {
      while (r.next()) {
        out.addAll(PointLog.decode(r.getBytes(1)));
      }
    }
    return out;
  }

  /** Copies rows of the old one-row-per-point table into chunks (migration V4). */
  public static void copyRows(ResultSet r, Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(INSERT)) {
      List<StoredPoint> chunk = new ArrayList<>();
      while (r.next()) {
        long series = r.getLong("series_id");
        if (!chunk.isEmpty() && (chunk.get(0).seriesId() != series
            || chunk.size() == MIGRATION_CHUNK)) {
          add(p, chunk);
          chunk = new ArrayList<>();
        }
        chunk.add(new StoredPoint(series, r.getLong("seq"), r.getLong("ts_ms"),
            r.getDouble("value"), new Assessment(Assessment.Status.valueOf(r.getString("status")),
            orNaN(r, "score"), r.getDouble("probability"), orNaN(r, "expected"),
            orNaN(r, "lower_bound"), orNaN(r, "upper_bound"),
            Direction.valueOf(r.getString("direction")))));
      }
      if (!chunk.isEmpty()) {
        add(p, chunk);
      }
      p.executeBatch();
    }
  }

  private static double orNaN(ResultSet r, String column) throws SQLException {
    double v = r.getDouble(column);
    return r.wasNull() ? Double.NaN : v;
  }
}
