package db.migration;

import io.vigil.server.store.sql.PointChunks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Version 4: points move from one row each into chunks, one row per series per filing step
 * holding many points (see {@link PointChunks}). Existing points are copied over, series by
 * series, in chunks of {@value PointChunks#MIGRATION_CHUNK} points; then the old table goes.
 * A Java migration because the chunk format is binary.
 */
public class V4__points_in_chunks extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    try (Statement s = c.createStatement()) {
      s.execute(PointChunks.CREATE_TABLE);
      s.execute(PointChunks.CREATE_INDEX);
    }
    try (PreparedStatement p = c.prepareStatement("SELECT series_id, seq, ts_ms, value, status,"
        + " score, probability, expected, lower_bound, upper_bound, direction FROM points"
        + " ORDER BY series_id, seq");
        ResultSet r = p.executeQuery()) {
      PointChunks.copyRows(r, c);
    }
    try (Statement s = c.createStatement()) {
      s.execute("DROP INDEX points_by_time");
      s.execute("DROP TABLE points");
    }
  }
}
