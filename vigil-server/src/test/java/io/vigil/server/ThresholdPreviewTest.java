package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The threshold manager's API: a threshold previewed on the stored history (alerts it would
 * have raised, labelled incidents it would have caught), then saved as a version.
 */
class ThresholdPreviewTest {
  private static final long START = 1_700_000_000_000L;
  private static final long MINUTE = 60_000;
  private static final int[] SPIKES = {600, 1500, 2400};
  @TempDir Path dir;

  @Test
  void aPreviewCountsTheAlertsAndIncidents_andSavingMakesAVersionThatJudges() {
    try (VigilServer server = VigilServer.start(ServerConfig.defaults()
        .withAddress("127.0.0.1", 0).withDataDir(dir))) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      Random random = new Random(4);
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < 3000; i++) {
        final int at = i;
        boolean spike = java.util.Arrays.stream(SPIKES).anyMatch(s -> s == at);
        b.append(i == 0 ? "" : ",").append("{\"series\":\"errors\",\"timestamp\":")
            .append(START + i * MINUTE).append(",\"value\":")
            .append(spike ? 300 << (i / 900) : 20 + random.nextGaussian()).append('}');
      }
      assertThat(http.post("/api/v1/points", b.append(']').toString()).status())
          .isEqualTo(200);
      // Three spikes 15 hours apart, each twice the last; the middle one was a real incident.
      assertThat(http.post("/api/v1/feedback", "{\"verdict\":\"missed\",\"series\":1,"
          + "\"from\":" + (START + 1495 * MINUTE) + ",\"to\":" + (START + 1505 * MINUTE) + "}")
          .status()).isEqualTo(201);

      JsonNode strict = http.get("/api/v1/series/1/threshold?probability=0.999").json();
      assertThat(strict.get("points").asInt()).isEqualTo(3000);
      assertThat(strict.get("detector").asText()).startsWith("default");
      JsonNode proposed = strict.get("proposed");
      List<Long> starts = new ArrayList<>();
      proposed.get("alertStartsMs").forEach(n -> starts.add(n.asLong()));
      for (int s : SPIKES) {
        assertThat(starts).contains(START + s * MINUTE);
      }
      assertThat(proposed.get("alerts").asInt()).isEqualTo(starts.size());
      assertThat(proposed.get("incidents").asInt()).isEqualTo(1);
      assertThat(proposed.get("incidentsCaught").asInt()).isEqualTo(1);
      assertThat(strict.get("current").get("threshold").asDouble()).isEqualTo(0.999);

      JsonNode loose = http.get("/api/v1/series/1/threshold?probability=0.9").json();
      JsonNode stricter = http.get("/api/v1/series/1/threshold?probability=0.99999999")
          .json();
      assertThat(stricter.get("proposed").get("alerts").asInt())
          .isLessThan(proposed.get("alerts").asInt());
      assertThat(loose.get("proposed").get("alerts").asInt())
          .isGreaterThan(proposed.get("alerts").asInt());
      assertThat(loose.get("proposed").get("flaggedPoints").asLong())
          .isGreaterThan(proposed.get("flaggedPoints").asLong());

      JsonNode saved = http.post("/api/v1/series/1/threshold",
          "{\"probability\": 0.99999999}").json();
      assertThat(saved.get("status").asText()).isEqualTo("champion");
      assertThat(saved.get("thresholdMethod").asText()).isEqualTo("chosen-by-hand");
      assertThat(saved.get("threshold").asDouble()).isEqualTo(0.99999999);
      assertThat(http.get("/api/v1/series/1/threshold?probability=0.5").json().get("current")
          .get("threshold").asDouble()).isEqualTo(0.99999999);

      assertThat(http.get("/api/v1/series/1/threshold").status()).isEqualTo(400);
      assertThat(http.get("/api/v1/series/1/threshold?probability=1").json().get("error")
          .asText()).isEqualTo("probability: must be a number between 0 and 1 exclusive,"
              + " was '1'");
      assertThat(http.post("/api/v1/series/1/threshold", "{\"probability\": \"high\"}")
          .json().get("error").asText()).isEqualTo("probability: must be a number, was"
              + " \"high\"");
      assertThat(http.get("/api/v1/series/9/threshold?probability=0.9").status())
          .isEqualTo(404);
    }
  }
}
