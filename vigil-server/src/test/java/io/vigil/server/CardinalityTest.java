package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.detect.StreamingDetector;
import io.vigil.detect.catalog.StreamingDetectors;
import io.vigil.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many series on little memory: only the recently used are held (the rest checkpointed and
 * restored on their next point, detecting exactly as if they had stayed), and a configured
 * limit on series is refused by name, creating nothing.
 */
class CardinalityTest {
  private static final long T0 = 1_767_225_600_000L;
  private static final int SERIES = 12;
  private static final int POINTS = 400;

  @TempDir Path dir;

  private static double value(int series, int i, Random r) {
    return 10 * (series + 1) + Math.sin(i / 20.0) + r.nextGaussian() * 0.3
        + (i == 350 && series % 3 == 0 ? 15 : 0);
  }

  @Test
  void seriesBeyondTheMemoryLimit_waitAsCheckpoints_andDetectAsIfTheyHadStayed() {
    ServerConfig settings = ServerConfig.defaults().withAddress("127.0.0.1", 0)
        .withDataDir(dir).withSeriesInMemory(3);
    double[][] values = new double[SERIES][POINTS];
    Random r = new Random(8);
    for (int i = 0; i < POINTS; i++) {
      for (int s = 0; s < SERIES; s++) {
        values[s][i] = value(s, i, r);
      }
    }
    try (VigilServer server = VigilServer.start(settings)) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      // Each batch: ten points of four series, so the twelve take turns in memory.
      for (int i = 0; i < POINTS; i += 10) {
        for (int group = 0; group < SERIES; group += 4) {
          StringBuilder b = new StringBuilder("[");
          for (int s = group; s < group + 4; s++) {
            for (int k = i; k < i + 10; k++) {
              b.append(b.length() == 1 ? "" : ",").append("{\"series\":\"m\",\"labels\":{")
                  .append("\"n\":\"").append(s).append("\"},\"timestamp\":")
                  .append(T0 + k * 60_000L).append(",\"value\":").append(values[s][k])
                  .append('}');
            }
          }
          var answer = http.post("/api/v1/points", b.append(']').toString());
          assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        }
      }
      String metrics = http.get("/metrics").body();
      assertThat(metrics).contains("vigil_series " + SERIES + ".0")
          .contains("vigil_series_in_memory 3.0").containsPattern(
              "vigil_series_evicted_total [1-9]");
      JsonNode list = http.get("/api/v1/series").json().get("series");
      assertThat(list).hasSize(SERIES);
      // A page at a time, in and out of memory alike.
      JsonNode first = http.get("/api/v1/series?limit=5").json();
      assertThat(first.get("series")).hasSize(5);
      JsonNode second = http.get("/api/v1/series?limit=10&after=" + first.get("next").asLong())
          .json();
      assertThat(second.get("series")).hasSize(SERIES - 5);
      assertThat(second.has("next")).isFalse();
      assertThat(second.get("series").get(0).get("id").asLong()).isEqualTo(6);
      for (JsonNode s : list) {
        assertThat(s.get("status").asText()).isEqualTo("scored");
      }
      for (JsonNode s : list) {
        int n = Integer.parseInt(s.get("labels").get("n").asText());
        StreamingDetector reference = StreamingDetectors.create(StreamingDetectors.DEFAULT);
        JsonNode points = http.get("/api/v1/series/" + s.get("id").asLong()
            + "/points?from=2026-01-01T00:00:00Z").json().get("points");
        assertThat(points).hasSize(POINTS);
        for (int i = 0; i < POINTS; i++) {
          double expected = reference.process(T0 + i * 60_000L, values[n][i]).probability();
          assertThat(points.get(i).get("probability").asDouble()).as("series %d point %d", n,
              i).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void aBatchBeyondTheSeriesLimit_isRefusedByName_creatingNothing() {
    try (VigilServer server = VigilServer.start(ServerConfig.defaults()
        .withAddress("127.0.0.1", 0).withDataDir(dir).withLimits(0, 3))) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      assertThat(http.post("/api/v1/points", "[{\"series\":\"a\",\"timestamp\":1767225600,"
          + "\"value\":1},{\"series\":\"b\",\"timestamp\":1767225600,\"value\":1}]").status())
          .isEqualTo(200);
      var refused = http.post("/api/v1/points", "[{\"series\":\"a\",\"timestamp\":1767225660,"
          + "\"value\":1},{\"series\":\"c\",\"timestamp\":1767225600,\"value\":1},"
          + "{\"series\":\"d\",\"timestamp\":1767225600,\"value\":1}]");
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.json().get("error").asText()).contains("2 new series (c, ...)",
          "2 of at most 3 series exist (server.maxSeries)");
      assertThat(http.get("/api/v1/series").json().get("series")).hasSize(2);
      assertThat(http.post("/api/v1/points", "[{\"series\":\"c\",\"timestamp\":1767225600,"
          + "\"value\":1}]").status()).isEqualTo(200);
    }
  }
}
