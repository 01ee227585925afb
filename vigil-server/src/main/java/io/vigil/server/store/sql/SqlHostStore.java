package io.vigil.server.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.detect.DetectorState;
import io.vigil.server.host.HostStore;
import io.vigil.server.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Host rows and checkpoints in the same SQLite file as the points, under the same lock. */
final class SqlHostStore implements HostStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<Contributor>> CONTRIBUTORS = new TypeReference<>() {};
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<Map<String, Double>> VALUES = new TypeReference<>() {};

  private final SqlStore base;

  SqlHostStore(SqlStore base) {
    this.base = base;
  }

  @Override
  public void appendRow(HostRow row) {
    base.inTransaction("store a row of host " + row.host(), c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO host_rows"
          + " (rule, host, timestamp_ms, status, score, probability, contributors_json)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (rule, host, timestamp_ms) DO UPDATE"
          + " SET status = excluded.status, score = excluded.score,"
          + " probability = excluded.probability,"
          + " contributors_json = excluded.contributors_json")) {
        p.setString(1, row.rule());
        p.setString(2, row.host());
        p.setLong(3, row.timestampMs());
        p.setString(4, row.status());
        if (Double.isFinite(row.score())) {
          p.setDouble(5, row.score());
        } else {
          p.setNull(5, java.sql.Types.DOUBLE);
        }
        p.setDouble(6, row.probability());
        p.setString(7, JSON.writeValueAsString(row.contributors()));
        p.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public List<HostRow> anomalousRows(long fromMs, long untilMs, double minProbability,
      int limit) {
    return base.reading("read the hosts' rows", c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT timestamp_ms,"
          + " status, score, probability, contributors_json, rule, host FROM host_rows WHERE"
          + " timestamp_ms >= ? AND timestamp_ms <= ? AND probability >= ?"
          + " ORDER BY probability DESC, timestamp_ms DESC LIMIT ?")) {
        p.setLong(1, fromMs);
        p.setLong(2, untilMs);
        p.setDouble(3, minProbability);
        p.setInt(4, limit);
        List<HostRow> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            out.add(row(r, r.getString(6), r.getString(7)));
          }
        }
        return out;
      }
    });
  }

  /** A row from a SELECT of timestamp_ms, status, score, probability, contributors_json. */
  private static HostRow row(ResultSet r, String rule, String host)
      throws SQLException, JsonProcessingException {
    double score = r.getDouble(3);
    return new HostRow(rule, host, r.getLong(1), r.getString(2),
        r.wasNull() ? Double.NaN : score, r.getDouble(4),
        JSON.readValue(r.getString(5), CONTRIBUTORS));
  }

  @Override
  public List<HostRow> rows(String rule, String host, int limit) {
    return base.reading("read the rows of host " + host, c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT timestamp_ms,"
          + " status, score, probability, contributors_json FROM host_rows WHERE rule = ? AND"
          + " host = ? ORDER BY timestamp_ms DESC LIMIT ?")) {
        p.setString(1, rule);
        p.setString(2, host);
        p.setInt(3, limit);
        List<HostRow> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            out.add(row(r, rule, host));
          }
        }
        Collections.reverse(out);
        return out;
      }
    });
  }

  @Override
  public void saveStates(List<HostState> states, int keep) {
    base.inTransaction("checkpoint " + states.size() + " hosts", c -> {
      try (PreparedStatement save = c.prepareStatement("INSERT INTO host_states"
          + " (rule, host, metrics_json, last_json, step_ms, judged, algorithm, version, state)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (rule, host) DO UPDATE"
          + " SET metrics_json = excluded.metrics_json, last_json = excluded.last_json,"
          + " step_ms = excluded.step_ms, judged = excluded.judged,"
          + " algorithm = excluded.algorithm, version = excluded.version,"
          + " state = excluded.state");
          PreparedStatement prune = c.prepareStatement("DELETE FROM host_rows"
              + " WHERE rule = ? AND host = ? AND timestamp_ms < (SELECT MIN(timestamp_ms) FROM"
              + " (SELECT timestamp_ms FROM host_rows WHERE rule = ? AND host = ? ORDER BY"
              + " timestamp_ms DESC LIMIT ?) newest)")) {
        for (HostState s : states) {
          save.setString(1, s.rule());
          save.setString(2, s.host());
          save.setString(3, JSON.writeValueAsString(s.metrics()));
          save.setString(4, JSON.writeValueAsString(s.last()));
          save.setLong(5, s.stepMs());
          save.setLong(6, s.judged());
          save.setString(7, s.detector().algorithm());
          save.setInt(8, s.detector().formatVersion());
          save.setBytes(9, s.detector().bytes());
          save.addBatch();
          prune.setString(1, s.rule());
          prune.setString(2, s.host());
          prune.setString(3, s.rule());
          prune.setString(4, s.host());
          prune.setInt(5, keep);
          prune.addBatch();
        }
        save.executeBatch();
        prune.executeBatch();
      }
      return null;
    });
  }

  @Override
  public List<HostState> states() {
    return base.reading("read host checkpoints", c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT rule, host,"
          + " metrics_json, last_json, step_ms, judged, algorithm, version, state FROM"
          + " host_states ORDER BY rule, host"); ResultSet r = p.executeQuery()) {
        List<HostState> out = new ArrayList<>();
        while (r.next()) {
          out.add(new HostState(r.getString(1), r.getString(2),
              JSON.readValue(r.getString(3), STRINGS), JSON.readValue(r.getString(4), VALUES),
              r.getLong(5), r.getLong(6), new DetectorState(r.getString(7), r.getInt(8),
                  r.getBytes(9))));
        }
        return out;
      }
    });
  }
}
