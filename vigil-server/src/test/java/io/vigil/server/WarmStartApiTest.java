package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.config.DetectorRule;
import io.vigil.server.config.SeriesSelector;
import io.vigil.server.config.ServerConfig;
import io.vigil.server.config.VigilConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new host's series starts from its sibling's history when its rule asks: from its 31st
 * point its band is the sibling's mapped to its own level and spread, and a spike on its
 * first day is flagged; started cold, it still has a band four times as wide and calibrates
 * nothing yet.
 */
class WarmStartApiTest {
  private static final long START = 1_700_006_400_000L; // a midnight, UTC
  private static final long STEP = 300_000; // five minutes
  private static final int DAY = 288;

  @TempDir Path dir;

  private VigilConfig config(Path data, boolean warmStart) {
    return new VigilConfig(ServerConfig.defaults().withAddress("127.0.0.1", 0)
        .withDataDir(data), List.of(new DetectorRule(new SeriesSelector("cpu", Map.of()),
            "default", warmStart)), List.of(), List.of());
  }

  /** A daily cycle: level + amplitude · sin(day) + noise. */
  private static String points(String host, int from, int n, double level, double amplitude,
      double noise, long seed, int spikeAt) {
    Random r = new Random(seed);
    StringBuilder b = new StringBuilder("[");
    for (int i = from; i < from + n; i++) {
      double v = level + amplitude * Math.sin(2 * Math.PI * i / DAY) + noise * r.nextGaussian()
          + (i == spikeAt ? 15 * noise + amplitude : 0);
      b.append(i == from ? "" : ",").append("{\"series\":\"cpu\",\"labels\":{\"host\":\"")
          .append(host).append("\"},\"timestamp\":").append(START + i * STEP)
          .append(",\"value\":").append(v).append('}');
    }
    return b.append(']').toString();
  }

  private JsonNode newHostsFirstHours(boolean warmStart) {
    try (VigilServer server = VigilServer.start(config(dir.resolve("w" + warmStart),
        warmStart))) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      assertThat(http.post("/api/v1/points", points("a", 0, 3 * DAY, 50, 10, 1, 1, -1))
          .status()).isEqualTo(200);
      // host b appears on day 4 at four times a's level and spread
      int b0 = 3 * DAY;
      assertThat(http.post("/api/v1/points", points("b", b0, 30, 200, 40, 4, 2, -1)).status())
          .isEqualTo(200);
      assertThat(http.post("/api/v1/points", points("b", b0 + 30, 40, 200, 40, 4, 3, b0 + 60))
          .status()).isEqualTo(200);
      return http.get("/api/v1/series/2/points?limit=1000").json().get("points");
    }
  }

  @Test
  void warmStarted_theNewSeriesHasABandAtOnce_andFlagsItsFirstDaysSpike() {
    JsonNode p = newHostsFirstHours(true);
    assertThat(p).hasSize(70);
    for (int i = 30; i < 70; i++) {
      JsonNode point = p.get(i);
      double width = point.get("upper").asDouble() - point.get("lower").asDouble();
      assertThat(width).as("point %d's band", i).isBetween(10.0, 60.0); // noise 4, cycle 40
      if (i != 60) {
        assertThat(point.get("probability").asDouble()).as("point %d", i).isLessThan(0.999);
      }
    }
    assertThat(p.get(60).get("probability").asDouble()).as("the spike").isGreaterThan(0.999);
  }

  @Test
  void cold_theNewSeriesStillHasAWideBand_andMissesTheSpike() {
    JsonNode p = newHostsFirstHours(false);
    for (int i = 30; i < 70; i++) {
      JsonNode point = p.get(i);
      assertThat(point.get("upper").asDouble() - point.get("lower").asDouble())
          .as("point %d's band", i).isGreaterThan(100.0);
    }
    assertThat(p.get(60).get("probability").asDouble()).isLessThan(0.999);
  }
}
