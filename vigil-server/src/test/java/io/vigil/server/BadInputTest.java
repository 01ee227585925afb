package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.config.ServerConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input that once made the server answer 500 (or worse): every case must be a 4xx whose error
 * names the place and the problem, and no answer may name a Java class.
 */
class BadInputTest {
  @TempDir Path dir;
  private VigilServer server;
  private HttpClientSupport http;

  @BeforeEach
  void start() {
    server = VigilServer.start(ServerConfig.defaults().withAddress("127.0.0.1", 0)
        .withDataDir(dir));
    http = new HttpClientSupport(server.port());
    var seeded = http.post("/api/v1/points", "[{\"series\":\"cpu\",\"timestamp\":"
        + "\"2026-01-01T00:00:00Z\",\"value\":1}]");
    assertThat(seeded.status()).isEqualTo(200);
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  /** The answer is {@code status}, its error says {@code words}, and names no Java class. */
  private static void refused(HttpClientSupport.Reply r, int status, String words) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json().get("error").asText()).as(r.body()).contains(words);
    assertThat(r.body()).doesNotContainPattern("java\\.|Exception|\\bat io\\.vigil");
  }

  private static final String FAR_FUTURE = "+999999999-12-31T23:59:59Z";
  private static final String FAR_PAST = "-999999999-01-01T00:00:00Z";
  private static final String RANGE = "outside the times accepted";

  @Test
  void timesOutOfRange_areRefusedByName_everywhere() {
    assertThat(http.post("/api/v1/events", "{\"timestamp\":\"2026-01-01T00:00:00Z\","
        + "\"user\":\"a\"}", "application/x-ndjson").status()).isEqualTo(200);
    for (String t : new String[] {FAR_FUTURE, FAR_PAST}) {
      refused(http.post("/api/v1/points", "[{\"series\":\"cpu\",\"timestamp\":\"" + t
          + "\",\"value\":1}]"), 400, "[0].timestamp: '" + t + "' is " + RANGE);
      refused(http.post("/api/v1/import?series=cpu", "timestamp,value\n" + t + ",1\n",
          "text/csv"), 400, RANGE);
      refused(http.post("/api/v1/events", "{\"timestamp\":\"" + t + "\",\"user\":\"a\"}",
          "application/x-ndjson"), 400, RANGE);
      refused(http.post("/api/v1/silences", "{\"matchers\":{\"host\":\"a\"},\"startsAt\":\""
          + t + "\",\"duration\":\"1h\"}"), 400, RANGE);
      refused(http.post("/api/v1/silences", "{\"matchers\":{\"host\":\"a\"},\"endsAt\":\""
          + t + "\"}"), 400, RANGE);
      refused(http.post("/api/v1/feedback", "{\"series\":1,\"verdict\":\"missed\",\"from\":\""
          + t + "\",\"to\":\"2026-01-01T00:00:00Z\"}"), 400, RANGE);
      String q = t.replace("+", "%2B");
      refused(http.get("/api/v1/series/1/points?from=" + q), 400, "from: '" + t);
      refused(http.get("/api/v1/series/1/points?to=" + q), 400, "to: '" + t);
      refused(http.get("/api/v1/anomalies?from=" + q), 400, "from: '" + t);
      refused(http.get("/api/v1/behaviour?entity=user&until=" + q), 400, "until: '" + t);
    }
  }

  @Test
  void hugeDurations_areRefusedByName() {
    String huge = "99999999999999d";
    String words = "'" + huge + "' is longer than the longest duration accepted";
    refused(http.post("/api/v1/silences", "{\"matchers\":{\"host\":\"a\"},\"duration\":\""
        + huge + "\"}"), 400, words);
    refused(http.get("/api/v1/series/1/error-budget?objective=0.999&window=" + huge), 400,
        "window: " + words);
    refused(http.get("/api/v1/series/1/forecast?horizon=" + huge), 400, "horizon: " + words);
    refused(http.get("/api/v1/behaviour?entity=user&recent=" + huge), 400, "recent: " + words);
    refused(http.get("/api/v1/behaviour?entity=user&baseline=" + huge), 400,
        "baseline: " + words);
  }

  @Test
  void anEventWithThousandsOfFields_isRefused_andStoredEventsStayAnalysable() {
    StringBuilder wide = new StringBuilder("{\"timestamp\":\"2026-01-01T00:00:00Z\"");
    for (int i = 0; i < 5000; i++) {
      wide.append(",\"f").append(i).append("\":\"v\"");
    }
    refused(http.post("/api/v1/events", wide.append('}').toString(), "application/x-ndjson"),
        400, "body:1: column 'f64': a field beyond the 64 distinct fields events may have");
    StringBuilder header = new StringBuilder("timestamp");
    for (int i = 0; i < 65; i++) {
      header.append(",f").append(i);
    }
    refused(http.post("/api/v1/events", header + "\n", "text/csv"), 400,
        "body:1: 65 fields besides the time: at most 64");
    // Many requests of a few fields each can still add up: the analysis names the limit.
    for (int r = 0; r < 5; r++) {
      StringBuilder lines = new StringBuilder();
      for (int i = 0; i < 14; i++) {
        lines.append("{\"timestamp\":\"2026-01-01T00:00:0").append(r).append("Z\",\"user\":")
            .append("\"u\",\"g").append(r).append('_').append(i).append("\":\"x\"}\n");
      }
      assertThat(http.post("/api/v1/events", lines.toString(), "application/x-ndjson")
          .status()).isEqualTo(200);
    }
    refused(http.get("/api/v1/behaviour?entity=user"), 400,
        "the events have more than 64 distinct fields");
  }

  @Test
  void unterminatedCsvQuotes_areRefusedWithTheLine() {
    refused(http.post("/api/v1/import?series=cpu", "timestamp,value\n"
        + "2026-01-01T00:01:00Z,1\n\"2026-01-01T00:02:00Z,2\n", "text/csv"), 400,
        "body:3: a quoted field is not closed");
    refused(http.post("/api/v1/events", "timestamp,user\n2026-01-01T00:01:00Z,\"alice\n",
        "text/csv"), 400, "body:2: a quoted field is not closed");
    refused(http.post("/api/v1/events", "timestamp,user\n2026-01-01T00:01:00Z,\"al\"ice\n",
        "text/csv"), 400, "body:2: text follows a closing quote");
    assertThat(http.get("/api/v1/series").json().get("series").get(0).get("points").asInt())
        .isEqualTo(1);
  }
}
