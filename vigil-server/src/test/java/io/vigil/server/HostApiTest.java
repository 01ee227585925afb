package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.config.AlertRule;
import io.vigil.server.config.HostRule;
import io.vigil.server.config.SeriesSelector;
import io.vigil.server.config.ServerConfig;
import io.vigil.server.config.VigilConfig;
import io.vigil.server.store.StoreLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host-level detection through the HTTP API: a host's CPU, requests and latency judged
 * together, a row per step; a CPU busy while requests stay low is flagged, the API names the
 * two metrics whose relationship broke, and an alert rule on {@code vigil_host} alerts.
 */
class HostApiTest {
  /** Where the service under test keeps its data (a subclass runs these tests on PostgreSQL). */
  StoreLocation store() {
    return StoreLocation.EMBEDDED;
  }

  /** The defaults, with the data kept at {@link #store}. */
  ServerConfig defaults() {
    return ServerConfig.defaults().withStore(store());
  }

  private static final long START = 1_700_000_000_000L;
  private static final long STEP = 60_000;

  @TempDir Path dir;

  private static void step(StringBuilder b, String host, int i, double cpu, double requests,
      double latency) {
    for (Object[] m : new Object[][] {{"cpu", cpu}, {"requests", requests},
        {"latency", latency}}) {
      b.append(b.length() == 1 ? "" : ",").append("{\"series\":\"").append(m[0])
          .append("\",\"labels\":{\"instance\":\"").append(host).append("\"},\"timestamp\":")
          .append(START + i * STEP).append(",\"value\":").append(m[1]).append('}');
    }
  }

  @Test
  void aBrokenRelationshipBetweenAHostsMetrics_isFlagged_andItsMetricNamed() {
    AlertRule hostAlerts = new AlertRule("host-anomaly", new SeriesSelector("vigil_host",
        Map.of()), 0.999, java.time.Duration.ZERO, List.of("instance"),
        java.time.Duration.ofHours(1));
    VigilConfig config = new VigilConfig(defaults().withAddress("127.0.0.1", 0)
        .withDataDir(dir), List.of(), List.of(hostAlerts), List.of()).withHosts(List.of(
            new HostRule("nodes", new SeriesSelector("cpu|requests|latency", Map.of()),
                "instance")));
    int n = 1260; // the trough of the load's cycle: load 60, CPU 30
    try (VigilServer server = VigilServer.start(config)) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      Random r = new Random(5);
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i <= n; i++) {
        double load = 100 + 40 * Math.sin(2 * Math.PI * i / 720) + 3 * r.nextGaussian();
        // At step n the CPU is 25 busier (55) while requests stay at 60: within CPU's own
        // daily range (30 to 70), but not what it is at this load.
        double cpu = 0.5 * load + r.nextGaussian() + (i == n ? 25 : 0);
        step(b, "web-1", i, cpu, load + r.nextGaussian(), 10 + 0.05 * load
            + 0.2 * r.nextGaussian());
      }
      step(b, "web-1", n + 1, 50, 100, 15); // closes step n
      assertThat(http.post("/api/v1/points", b.append(']').toString()).status())
          .isEqualTo(200);

      JsonNode host = http.get("/api/v1/hosts").json().get("hosts").get(0);
      assertThat(host.get("rule").asText()).isEqualTo("nodes");
      assertThat(host.get("host").asText()).isEqualTo("web-1");
      assertThat(host.get("metrics")).hasSize(3);
      assertThat(host.get("rows").asLong()).isEqualTo(n + 1);

      JsonNode rows = http.get("/api/v1/hosts/nodes/web-1/rows?limit=200").json().get("rows");
      assertThat(rows).hasSize(200);
      JsonNode broken = rows.get(199);
      assertThat(broken.get("timestampMs").asLong()).isEqualTo(START + n * STEP);
      assertThat(broken.get("probability").asDouble()).isGreaterThan(0.999);
      // The two metrics whose relationship broke lead the contributors, whichever the Gaussian
      // blames more (CPU is too high for the requests, or the requests too low for the CPU).
      JsonNode top = broken.get("contributors");
      assertThat(List.of(top.get(0).get("metric").asText(), top.get(1).get("metric").asText()))
          .containsExactlyInAnyOrder("cpu", "requests");
      assertThat(top.get(0).get("share").asDouble() + top.get(1).get("share").asDouble())
          .isGreaterThan(0.8);
      int quietAlarms = 0;
      for (int i = 0; i < 199; i++) {
        quietAlarms += rows.get(i).get("probability").asDouble() >= 0.999 ? 1 : 0;
      }
      assertThat(quietAlarms).as("alarms among the 199 normal rows before").isLessThanOrEqualTo(1);
      assertThat(http.get("/api/v1/hosts/nodes/web-2/rows").status()).isEqualTo(404);

      // The dashboard's Now list names the host and what deviated.
      JsonNode hot = http.get("/api/v1/now?window=1h&until=" + (START + n * STEP))
          .json().get("hosts").get(0);
      assertThat(hot.get("host").asText()).isEqualTo("web-1");
      assertThat(hot.get("rule").asText()).isEqualTo("nodes");
      assertThat(hot.get("lastAnomalyMs").asLong()).isEqualTo(START + n * STEP);
      assertThat(hot.get("contributors").get(0).get("metric").asText()).isIn("cpu", "requests");

      // An alert rule on vigil_host alerts on the host, naming the pair as probable origins.
      JsonNode alert = http.get("/api/v1/alerts").json().get("alerts").get(0);
      assertThat(alert.get("rule").asText()).isEqualTo("host-anomaly");
      assertThat(alert.get("labels").get("instance").asText()).isEqualTo("web-1");
      assertThat(alert.get("causes").get(0).get("name").asText()).isIn("cpu", "requests");
      assertThat(alert.get("summary").asText()).contains("probable origin");
    }

    // After a restart the host resumes from its checkpoint: its rows are still there, and its
    // next row is judged at once (a fresh detector would be warming up).
    try (VigilServer server = VigilServer.start(config)) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      JsonNode host = http.get("/api/v1/hosts").json().get("hosts").get(0);
      assertThat(host.get("rows").asLong()).isEqualTo(n + 1);
      assertThat(host.get("latest").get("timestampMs").asLong()).isEqualTo(START + n * STEP);
      StringBuilder b = new StringBuilder("[");
      step(b, "web-1", n + 2, 50, 100, 15);
      step(b, "web-1", n + 3, 50, 100, 15);
      assertThat(http.post("/api/v1/points", b.append(']').toString()).status())
          .isEqualTo(200);
      JsonNode rows = http.get("/api/v1/hosts/nodes/web-1/rows?limit=5").json().get("rows");
      assertThat(rows).hasSize(5);
      assertThat(rows.get(4).get("timestampMs").asLong()).isEqualTo(START + (n + 2) * STEP);
      assertThat(rows.get(4).get("status").asText()).isEqualTo("scored");
    }
  }
}
