package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's routes as any client reads them: ranking, swim lane, downsampled chart. */
class DashboardApiTest {
  private static final long MINUTE = 60_000;
  @TempDir Path dir;

  private static String hosts(long endMs) {
    Random random = new Random(3);
    StringBuilder b = new StringBuilder("[");
    int n = 3000;
    for (int h = 1; h <= 3; h++) {
      for (int i = 0; i < n; i++) {
        double v = 50 + 3 * random.nextGaussian();
        if (i == n - 30) {
          v = h == 2 ? 400 : h == 3 ? 120 : v; // web2 far beyond, web3 less so, web1 quiet
        }
        b.append(b.length() == 1 ? "" : ",").append("{\"series\":\"queue_depth\",\"labels\":"
            + "{\"host\":\"web").append(h).append("\",\"dc\":\"eu\"},\"timestamp\":")
            .append(endMs - (n - 1 - i) * MINUTE).append(",\"value\":").append(v).append('}');
      }
    }
    return b.append(']').toString();
  }

  @Test
  void theRankingTheSwimLaneAndTheChart_sayWhatTheStoreHolds() {
    long now = System.currentTimeMillis() / MINUTE * MINUTE;
    try (VigilServer server = VigilServer.start(ServerConfig.defaults()
        .withAddress("127.0.0.1", 0).withDataDir(dir))) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      assertThat(http.post("/api/v1/points", hosts(now)).status()).isEqualTo(200);

      JsonNode ranked = http.get("/api/v1/now?window=2h").json();
      JsonNode first = ranked.get("entries").get(0);
      assertThat(first.get("labels").get("host").asText()).isEqualTo("web2");
      assertThat(first.get("sinceMs").asLong()).isEqualTo(now - 29 * MINUTE);
      assertThat(first.get("maxProbability").asDouble()).isGreaterThan(0.999);
      double previous = 1;
      for (JsonNode e : ranked.get("entries")) {
        assertThat(e.get("maxProbability").asDouble()).isLessThanOrEqualTo(previous);
        previous = e.get("maxProbability").asDouble();
      }
      assertThat(http.get("/api/v1/now?window=2h&q=WEB3").json().get("entries"))
          .allMatch(e -> e.get("labels").get("host").asText().equals("web3"));
      assertThat(http.get("/api/v1/now?window=2h&limit=1&offset=1").json().get("entries"))
          .hasSizeLessThanOrEqualTo(1);

      JsonNode lane = http.get("/api/v1/swimlane?window=2h&buckets=24&groupBy=host").json();
      assertThat(lane.get("bucketMs").asLong()).isEqualTo(5 * MINUTE);
      JsonNode top = lane.get("rows").get(0);
      assertThat(top.get("entity").asText()).isEqualTo("web2");
      assertThat(top.get("cells")).hasSize(24);
      // The jump 29 minutes ago falls in the sixth cell from the end.
      assertThat(top.get("cells").get(18).asDouble()).isGreaterThan(0.999);
      assertThat(http.get("/api/v1/swimlane?window=2h&groupBy=zone").json().get("rows"))
          .isEmpty();

      long id = first.get("id").asLong();
      JsonNode chart = http.get("/api/v1/series/" + id + "/chart?width=100").json();
      JsonNode buckets = chart.get("buckets");
      assertThat(buckets.size()).isBetween(90, 100);
      long points = 0;
      double highest = 0;
      for (JsonNode b : buckets) {
        points += b.get("points").asLong();
        highest = Math.max(highest, b.get("max").asDouble());
        assertThat(b.get("min").asDouble()).isLessThanOrEqualTo(b.get("max").asDouble());
      }
      assertThat(points).isEqualTo(3000);
      assertThat(highest).isEqualTo(400);
      assertThat(chart.get("anomalies")).anyMatch(a -> a.get("value").asDouble() == 400);
      JsonNode zoomed = http.get("/api/v1/series/" + id + "/chart?width=1000&from="
          + (now - 40 * MINUTE) + "&to=" + (now - 20 * MINUTE)).json();
      assertThat(zoomed.get("buckets")).hasSize(21); // one bucket per point when they fit

      assertThat(http.get("/api/v1/series/" + id + "/chart?width=5").status()).isEqualTo(400);
      assertThat(http.get("/api/v1/series/" + id + "/chart?width=5").json().get("error")
          .asText()).isEqualTo("width must be a whole number from 10 to 4000, was '5'");
      assertThat(http.get("/api/v1/now?window=soon").status()).isEqualTo(400);
      assertThat(http.get("/api/v1/series/99/chart").status()).isEqualTo(404);
      assertThat(http.get("/api/v1/alerts/7/series").status()).isEqualTo(404);
      assertThat(http.get("/").body()).contains("<title>Vigil</title>");
      assertThat(http.get("/assets/app.js").status()).isEqualTo(200);
      assertThat(http.get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").status())
          .isEqualTo(200);
    }
  }
}
