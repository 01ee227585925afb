package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.detect.StreamingDetector;
import io.vigil.detect.catalog.StreamingDetectors;
import io.vigil.server.config.ServerConfig;
import io.vigil.server.store.StoreLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service through its HTTP API, as a client sees it. */
class VigilServerTest {
  /** Where the service under test keeps its data (a subclass runs these tests on PostgreSQL). */
  StoreLocation store() {
    return StoreLocation.EMBEDDED;
  }

  /** The defaults, with the data kept at {@link #store}. */
  ServerConfig defaults() {
    return ServerConfig.defaults().withStore(store());
  }

  private static final long MINUTE = 60_000;
  private static final long START = 1_700_000_000_000L;

  @TempDir Path dir;
  VigilServer server;
  HttpClientSupport http;

  void start() {
    server = VigilServer.start(defaults().withAddress("127.0.0.1", 0)
        .withDataDir(dir));
    http = new HttpClientSupport(server.port());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  /** A latency series: 100 ± 5 with a daily swing, every 5 minutes. */
  static double[] latency(int n, long seed) {
    Random random = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 100 + 20 * Math.sin(2 * Math.PI * i / 288.0) + 5 * random.nextGaussian();
    }
    return v;
  }

  static String batch(String series, String host, int from, double[] values) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append("{\"series\":\"").append(series).append("\",\"labels\":{\"host\":\"")
          .append(host).append("\"},\"timestamp\":").append(START + (from + i) * 5 * MINUTE)
          .append(",\"value\":").append(values[i]).append('}');
    }
    return b.append(']').toString();
  }

  @Test
  void ingest_detects_stores_andAnswersQueries() {
    start();
    double[] values = latency(1500, 1);
    values[1400] = 400; // a spike far outside anything seen
    var r = http.post("/api/v1/points", batch("http_latency_ms", "a", 0, values));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("accepted").asInt()).isEqualTo(1500);
    JsonNode anomalies = r.json().get("anomalies");
    assertThat(anomalies).anyMatch(a -> a.get("value").asDouble() == 400
        && a.get("direction").asText().equals("spike")
        && a.get("labels").get("host").asText().equals("a"));

    JsonNode series = http.get("/api/v1/series").json().get("series");
    assertThat(series).hasSize(1);
    assertThat(series.get(0).get("series").asText()).isEqualTo("http_latency_ms");
    assertThat(series.get(0).get("points").asInt()).isEqualTo(1500);
    long id = series.get(0).get("id").asLong();

    JsonNode points = http.get("/api/v1/series/" + id + "/points?from="
        + (START + 1390 * 5 * MINUTE) + "&limit=20").json().get("points");
    assertThat(points).hasSize(20);
    JsonNode spike = points.get(10);
    assertThat(spike.get("value").asDouble()).isEqualTo(400);
    assertThat(spike.get("probability").asDouble()).isGreaterThan(0.999);
    assertThat(spike.get("upper").asDouble()).isLessThan(400);
    assertThat(spike.get("timestamp").asText()).endsWith("Z");

    JsonNode listed = http.get("/api/v1/anomalies?series=" + id + "&minProbability=0.999")
        .json().get("anomalies");
    assertThat(listed).anyMatch(a -> a.get("value").asDouble() == 400);
  }

  @Test
  void badInput_isRefusedWithTheProblem_andNothingAcceptedIsLost() {
    start();
    assertThat(http.post("/api/v1/points", batch("cpu", "a", 0, latency(100, 2))).status())
        .isEqualTo(200);
    var malformed = http.post("/api/v1/points", "[{\"series\": \"cpu\", ");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("error").asText()).contains("not valid JSON");

    var wrongType = http.post("/api/v1/points", "[{\"series\":\"cpu\",\"timestamp\":1,"
        + "\"value\":1},{\"series\":\"cpu\",\"timestamp\":2,\"value\":\"high\"}]");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().get("problems").get(0).asText())
        .isEqualTo("[1].value: required, a number, was string");

    var unknownField = http.post("/api/v1/points",
        "[{\"series\":\"cpu\",\"timestamp\":1,\"value\":1,\"unit\":\"%\"}]");
    assertThat(unknownField.json().get("error").asText()).contains("[0].unit: unknown field");

    var badName = http.post("/api/v1/points", "[{\"series\":\"9cpu\",\"timestamp\":1,"
        + "\"value\":1}]");
    assertThat(badName.status()).isEqualTo(400);
    assertThat(badName.json().get("error").asText()).contains("[0]: series name '9cpu'");

    var badTime = http.post("/api/v1/points", "[{\"series\":\"cpu\",\"timestamp\":\"soon\","
        + "\"value\":1}]");
    assertThat(badTime.json().get("error").asText()).contains("[0].timestamp: 'soon'");

    var notJson = http.post("/api/v1/points", "series,value", "text/csv");
    assertThat(notJson.status()).isEqualTo(415);

    assertThat(http.get("/api/v1/series/99/points").status()).isEqualTo(404);
    assertThat(http.get("/api/v1/series/x/points").status()).isEqualTo(400);
    assertThat(http.get("/api/v1/anomalies?minProbability=2").status()).isEqualTo(400);
    var nowhere = http.get("/api/v2/nothing");
    assertThat(nowhere.status()).isEqualTo(404);
    assertThat(nowhere.json().get("error").asText()).contains("not found");

    JsonNode series = http.get("/api/v1/series").json().get("series");
    assertThat(series).hasSize(1);
    assertThat(series.get(0).get("points").asInt()).isEqualTo(100);
  }

  @Test
  void oversizedBody_gets413() {
    server = VigilServer.start(new ServerConfig("127.0.0.1", 0, dir, "default", 0.999, 10_000,
        1000, 8, 10_000).withStore(store()));
    http = new HttpClientSupport(server.port());
    var big = http.post("/api/v1/points", batch("cpu", "a", 0, latency(500, 3)));
    assertThat(big.status()).isEqualTo(413);
    assertThat(big.json().has("error")).isTrue();
  }

  @Test
  void afterARestart_detectionContinuesAsIfNeverStopped() {
    double[] values = latency(2000, 4);
    StreamingDetector reference = StreamingDetectors.create(StreamingDetectors.DEFAULT);
    List<Double> expected = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      expected.add(reference.process(START + i * 5 * MINUTE, values[i]).probability());
    }
    start();
    double[] first = java.util.Arrays.copyOfRange(values, 0, 1200);
    assertThat(http.post("/api/v1/points", batch("load", "b", 0, first)).status())
        .isEqualTo(200);
    JsonNode before = http.get("/api/v1/series").json().get("series").get(0);
    server.stop();
    start();
    // A clean stop checkpoints every point: the series still shows its latest assessment.
    JsonNode after = http.get("/api/v1/series").json().get("series").get(0);
    for (String field : new String[] {"status", "lastValue", "lastTimestamp", "probability",
        "expected", "upper"}) {
      assertThat(after.get(field)).as(field).isEqualTo(before.get(field));
    }
    assertThat(after.get("status").asText()).isEqualTo("scored");
    double[] rest = java.util.Arrays.copyOfRange(values, 1200, 2000);
    assertThat(http.post("/api/v1/points", batch("load", "b", 1200, rest)).status())
        .isEqualTo(200);
    JsonNode points = http.get("/api/v1/series/1/points").json().get("points");
    assertThat(points).hasSize(2000);
    for (int i = 0; i < 2000; i++) {
      assertThat(points.get(i).get("probability").asDouble()).as("point %d", i)
          .isEqualTo(expected.get(i));
    }
  }

  @Test
  void aResentBatch_isNotStoredTwice_andAnotherValueAtAStoredTimeIsRefused() {
    start();
    String first = batch("retry", "a", 0, latency(100, 6));
    var stored = http.post("/api/v1/points", first);
    assertThat(stored.json().get("accepted").asInt()).isEqualTo(100);
    var again = http.post("/api/v1/points", first); // a client retrying after a timeout
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("accepted").asInt()).isZero();
    assertThat(again.json().get("duplicates").asInt()).isEqualTo(100);
    // Half old, half new: the old half is left out, the new half stored.
    double[] more = latency(150, 6);
    var overlap = http.post("/api/v1/points", batch("retry", "a", 50,
        java.util.Arrays.copyOfRange(more, 50, 150)));
    assertThat(overlap.json().get("accepted").asInt()).isEqualTo(50);
    assertThat(overlap.json().get("duplicates").asInt()).isEqualTo(50);
    // A point the batch itself repeats counts once.
    String twice = "[{\"series\":\"retry\",\"labels\":{\"host\":\"a\"},\"timestamp\":"
        + (START + 200 * 5 * MINUTE) + ",\"value\":1},{\"series\":\"retry\",\"labels\":"
        + "{\"host\":\"a\"},\"timestamp\":" + (START + 200 * 5 * MINUTE) + ",\"value\":1}]";
    assertThat(http.post("/api/v1/points", twice).json().get("duplicates").asInt()).isEqualTo(1);
    // Another value at a stored time (old or the newest) refuses the batch whole, by name.
    String conflict = "[{\"series\":\"retry\",\"labels\":{\"host\":\"a\"},\"timestamp\":"
        + (START + 300 * 5 * MINUTE) + ",\"value\":1},{\"series\":\"retry\",\"labels\":"
        + "{\"host\":\"a\"},\"timestamp\":" + (START + 10 * 5 * MINUTE) + ",\"value\":-7}]";
    var refused = http.post("/api/v1/points", conflict);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("problems").get(0).asText()).startsWith(
        "[1]: retry{host=\"a\"} already has the value ").endsWith("; this point says -7.0");
    JsonNode series = http.get("/api/v1/series").json().get("series").get(0);
    assertThat(series.get("points").asInt()).isEqualTo(151);
    assertThat(http.get("/metrics").body()).contains("vigil_points_duplicate_total 151.0");
  }

  @Test
  void metricsAndOpenApi_areServed() {
    start();
    assertThat(http.post("/api/v1/points", batch("disk_used", "c\\\"1", 0, latency(300, 5)))
        .status()).isEqualTo(200);
    String metrics = http.get("/metrics").body();
    assertThat(metrics).contains("vigil_points_ingested_total 300.0");
    assertThat(metrics).containsPattern(
        "vigil_anomaly_probability\\{vigil_series=\"disk_used\",host=\"c\\\\\"1\"\\} [0-9.E-]+ ");
    assertThat(metrics).contains("vigil_expected_upper{vigil_series=\"disk_used\"");
    JsonNode api = http.get("/openapi.json").json();
    assertThat(api.get("openapi").asText()).startsWith("3.");
    assertThat(api.get("paths").has("/api/v1/points")).isTrue();
  }

  @Test
  void overload_gets429WithRetryAfter_andWhatWasAcceptedIsKept() throws Exception {
    server = VigilServer.start(new ServerConfig("127.0.0.1", 0, dir, "default", 0.999,
        16L << 20, 100_000, 1, 10_000).withStore(store()));
    http = new HttpClientSupport(server.port());
    int clients = 6;
    var replies = new java.util.concurrent.ConcurrentLinkedQueue<HttpClientSupport.Reply>();
    var start = new java.util.concurrent.CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      String body = batch("load_" + c, "a", 0, latency(20_000, c));
      Thread t = new Thread(() -> {
        try {
          start.await();
          replies.add(http.post("/api/v1/points", body));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      threads.add(t);
      t.start();
    }
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    List<HttpClientSupport.Reply> busy = replies.stream().filter(r -> r.status() == 429)
        .toList();
    long ok = replies.stream().filter(r -> r.status() == 200).count();
    assertThat(busy).as("with one ingest slot, simultaneous big batches are turned away")
        .isNotEmpty();
    assertThat(busy.get(0).raw().headers().firstValue("Retry-After")).hasValue("1");
    assertThat(ok + busy.size()).isEqualTo(clients);
    long stored = 0;
    for (JsonNode s : http.get("/api/v1/series").json().get("series")) {
      stored += s.get("points").asLong();
    }
    assertThat(stored).isEqualTo(ok * 20_000);
  }

  @Test
  void csvHistory_isImported_andBadRowsAreNamed() {
    start();
    StringBuilder csv = new StringBuilder("timestamp,value\n");
    double[] v = latency(500, 6);
    for (int i = 0; i < v.length; i++) {
      csv.append(START + i * 5 * MINUTE).append(',').append(v[i]).append('\n');
    }
    var ok = http.post("/api/v1/import?series=disk_io&label=host:db1", csv.toString(),
        "text/csv");
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().get("accepted").asInt()).isEqualTo(500);
    JsonNode series = http.get("/api/v1/series").json().get("series").get(0);
    assertThat(series.get("labels").get("host").asText()).isEqualTo("db1");
    var bad = http.post("/api/v1/import?series=disk_io", "timestamp,value\n1,2\n2,x\n",
        "text/csv");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("error").asText()).contains("body:3").contains("value");
    assertThat(http.post("/api/v1/import", "timestamp,value\n1,2\n", "text/csv").status())
        .isEqualTo(400);
  }

  @Test
  void forecast_andTimeToThreshold_ofAStoredSeries() {
    start();
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < 2000; i++) {
      b.append(i == 0 ? "" : ",").append("{\"series\":\"disk_used_percent\",\"timestamp\":")
          .append(START + i * 5 * MINUTE).append(",\"value\":").append(40 + 0.01 * i)
          .append('}');
    }
    assertThat(http.post("/api/v1/points", b.append(']').toString()).status()).isEqualTo(200);
    JsonNode f = http.get("/api/v1/series/1/forecast?horizon=14d&method=linear-trend"
        + "&limit=95").json();
    assertThat(f.get("forecast").size()).isEqualTo(4032);
    // 40 + 0.01·i reaches 95 at i = 5500: 3501 steps of 5 minutes after the last point.
    assertThat(f.get("crossing").get("expectedInSeconds").asLong())
        .isBetween(3501 * 300L - 600, 3501 * 300L + 600);
    var tooShort = http.post("/api/v1/points", "[{\"series\":\"new\",\"timestamp\":1,"
        + "\"value\":1}]");
    assertThat(tooShort.status()).isEqualTo(200);
    var refused = http.get("/api/v1/series/2/forecast");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("error").asText()).startsWith("not enough history: need");
    assertThat(http.get("/api/v1/series/1/forecast?method=magic").status()).isEqualTo(400);
  }

  @Test
  void trendReport_errorBudget_andPredictions_ofStoredSeries() {
    start();
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < 2880; i++) {
      b.append(i == 0 ? "" : ",").append("{\"series\":\"disk_used_percent\",\"timestamp\":")
          .append(START + i * 5 * MINUTE).append(",\"value\":").append(40 + 0.01 * i)
          .append("},{\"series\":\"bad_fraction\",\"timestamp\":")
          .append(START + i * 5 * MINUTE).append(",\"value\":0.002}");
    }
    assertThat(http.post("/api/v1/points", b.append(']').toString()).status()).isEqualTo(200);
    // 0.01 a point, 288 points a day: 2.88 a day; from 68.79 at the last point, 7 days on
    // is 68.79 + 20.16.
    JsonNode trend = http.get("/api/v1/series/1/trend").json().get("trend");
    assertThat(trend.get("slopePerDay").asDouble()).isCloseTo(2.88, within(1e-9));
    assertThat(trend.get("changePoints")).isEmpty();
    assertThat(trend.get("projections").get(0).get("days").asInt()).isEqualTo(7);
    assertThat(trend.get("projections").get(0).get("mean").asDouble())
        .isCloseTo(68.79 + 20.16, within(1e-6));
    // 0.2% bad for 10 days against 99.9% over 30 days: 2/3 of the budget spent, burning at
    // twice the allowed rate, the last third (0.01 bad-days) gone in 5 more days.
    JsonNode budget = http.get("/api/v1/series/2/error-budget?objective=0.999&window=30d")
        .json().get("errorBudget");
    assertThat(budget.get("budgetSpent").asDouble()).isCloseTo(2.0 / 3, within(0.01));
    assertThat(budget.get("burnRate").asDouble()).isCloseTo(2.0, within(1e-9));
    assertThat(budget.get("exhaustionInSeconds").asLong())
        .isCloseTo(5 * 86_400L, within(3_600L));
    var noObjective = http.get("/api/v1/series/2/error-budget");
    assertThat(noObjective.status()).isEqualTo(400);
    assertThat(noObjective.json().get("error").asText()).contains("objective is required");
    assertThat(http.get("/api/v1/series/1/error-budget?objective=0.999").json().get("error")
        .asText()).contains("not a bad fraction between 0 and 1");
    assertThat(http.get("/api/v1/series/1/trend?history=0s").status()).isEqualTo(400);
    JsonNode predictions = http.get("/api/v1/predictions").json();
    assertThat(predictions.get("pending").asLong()).isZero();
    assertThat(predictions.get("predictions")).isEmpty();
  }
}
