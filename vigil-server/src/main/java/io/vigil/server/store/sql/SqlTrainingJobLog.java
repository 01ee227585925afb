package io.vigil.server.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.server.model.TrainingJobLog;
import io.vigil.server.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/** Training jobs in the same SQLite file as the points, under the same lock. */
final class SqlTrainingJobLog implements TrainingJobLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<JobVersion>> VERSIONS = new TypeReference<>() {};

  private final SqlStore base;

  SqlTrainingJobLog(SqlStore base) {
    this.base = base;
  }

  @Override
  public long open(int series, String by, long atMs) {
    return base.inTransaction("record a training job", c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO training_jobs"
          + " (series, requested_by, submitted_ms, state, versions) VALUES (?, ?, ?, 'QUEUED',"
          + " '[]')", Statement.RETURN_GENERATED_KEYS)) {
        p.setInt(1, series);
        p.setString(2, by);
        p.setLong(3, atMs);
        p.executeUpdate();
        try (ResultSet keys = p.getGeneratedKeys()) {
          keys.next();
          long id = keys.getLong(1);
          return id;
        }
      }
    });
  }

  @Override
  public void update(long id, State state, List<JobVersion> versions, String error,
      long finishedMs) {
    base.inTransaction("record training job " + id, c -> {
      try (PreparedStatement p = c.prepareStatement("UPDATE training_jobs SET"
          + " state = ?, versions = ?, error = ?, finished_ms = ? WHERE id = ?")) {
        p.setString(1, state.name());
        p.setString(2, JSON.writeValueAsString(versions));
        p.setString(3, error);
        if (finishedMs > 0) {
          p.setLong(4, finishedMs);
        } else {
          p.setNull(4, java.sql.Types.INTEGER);
        }
        p.setLong(5, id);
        p.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Optional<Entry> job(long id) {
    return base.reading("read training job " + id, c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT id, series,"
          + " requested_by, submitted_ms, state, versions, error, finished_ms FROM training_jobs"
          + " WHERE id = ?")) {
        p.setLong(1, id);
        try (ResultSet r = p.executeQuery()) {
          if (!r.next()) {
            return Optional.empty();
          }
          return Optional.of(new Entry(r.getLong(1), r.getInt(2), r.getString(3), r.getLong(4),
              State.valueOf(r.getString(5)), JSON.readValue(r.getString(6), VERSIONS),
              r.getString(7), r.getLong(8)));
        }
      }
    });
  }

  @Override
  public int failUnfinished(String why, long atMs) {
    return base.inTransaction("close unfinished training jobs", c -> {
      try (PreparedStatement p = c.prepareStatement("UPDATE training_jobs SET"
          + " state = 'FAILED', error = ?, finished_ms = ? WHERE state IN ('QUEUED',"
          + " 'RUNNING')")) {
        p.setString(1, why);
        p.setLong(2, atMs);
        int n = p.executeUpdate();
        return n;
      }
    });
  }
}
