package io.vigil.server.store.sql;

import io.vigil.detect.DetectorState;
import io.vigil.detect.catalog.DetectorSpec;
import io.vigil.model.ModelKey;
import io.vigil.server.registry.Checkpoint;
import io.vigil.server.registry.ModelRegistry;
import io.vigil.server.registry.ModelVersion;
import io.vigil.server.registry.TamperedModelException;
import io.vigil.server.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The model registry in the same SQLite file as the points, under the same lock. */
final class SqlModelRegistry implements ModelRegistry {
  private static final String COLUMNS = "id, series_id, version, spec, threshold,"
      + " threshold_method, trained_from_ms, trained_to_ms, points, through_seq, data_sha256,"
      + " source, labels, metric, figure, alert_rate, spread, report_json, created_by,"
      + " created_ms, status,"
      + " shadow_from_seq";

  private final SqlStore base;
  private final ModelKey key;

  /**
   * @param key signs each version as it is registered and checks it whenever its state is
   *     read
   * @param keyIsNew whether the key was made just now: then the store's versions registered
   *     before signatures existed are signed with it. Only then: an unsigned row in a store
   *     that already had its key was made unsigned by someone, and stays refused.
   */
  SqlModelRegistry(SqlStore base, ModelKey key, boolean keyIsNew) {
    this.base = base;
    this.key = key;
    if (keyIsNew) {
      adoptUnsigned();
    }
  }

