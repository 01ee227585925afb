package io.vigil.server.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.correlate.RootCause;
import io.vigil.detect.Direction;
import io.vigil.server.alert.Alert;
import io.vigil.server.alert.AlertStore;
import io.vigil.server.alert.AlertView;
import io.vigil.server.alert.Delivery;
import io.vigil.server.alert.Silence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Alerts, deliveries and silences in the same SQLite file, under the same lock. */
final class SqlAlertStore implements AlertStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {};
  private static final TypeReference<List<RootCause.Cause>> CAUSES = new TypeReference<>() {};
  private static final String ALERT_COLUMNS = "id, rule, labels_json, state, starts_ms,"
      + " fired_ms, ends_ms, last_anomaly_ms, max_probability, anomalies, last_value,"
      + " last_expected, last_direction, summary, causes_json";

  private final SqlStore base;

  SqlAlertStore(SqlStore base) {
    this.base = base;
  }

  @Override
  public long saveAlert(AlertView a) {
    return base.inTransaction("save alert " + a.rule(), c -> {
      String labels = JSON.writeValueAsString(a.labels());
      PreparedStatement p = a.id() == 0
          ? c.prepareStatement("INSERT INTO alerts (rule, group_key, labels_json, state,"
              + " starts_ms, fired_ms, ends_ms, last_anomaly_ms, max_probability, anomalies,"
              + " last_value, last_expected, last_direction, summary, causes_json) VALUES (?, ?,"
              + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)
          : c.prepareStatement("UPDATE alerts SET rule = ?, group_key = ?, labels_json = ?,"
              + " state = ?, starts_ms = ?, fired_ms = ?, ends_ms = ?, last_anomaly_ms = ?,"
              + " max_probability = ?, anomalies = ?, last_value = ?, last_expected = ?,"
              + " last_direction = ?, summary = ?, causes_json = ? WHERE id = ?");
      try (p) {
        p.setString(1, a.rule());
        p.setString(2, a.rule() + labels);
        p.setString(3, labels);
        p.setString(4, a.state().name());
        p.setLong(5, a.startsMs());
        setTime(p, 6, a.firedMs());
        setTime(p, 7, a.endsMs());
        p.setLong(8, a.lastAnomalyMs());
        p.setDouble(9, a.maxProbability());
        p.setLong(10, a.anomalies());
        setReal(p, 11, a.lastValue());
        setReal(p, 12, a.lastExpected());
        p.setString(13, a.lastDirection().name());
        p.setString(14, a.summary());
        p.setString(15, a.causes().isEmpty() ? null : JSON.writeValueAsString(a.causes()));
        long id = a.id();
        if (id != 0) {
          p.setLong(16, id);
          p.executeUpdate();
        } else {
          p.executeUpdate();
          try (ResultSet keys = p.getGeneratedKeys()) {
            keys.next();
            id = keys.getLong(1);
          }
        }
        return id;
      }
    });
  }

  private static void setTime(PreparedStatement p, int i, long ms) throws SQLException {
    if (ms == Long.MIN_VALUE) {
      p.setNull(i, Types.INTEGER);
    } else {
      p.setLong(i, ms);
    }
  }

  private static void setReal(PreparedStatement p, int i, double v) throws SQLException {
    if (Double.isFinite(v)) {
      p.setDouble(i, v);
    } else {
      p.setNull(i, Types.DOUBLE);
    }
  }

  @Override
  public List<AlertView> activeAlerts() {
    return alertQuery("SELECT " + ALERT_COLUMNS + " FROM alerts WHERE state IN ('PENDING',"
        + " 'FIRING') ORDER BY id");
  }

  @Override
  public List<AlertView> alerts(Alert.State state, int limit) {
    return state == null
        ? alertQuery("SELECT " + ALERT_COLUMNS + " FROM alerts ORDER BY id DESC LIMIT ?", limit)
        : alertQuery("SELECT " + ALERT_COLUMNS + " FROM alerts WHERE state = ? ORDER BY id DESC"
            + " LIMIT ?", state.name(), limit);
  }

  @Override
  public Optional<AlertView> alert(long id) {
    return alertQuery("SELECT " + ALERT_COLUMNS + " FROM alerts WHERE id = ?", id).stream()
        .findFirst();
  }

  private List<AlertView> alertQuery(String sql, Object... args) {
    return base.reading("read alerts", c -> {
      try (PreparedStatement p = c.prepareStatement(sql)) {
        for (int i = 0; i < args.length; i++) {
          p.setObject(i + 1, args[i]);
        }
        List<AlertView> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            out.add(new AlertView(r.getLong("id"), r.getString("rule"),
                JSON.readValue(r.getString("labels_json"), MAP),
                Alert.State.valueOf(r.getString("state")), r.getLong("starts_ms"),
                time(r, "fired_ms"), time(r, "ends_ms"), r.getLong("last_anomaly_ms"),
                r.getDouble("max_probability"), r.getLong("anomalies"), real(r, "last_value"),
                real(r, "last_expected"), Direction.valueOf(r.getString("last_direction")),
                r.getString("summary"), causes(r.getString("causes_json"))));
          }
        }
        return out;
      }
    });
  }

  private static List<RootCause.Cause> causes(String json) throws JsonProcessingException {
    return json == null ? List.of() : JSON.readValue(json, CAUSES);
  }

  private static long time(ResultSet r, String column) throws SQLException {
    long v = r.getLong(column);
    return r.wasNull() ? Long.MIN_VALUE : v;
  }

  private static double real(ResultSet r, String column) throws SQLException {
    double v = r.getDouble(column);
    return r.wasNull() ? Double.NaN : v;
  }

  @Override
  public void recordDelivery(Delivery d) {
    base.inTransaction("record a delivery", c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO deliveries"
          + " (alert_id, notifier, event, attempt, outcome, http_status, error, at_ms)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        p.setLong(1, d.alertId());
        p.setString(2, d.notifier());
        p.setString(3, d.event());
        p.setInt(4, d.attempt());
        p.setString(5, d.outcome());
        p.setInt(6, d.httpStatus());
        p.setString(7, d.error());
        p.setLong(8, d.atMs());
        return p.executeUpdate();
      }
    });
  }

  @Override
  public List<Delivery> deliveries(long alertId) {
    return base.reading("read deliveries", c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT alert_id, notifier,"
          + " event, attempt, outcome, http_status, error, at_ms FROM deliveries WHERE"
          + " alert_id = ? ORDER BY id")) {
        p.setLong(1, alertId);
        List<Delivery> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            out.add(new Delivery(r.getLong(1), r.getString(2), r.getString(3), r.getInt(4),
                r.getString(5), r.getInt(6), r.getString(7), r.getLong(8)));
          }
        }
        return out;
      }
    });
  }

  @Override
  public Silence addSilence(Silence s) {
    return base.inTransaction("add a silence", c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO silences"
          + " (matchers_json, starts_ms, ends_ms, comment, created_ms) VALUES (?, ?, ?, ?, ?)",
          Statement.RETURN_GENERATED_KEYS)) {
        p.setString(1, JSON.writeValueAsString(new TreeMap<>(s.matchers())));
        p.setLong(2, s.startsMs());
        p.setLong(3, s.endsMs());
        p.setString(4, s.comment());
        p.setLong(5, System.currentTimeMillis());
        p.executeUpdate();
        long id;
        try (ResultSet keys = p.getGeneratedKeys()) {
          keys.next();
          id = keys.getLong(1);
        }
        return new Silence(id, s.matchers(), s.startsMs(), s.endsMs(), s.comment());
      }
    });
  }

  @Override
  public List<Silence> silences(long nowMs) {
    return base.reading("read silences", c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT id, matchers_json,"
          + " starts_ms, ends_ms, comment FROM silences WHERE ends_ms > ? ORDER BY id")) {
        p.setLong(1, nowMs);
        List<Silence> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            Map<String, String> m = JSON.readValue(r.getString(2), MAP);
            out.add(new Silence(r.getLong(1), m, r.getLong(3), r.getLong(4), r.getString(5)));
          }
        }
        return out;
      }
    });
  }

  @Override
  public boolean expireSilence(long id, long nowMs) {
    return base.inTransaction("expire silence " + id, c -> {
      try (PreparedStatement p = c.prepareStatement(
          "UPDATE silences SET ends_ms = ? WHERE id = ? AND ends_ms > ?")) {
        p.setLong(1, nowMs);
        p.setLong(2, id);
        p.setLong(3, nowMs);
        return p.executeUpdate() > 0;
      }
    });
  }
}
