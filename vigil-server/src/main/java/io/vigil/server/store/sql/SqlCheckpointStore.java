package io.vigil.server.store.sql;

import io.vigil.detect.DetectorState;
import io.vigil.server.engine.CheckpointStore;
import io.vigil.server.registry.Checkpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Each series' latest detector checkpoint in SQL: one row per series, replaced. */
final class SqlCheckpointStore implements CheckpointStore {
  private final SqlStore base;

  SqlCheckpointStore(SqlStore base) {
    this.base = base;
  }

  @Override
  public void saveCheckpoints(List<Checkpoint> cs) {
    if (cs.isEmpty()) {
      return;
    }
    base.inTransaction("save " + cs.size() + " checkpoints", c -> {
      for (Checkpoint checkpoint : cs) {
        write(c, checkpoint);
      }
      return null;
    });
  }

  @Override
  public void saveCheckpoint(Checkpoint checkpoint) {
    base.inTransaction("save the checkpoint of series " + checkpoint.seriesId(), c -> {
      write(c, checkpoint);
      return null;
    });
  }

  /** Writes the checkpoint in the open transaction, for callers that commit more with it. */
  static void write(Connection c, Checkpoint checkpoint) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO checkpoints (series_id,"
        + " seq, algorithm, version, state, saved_ms) VALUES (?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT (series_id) DO UPDATE SET seq = excluded.seq,"
        + " algorithm = excluded.algorithm, version = excluded.version,"
        + " state = excluded.state, saved_ms = excluded.saved_ms")) {
      p.setLong(1, checkpoint.seriesId());
      p.setLong(2, checkpoint.seq());
      p.setString(3, checkpoint.state().algorithm());
      p.setInt(4, checkpoint.state().formatVersion());
      p.setBytes(5, checkpoint.state().bytes());
      p.setLong(6, System.currentTimeMillis());
      p.executeUpdate();
    }
  }

  @Override
  public Optional<Checkpoint> checkpoint(long seriesId) {
    return base.reading("read the checkpoint of series " + seriesId, c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT seq, algorithm, version,"
          + " state FROM checkpoints WHERE series_id = ?")) {
        p.setLong(1, seriesId);
        try (ResultSet r = p.executeQuery()) {
          if (!r.next()) {
            return Optional.empty();
          }
          return Optional.of(new Checkpoint(seriesId, r.getLong("seq"), new DetectorState(
              r.getString("algorithm"), r.getInt("version"), r.getBytes("state"))));
        }
      }
    });
  }
}