  /** Signs the versions of a store written before versions were signed. */
  private void adoptUnsigned() {
    base.inTransaction("sign the model registry", c -> {
      List<long[]> ids = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement(
          "SELECT id FROM model_versions WHERE signature IS NULL");
          ResultSet r = p.executeQuery()) {
        while (r.next()) {
          ids.add(new long[] {r.getLong(1)});
        }
      }
      for (long[] id : ids) {
        String signature;
        try (PreparedStatement p = c.prepareStatement("SELECT " + SIGNED
            + " FROM model_versions WHERE id = ?")) {
          p.setLong(1, id[0]);
          try (ResultSet r = p.executeQuery()) {
            r.next();
            signature = key.sign(signedContent(r));
          }
        }
        try (PreparedStatement p = c.prepareStatement(
            "UPDATE model_versions SET signature = ? WHERE id = ?")) {
          p.setString(1, signature);
          p.setLong(2, id[0]);
          p.executeUpdate();
        }
      }
      if (!ids.isEmpty()) {
        org.slf4j.LoggerFactory.getLogger(SqlModelRegistry.class).info(
            "{} model versions from before signatures signed with model key {}", ids.size(),
            key.id());
      }
      return null;
    });
  }

  /** The columns a signature covers, in order. */
  private static final String SIGNED = "series_id, version, spec, threshold, threshold_method,"
      + " state_algorithm, state_version, state";

  /** The bytes a signature covers, from a row of the {@link #SIGNED} columns. */
  private static byte[] signedContent(ResultSet r) throws SQLException {
    return signedContent(r.getLong(1), r.getInt(2), r.getString(3), r.getDouble(4),
        r.getString(5), new DetectorState(r.getString(6), r.getInt(7), r.getBytes(8)));
  }

  private static byte[] signedContent(long seriesId, int version, String spec,
      double threshold, String thresholdMethod, DetectorState state) {
    var bytes = new java.io.ByteArrayOutputStream(state.bytes().length + 128);
    try (var out = new java.io.DataOutputStream(bytes)) {
      out.writeUTF("vigil-model-version-1");
      out.writeLong(seriesId);
      out.writeInt(version);
      out.writeUTF(spec);
      out.writeLong(Double.doubleToLongBits(threshold));
      out.writeUTF(thresholdMethod);
      out.writeUTF(state.algorithm());
      out.writeInt(state.formatVersion());
      out.writeInt(state.bytes().length);
      out.write(state.bytes());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("memory streams do not fail", e);
    }
    return bytes.toByteArray();
  }

  @Override
  public ModelVersion register(ModelVersion v, DetectorState state) {
    return base.inTransaction("register a model of series " + v.seriesId(), c -> {
      int number = 1;
      try (PreparedStatement p = c.prepareStatement(
          "SELECT COALESCE(MAX(version), 0) + 1 FROM model_versions WHERE series_id = ?")) {
        p.setLong(1, v.seriesId());
        try (ResultSet r = p.executeQuery()) {
          r.next();
          number = r.getInt(1);
        }
      }
      ModelVersion.TrainingWindow w = v.window();
      try (PreparedStatement p = c.prepareStatement("INSERT INTO model_versions (series_id,"
          + " version, spec, threshold, threshold_method, trained_from_ms, trained_to_ms,"
          + " points, through_seq, data_sha256, source, labels, metric, figure, alert_rate,"
          + " spread, report_json, created_by, created_ms, status, shadow_from_seq,"
          + " state_algorithm, state_version, state, signature) VALUES (?, ?, ?, ?, ?, ?, ?,"
          + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'CANDIDATE', NULL, ?, ?, ?, ?)",
          Statement.RETURN_GENERATED_KEYS)) {
        p.setLong(1, v.seriesId());
        p.setInt(2, number);
        p.setString(3, v.spec().text());
        p.setDouble(4, v.threshold());
        p.setString(5, v.thresholdMethod());
        p.setLong(6, w.fromMs());
        p.setLong(7, w.toMs());
        p.setInt(8, w.points());
        p.setLong(9, w.throughSeq());
        p.setString(10, w.dataSha256());
        p.setString(11, w.source());
        p.setInt(12, w.labels());
        ModelVersion.Validation val = v.validation();
        p.setString(13, val.metric());
        if (Double.isFinite(val.figure())) {
          p.setDouble(14, val.figure());
        } else {
          p.setNull(14, java.sql.Types.DOUBLE);
        }
        p.setDouble(15, val.alertRate());
        p.setString(16, java.util.Arrays.stream(val.spread()).mapToObj(Long::toString)
            .collect(java.util.stream.Collectors.joining(",")));
        p.setString(17, val.reportJson());
        p.setString(18, v.createdBy());
        p.setLong(19, v.createdMs());
        p.setString(20, state.algorithm());
        p.setInt(21, state.formatVersion());
        p.setBytes(22, state.bytes());
        p.setString(23, key.sign(signedContent(v.seriesId(), number, v.spec().text(),
            v.threshold(), v.thresholdMethod(), state)));
        p.executeUpdate();
        long id;
        try (ResultSet keys = p.getGeneratedKeys()) {
          keys.next();
          id = keys.getLong(1);
        }
        return new ModelVersion(id, v.seriesId(), number, v.spec(), v.threshold(),
            v.thresholdMethod(), w, v.validation(), v.createdBy(),
            v.createdMs(), ModelVersion.Status.CANDIDATE, -1);
      }
    });
  }

  @Override
  public Optional<ModelVersion> version(long id) {
    return versions("WHERE id = ?", id).stream().findFirst();
  }

  @Override
  public DetectorState state(long id) {
    return base.reading("read model version " + id, c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT " + SIGNED
          + ", signature FROM model_versions WHERE id = ?")) {
        p.setLong(1, id);
        try (ResultSet r = p.executeQuery()) {
          if (!r.next()) {
            throw new StoreException("model version " + id + " has no state", null);
          }
          String problem = key.problem(signedContent(r), r.getString(9));
          if (problem != null) {
            throw new TamperedModelException("model version " + r.getInt(2) + " of series "
                + r.getLong(1) + " (id " + id + ") is refused: " + problem + "; its threshold,"
                + " spec or trained state was changed outside Vigil, or the store was moved"
                + " without its model key");
          }
          return new DetectorState(r.getString(6), r.getInt(7), r.getBytes(8));
        }
      }
    });
  }

  @Override
  public List<ModelVersion> versions(Long seriesId, int limit) {
    return seriesId == null ? versions("ORDER BY id DESC LIMIT ?", limit)
        : versions("WHERE series_id = ? ORDER BY id DESC LIMIT ?", seriesId, limit);
  }

  @Override
  public Optional<ModelVersion> champion(long seriesId) {
    return versions("WHERE series_id = ? AND status = 'CHAMPION'", seriesId).stream()
        .findFirst();
  }

  @Override
  public List<ModelVersion> champions() {
    return versions("WHERE status = 'CHAMPION' ORDER BY series_id");
  }

  @Override
  public List<ModelVersion> shadows(Long seriesId) {
    return seriesId == null ? versions("WHERE shadow_from_seq IS NOT NULL ORDER BY id")
        : versions("WHERE shadow_from_seq IS NOT NULL AND series_id = ? ORDER BY id",
            seriesId);
  }

  @Override
  public void makeChampion(long versionId, Checkpoint caughtUp, String action, String by) {
    base.inTransaction("make model version " + versionId + " the champion", c -> {
      ModelVersion v = version(versionId).orElseThrow(() -> new SQLException(
          "no model version " + versionId));
      long previous = champion(v.seriesId()).map(ModelVersion::id).orElse(0L);
      update(c, "UPDATE model_versions SET status = 'RETIRED' WHERE series_id = ? AND"
          + " status = 'CHAMPION'", v.seriesId());
      update(c, "UPDATE model_versions SET status = 'CHAMPION', shadow_from_seq = NULL"
          + " WHERE id = ?", versionId);
      SqlCheckpointStore.write(c, caughtUp);
      event(c, v.seriesId(), versionId, action, previous, by);
      return null;
    });
  }

  @Override
  public void setShadow(long versionId, long fromSeq, String by) {
    base.inTransaction("change the shadow of model version " + versionId, c -> {
      ModelVersion v = version(versionId).orElseThrow(() -> new SQLException(
          "no model version " + versionId));
      try (PreparedStatement p = c.prepareStatement(
          "UPDATE model_versions SET shadow_from_seq = ? WHERE id = ?")) {
        if (fromSeq >= 0) {
          p.setLong(1, fromSeq);
        } else {
          p.setNull(1, java.sql.Types.INTEGER);
        }
        p.setLong(2, versionId);
        p.executeUpdate();
      }
      event(c, v.seriesId(), versionId, fromSeq >= 0 ? "shadow" : "unshadow", 0, by);
      return null;
    });
  }

  @Override
  public List<ModelEvent> events(long seriesId) {
    return base.reading("read the model history of series " + seriesId, c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT version_id,"
          + " action, previous_id, by_whom, at_ms FROM model_events WHERE series_id = ?"
          + " ORDER BY id")) {
        p.setLong(1, seriesId);
        List<ModelEvent> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            out.add(new ModelEvent(r.getLong(1), r.getString(2), r.getLong(3), r.getString(4),
                r.getLong(5)));
          }
        }
        return out;
      }
    });
  }

  private static void update(Connection c, String sql, long arg) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setLong(1, arg);
      p.executeUpdate();
    }
  }

  private static void event(Connection c, long seriesId, long versionId, String action,
      long previous, String by) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO model_events (series_id,"
        + " version_id, action, previous_id, by_whom, at_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
      p.setLong(1, seriesId);
      p.setLong(2, versionId);
      p.setString(3, action);
      if (previous > 0) {
        p.setLong(4, previous);
      } else {
        p.setNull(4, java.sql.Types.INTEGER);
      }
      p.setString(5, by);
      p.setLong(6, System.currentTimeMillis());
      p.executeUpdate();
    }
  }

  private List<ModelVersion> versions(String where, Object... args) {
    return base.reading("read the model registry", c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS
          + " FROM model_versions " + where)) {
        for (int i = 0; i < args.length; i++) {
          p.setObject(i + 1, args[i]);
        }
        List<ModelVersion> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            out.add(versionOf(r));
          }
        }
        return out;
      }
    });
  }

  private static ModelVersion versionOf(ResultSet r) throws SQLException {
    long shadow = r.getLong("shadow_from_seq");
    if (r.wasNull()) {
      shadow = -1;
    }
    ModelVersion.TrainingWindow w = new ModelVersion.TrainingWindow(
        r.getLong("trained_from_ms"), r.getLong("trained_to_ms"), r.getInt("points"),
        r.getLong("through_seq"), r.getString("data_sha256"), r.getString("source"),
        r.getInt("labels"));
    DetectorSpec spec;
    try {
      spec = DetectorSpec.parse(r.getString("spec"));
    } catch (IllegalArgumentException e) {
      throw new SQLException("model version " + r.getLong("id") + " has a spec this Vigil"
          + " does not know: " + e.getMessage(), e);
    }
    double figure = r.getDouble("figure");
    if (r.wasNull()) {
      figure = Double.NaN;
    }
    long[] spread = java.util.Arrays.stream(r.getString("spread").split(","))
        .mapToLong(Long::parseLong).toArray();
    ModelVersion.Validation val = new ModelVersion.Validation(r.getString("metric"), figure,
        r.getDouble("alert_rate"), spread, r.getString("report_json"));
    return new ModelVersion(r.getLong("id"), r.getLong("series_id"), r.getInt("version"), spec,
        r.getDouble("threshold"), r.getString("threshold_method"), w, val,
        r.getString("created_by"), r.getLong("created_ms"),
        ModelVersion.Status.valueOf(r.getString("status")), shadow);
  }
}
