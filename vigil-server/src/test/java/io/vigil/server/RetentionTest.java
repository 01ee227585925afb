package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.config.Retention;
import io.vigil.server.config.ServerConfig;
import io.vigil.server.config.VigilConfig;
import io.vigil.server.store.sql.SqlStores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code retention:} deletes each kind of data once it is older than its period, keeps what
 * the detectors still need, and leaves the series working.
 */
class RetentionTest {
  private static final long DAY = 86_400_000L;
  @TempDir Path dir;

  private static String batch(String series, long start, int n, long seed) {
    Random r = new Random(seed);
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append("{\"series\":\"").append(series)
          .append("\",\"timestamp\":").append(start + i * 60_000L).append(",\"value\":")
          .append(50 + 5 * r.nextGaussian()).append('}');
    }
    return b.append(']').toString();
  }

  private long count(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:"
        + dir.resolve(SqlStores.SQLITE_FILE)); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:"
        + dir.resolve(SqlStores.SQLITE_FILE)); Statement s = c.createStatement()) {
      s.executeUpdate(statement);
    }
  }

  @Test
  void oldPointsEventsAndAlertsGo_recentOnesStay_andTheSeriesCarriesOn() throws Exception {
    long now = System.currentTimeMillis();
    long old = now - 200 * DAY;
    ServerConfig server = ServerConfig.defaults().withAddress("127.0.0.1", 0).withDataDir(dir);
    try (VigilServer vigil = VigilServer.start(VigilConfig.of(server))) {
      HttpClientSupport http = new HttpClientSupport(vigil.port());
      // Six filings of 500 points, 200 days old, then 500 points of the last day.
      for (int i = 0; i < 6; i++) {
        assertThat(http.post("/api/v1/points", batch("cpu", old + i * 500 * 60_000L, 500, i))
            .status()).isEqualTo(200);
        Thread.sleep(1_100); // filed as its own chunk
      }
      assertThat(http.post("/api/v1/points", batch("cpu", now - DAY, 500, 9)).status())
          .isEqualTo(200);
      // A series that only ever had old points keeps its newest chunk.
      assertThat(http.post("/api/v1/points", batch("idle", old, 500, 7)).status())
          .isEqualTo(200);
      assertThat(http.post("/api/v1/events", "[{\"timestamp\": " + old + ", \"user\": \"a\"},"
          + " {\"timestamp\": " + (now - DAY) + ", \"user\": \"b\"}]").status()).isEqualTo(200);
    }
    // An alert that ended 100 days ago with its delivery, one that ended yesterday, and a
    // silence that expired 100 days ago.
    sql("INSERT INTO alerts (id, rule, group_key, labels_json, state, starts_ms, ends_ms,"
        + " last_anomaly_ms, max_probability, anomalies) VALUES (901, 'r', 'g', '{}',"
        + " 'RESOLVED', " + (now - 101 * DAY) + ", " + (now - 100 * DAY) + ", 0, 1, 1)");
    sql("INSERT INTO deliveries (alert_id, notifier, event, attempt, outcome, at_ms) VALUES"
        + " (901, 'w', 'firing', 1, 'delivered', " + (now - 101 * DAY) + ")");
    sql("INSERT INTO alerts (id, rule, group_key, labels_json, state, starts_ms, ends_ms,"
        + " last_anomaly_ms, max_probability, anomalies) VALUES (902, 'r', 'g', '{}',"
        + " 'RESOLVED', " + (now - 2 * DAY) + ", " + (now - DAY) + ", 0, 1, 1)");
    sql("INSERT INTO silences (matchers_json, starts_ms, ends_ms, comment, created_ms) VALUES"
        + " ('{}', " + (now - 101 * DAY) + ", " + (now - 100 * DAY) + ", 'old', 0)");
    long chunksBefore = count("SELECT COUNT(*) FROM point_chunks WHERE series_id = 1");
    assertThat(chunksBefore).isGreaterThanOrEqualTo(7);

    VigilConfig config = VigilConfig.of(server).withRetention(
        new Retention(Duration.ofDays(30), Duration.ofDays(30), Duration.ofDays(30)));
    try (VigilServer vigil = VigilServer.start(config)) {
      Map<String, Long> deleted = vigil.applyRetention();
      assertThat(deleted.get("events")).isEqualTo(1);
      assertThat(deleted.get("alerts")).isEqualTo(2); // the old alert and the old silence
      // cpu: every old chunk but none of the last day's; idle: nothing (its newest chunk).
      assertThat(count("SELECT MIN(min_ts) FROM point_chunks WHERE series_id = 1"))
          .isGreaterThanOrEqualTo(now - DAY);
      assertThat(count("SELECT SUM(last_seq - first_seq + 1) FROM point_chunks WHERE"
          + " series_id = 1")).isEqualTo(500);
      assertThat(count("SELECT SUM(last_seq - first_seq + 1) FROM point_chunks WHERE"
          + " series_id = 2")).isEqualTo(500);
      assertThat(deleted.get("points")).isGreaterThanOrEqualTo(chunksBefore - 1);
      assertThat(count("SELECT COUNT(*) FROM events")).isEqualTo(1);
      assertThat(count("SELECT COUNT(*) FROM alerts")).isEqualTo(1);
      assertThat(count("SELECT COUNT(*) FROM deliveries WHERE alert_id = 901")).isZero();
      assertThat(count("SELECT COUNT(*) FROM silences")).isZero();
      // A second pass has nothing left to do.
      assertThat(vigil.applyRetention().values()).containsOnly(0L);

      HttpClientSupport http = new HttpClientSupport(vigil.port());
      assertThat(http.get("/metrics").body())
          .containsPattern("vigil_retention_deleted_total\\{kind=\"events\"} 1\\.0");
      // The series goes on numbering and judging its points.
      assertThat(http.post("/api/v1/points", batch("cpu", now - DAY + 500 * 60_000L, 10, 3))
          .status()).isEqualTo(200);
      var points = http.get("/api/v1/series/1/points?limit=10000").json().get("points");
      assertThat(points).hasSize(510);
    }
  }
}
