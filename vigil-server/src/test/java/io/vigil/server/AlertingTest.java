package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.series.Timestamps;
import io.vigil.server.config.AlertRule;
import io.vigil.server.config.NotifierTarget;
import io.vigil.server.config.SeriesSelector;
import io.vigil.server.config.ServerConfig;
import io.vigil.server.config.VigilConfig;
import io.vigil.server.store.StoreLocation;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From an anomalous point to a delivered notification, through the HTTP API. */
class AlertingTest {
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

  private static String batch(double[] values, int from) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      b.append(i == 0 ? "" : ",").append("{\"series\":\"api_errors\",\"labels\":{\"host\":"
          + "\"web1\"},\"timestamp\":").append(START + (from + i) * STEP).append(",\"value\":")
          .append(values[i]).append('}');
    }
    return b.append(']').toString();
  }

  @Test
  void anAnomalyFires_isDeliveredAfterARetry_andTheHistoryShowsIt() throws Exception {
    try (WebhookReceiver hook = new WebhookReceiver(0);
        WebhookReceiver alertmanager = new WebhookReceiver(0)) {
      VigilConfig config = new VigilConfig(defaults().withAddress("127.0.0.1", 0)
          .withDataDir(dir), List.of(), List.of(new AlertRule("api-anomaly",
              new SeriesSelector("api_.*", Map.of()), 0.999, Duration.ZERO, null,
              Duration.ofMinutes(30))),
          List.of(new NotifierTarget(NotifierTarget.Kind.WEBHOOK, URI.create(hook.url(
              "/hook?token=t0ken").replace("://", "://alice:s3cret@")),
              3), new NotifierTarget(NotifierTarget.Kind.ALERTMANAGER,
              URI.create(alertmanager.url("")), 3)));
      try (VigilServer server = VigilServer.start(config)) {
        HttpClientSupport http = new HttpClientSupport(server.port());
        Random random = new Random(1);
        double[] normal = new double[2000];
        for (int i = 0; i < normal.length; i++) {
          normal[i] = 10 + random.nextGaussian();
        }
        assertThat(http.post("/api/v1/points", batch(normal, 0)).status()).isEqualTo(200);
        hook.failNext(1, "spike to 500"); // not the warm-up's own odd points' notifications
        assertThat(http.post("/api/v1/points", batch(new double[] {500}, 2000)).status())
            .isEqualTo(200);
        JsonNode sent = HttpClientSupport.JSON.readTree(hook.await("spike to 500", 10_000));
        assertThat(sent.get("status").asText()).isEqualTo("firing");
        assertThat(sent.get("alert").get("labels").get("host").asText()).isEqualTo("web1");
        assertThat(sent.get("alert").get("summary").asText())
            .startsWith("api_errors: spike to 500");
        assertThat(alertmanager.paths()).contains("/api/v2/alerts");
        JsonNode am = HttpClientSupport.JSON.readTree(alertmanager.await("spike to 500",
            10_000));
        assertThat(am.get(0).get("labels").get("alertname").asText()).isEqualTo("api-anomaly");
        assertThat(am.get(0).has("endsAt")).isFalse();
        assertThat(am.get(0).get("generatorURL").asText())
            .startsWith("http://127.0.0.1:" + server.port() + "/#/alerts/");

        long id = sent.get("alert").get("id").asLong();
        JsonNode detail = http.get("/api/v1/alerts/" + id).json();
        assertThat(detail.get("deliveries")).anyMatch(d -> d.get("outcome").asText()
            .equals("failed") && d.get("httpStatus").asInt() == 503);
        assertThat(detail.get("deliveries")).anyMatch(d -> d.get("outcome").asText()
            .equals("delivered") && d.get("attempt").asInt() == 2);
        // Credentials in a notifier URL are sent as basic authentication, never shown.
        assertThat(hook.authorizations()).contains("Basic " + java.util.Base64.getEncoder()
            .encodeToString("alice:s3cret".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(hook.paths()).contains("/hook");
        assertThat(detail.toString()).doesNotContain("s3cret").doesNotContain("t0ken")
            .contains("http://***@127.0.0.1:");
      }
    }
  }

  @Test
  void theReadmeRule_firesOnAStep_andTheAlertSaysByHowMuch() throws Exception {
    // The alerts block of the README, as a user would copy it.
    Path file = java.nio.file.Files.writeString(dir.resolve("vigil.yaml"), """
        alerts:
          - name: anomaly
            match: {series: ".*"}
            minProbability: 0.999
            for: 2m
            groupBy: [host]
            resolveAfter: 15m
        """);
    VigilConfig config = io.vigil.server.config.ConfigFile.load(file, defaults()
        .withAddress("127.0.0.1", 0).withDataDir(dir.resolve("data")));
    try (VigilServer server = VigilServer.start(config)) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      Random random = new Random(3);
      double[] values = new double[3000];
      for (int i = 0; i < values.length; i++) {
        values[i] = (i < 2500 ? 50 : 80) + random.nextGaussian();
      }
      for (int from = 0; from < values.length; from += 500) {
        assertThat(http.post("/api/v1/points", batch(java.util.Arrays.copyOfRange(values, from,
            from + 500), from)).status()).isEqualTo(200);
      }
      JsonNode alerts = http.get("/api/v1/alerts").json().get("alerts");
      assertThat(alerts).as(alerts.toString()).isNotEmpty();
      JsonNode step = alerts.get(0); // the newest first
      assertThat(step.get("state").asText()).isIn("firing", "resolved");
      assertThat(step.get("startsAt").asText()).isEqualTo(Timestamps.format(START + 2500 * STEP));
      assertThat(step.get("firedAt").asText()).isEqualTo(Timestamps.format(START + 2502 * STEP));
      assertThat(step.get("summary").asText()).matches("api_errors: spike to [78]\\d\\.\\d+,"
          + " expected 5\\d\\.\\d+ \\(\\+[23]\\d\\.\\d+\\), probability 0\\.9999\\d*");
    }
  }

  @Test
  void alertsOfARuleRemovedFromTheConfiguration_areClosedAtStart() {
    ServerConfig settings = defaults().withAddress("127.0.0.1", 0).withDataDir(dir);
    VigilConfig withRule = new VigilConfig(settings, List.of(), List.of(new AlertRule("old",
        new SeriesSelector(null, Map.of()), 0.999, Duration.ZERO, null, Duration.ofHours(1)),
        new AlertRule("slow", new SeriesSelector(null, Map.of()), 0.999, Duration.ofDays(1),
            null, Duration.ofHours(1))), List.of());
    Random random = new Random(4);
    double[] values = new double[2001];
    for (int i = 0; i < 2000; i++) {
      values[i] = 10 + random.nextGaussian();
    }
    values[2000] = 500;
    try (VigilServer server = VigilServer.start(withRule)) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      assertThat(http.post("/api/v1/points", batch(values, 0)).status()).isEqualTo(200);
      assertThat(http.get("/api/v1/alerts?state=firing").json().get("alerts")).isNotEmpty();
      assertThat(http.get("/api/v1/alerts?state=pending").json().get("alerts")).isNotEmpty();
    }
    try (VigilServer server = VigilServer.start(VigilConfig.of(settings))) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      assertThat(http.get("/api/v1/alerts?state=firing").json().get("alerts")).isEmpty();
      assertThat(http.get("/api/v1/alerts?state=pending").json().get("alerts")).isEmpty();
      assertThat(http.get("/api/v1/alerts?state=resolved").json().get("alerts")).isNotEmpty();
      assertThat(http.get("/api/v1/alerts?state=cancelled").json().get("alerts")).isNotEmpty();
    }
  }

  @Test
  void silences_muteDeliveries_butAlertsAreStillRecorded() throws Exception {
    try (WebhookReceiver hook = new WebhookReceiver(0)) {
      VigilConfig config = new VigilConfig(defaults().withAddress("127.0.0.1", 0)
          .withDataDir(dir), List.of(), List.of(new AlertRule("any", new SeriesSelector(null,
              Map.of()), 0.999, Duration.ZERO, null, Duration.ofMinutes(30))),
          List.of(new NotifierTarget(NotifierTarget.Kind.WEBHOOK, URI.create(hook.url("/")),
              1)));
      try (VigilServer server = VigilServer.start(config)) {
        HttpClientSupport http = new HttpClientSupport(server.port());
        var silence = http.post("/api/v1/silences", "{\"matchers\":{\"host\":\"web.*\"},"
            + "\"duration\":\"2h\",\"comment\":\"deploy\"}");
        assertThat(silence.status()).as(silence.body()).isEqualTo(201);
        assertThat(http.post("/api/v1/silences", "{\"matchers\":{\"host\":\"(\"},"
            + "\"duration\":\"2h\"}").status()).isEqualTo(400);
        Random random = new Random(2);
        double[] values = new double[2001];
        for (int i = 0; i < 2000; i++) {
          values[i] = 10 + random.nextGaussian();
        }
        values[2000] = 500;
        http.post("/api/v1/points", batch(values, 0));
        Thread.sleep(500);
        JsonNode alerts = http.get("/api/v1/alerts").json().get("alerts");
        assertThat(alerts).isNotEmpty();
        JsonNode detail = http.get("/api/v1/alerts/" + alerts.get(0).get("id").asLong()).json();
        assertThat(detail.get("deliveries")).allMatch(d -> d.get("outcome").asText()
            .equals("silenced"));
        assertThat(hook.bodies()).isEmpty();
        long id = silence.json().get("id").asLong();
        JsonNode silences = http.get("/api/v1/silences").json().get("silences");
        assertThat(silences).hasSize(1);
        assertThat(silences.get(0).get("comment").asText()).isEqualTo("deploy");
        assertThat(http.get("/api/v1/silences").json().get("silences").get(0).get("id")
            .asLong()).isEqualTo(id);
      }
    }
  }

  @Test
  void aPredictiveRule_firesBeforeTheLimit_andResolvesWhenTheTrendStops() throws Exception {
    try (WebhookReceiver hook = new WebhookReceiver(0)) {
      VigilConfig config = new VigilConfig(defaults().withAddress("127.0.0.1", 0)
          .withDataDir(dir), List.of(), List.of(), List.of(new NotifierTarget(
              NotifierTarget.Kind.WEBHOOK, URI.create(hook.url("/")), 3)), List.of(),
          List.of(new io.vigil.server.config.PredictionRule("disk-full",
              new SeriesSelector("disk_.*", Map.of()), 95, true, Duration.ofDays(14),
              Duration.ofDays(28), "linear-trend", 0.8, Duration.ofHours(1), Duration.ZERO)));
      try (VigilServer server = VigilServer.start(config)) {
        HttpClientSupport http = new HttpClientSupport(server.port());
        // Rising 0.01 a point every 5 minutes from 40: 95 is 3500 points (12 days) away.
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < 2000; i++) {
          b.append(i == 0 ? "" : ",").append("{\"series\":\"disk_used\",\"timestamp\":")
              .append(START + i * 300_000L).append(",\"value\":").append(40 + 0.01 * i)
              .append('}');
        }
        assertThat(http.post("/api/v1/points", b.append(']').toString()).status())
            .isEqualTo(200);
        // The rule is evaluated at the first point of each hour of the series' own time:
        // START is 800 s into an hour, so at points i = 10, 22, 34, ... (i mod 12 = 10).
        // 95 is (5500 - i) points of 300 s away; within 14 days (4032 points) from i = 1468,
        // so the alert fires at the evaluation of i = 1474, 13d 23h 30m ahead.
        JsonNode fired = HttpClientSupport.JSON.readTree(hook.await("expected to reach 95",
            10_000));
        assertThat(fired.get("status").asText()).isEqualTo("firing");
        assertThat(fired.get("alert").get("labels").get("vigil_alert").asText())
            .isEqualTo("predictive");
        assertThat(fired.get("alert").get("summary").asText()).contains("in 13d 23h");
        assertThat(fired.get("alert").get("startsAt").asText())
            .isEqualTo(Timestamps.format(START + 1474 * 300_000L));
        // The last evaluation is at i = 1990: (5500 - 1990) · 300 s ahead.
        awaitPredictions(http);
        assertThat(http.get("/metrics").body()).containsPattern(
            "vigil_forecast_crossing_seconds\\{vigil_series=\"disk_used\",rule=\"disk-full\"\\}"
                + " 1053000\\.0");
        JsonNode estimate = HttpClientSupport.JSON.readTree(http.get("/api/v1/predictions")
            .body()).get("predictions").get(0);
        assertThat(estimate.get("evaluatedAt").asText())
            .isEqualTo(Timestamps.format(START + 1990 * 300_000L));
        assertThat(estimate.get("firing").asBoolean()).isTrue();
        assertThat(estimate.get("crossing").get("expectedInSeconds").asLong())
            .isEqualTo(1_053_000);
        // The growth stops: flat for 1500 points, the line through the last 1000 is level.
        b = new StringBuilder("[");
        for (int i = 2000; i < 3500; i++) {
          b.append(i == 2000 ? "" : ",").append("{\"series\":\"disk_used\",\"timestamp\":")
              .append(START + i * 300_000L).append(",\"value\":60}");
        }
        assertThat(http.post("/api/v1/points", b.append(']').toString()).status())
            .isEqualTo(200);
        JsonNode resolved = HttpClientSupport.JSON.readTree(hook.await("no longer expected",
            10_000));
        assertThat(resolved.get("status").asText()).isEqualTo("resolved");
      }
    }
  }

  /** Waits until every queued predictive evaluation has been made. */
  @Test
  void aGroupedAlert_ranksTheSeriesWhereTheIncidentStarted() throws Exception {
    try (WebhookReceiver hook = new WebhookReceiver(0)) {
      VigilConfig config = new VigilConfig(defaults().withAddress("127.0.0.1", 0)
          .withDataDir(dir), List.of(), List.of(new AlertRule("host-incident",
              new SeriesSelector(null, Map.of()), 0.999, Duration.ZERO, List.of("host"),
              Duration.ofMinutes(30))),
          List.of(new NotifierTarget(NotifierTarget.Kind.WEBHOOK, URI.create(hook.url("/")),
              1)));
      try (VigilServer server = VigilServer.start(config)) {
        HttpClientSupport http = new HttpClientSupport(server.port());
        // The disk fills from minute 1000, writes slow from 1002, requests slow from 1004.
        // The disk fires the alert alone; the origin is ranked once writes join, and the
        // alert is sent again with it.
        String[] names = {"http_latency_ms", "write_latency_ms", "disk_used_pct"};
        int[] onsets = {1004, 1002, 1000};
        double[] levels = {100, 5, 50};
        Random random = new Random(3);
        StringBuilder b = new StringBuilder("[");
        for (int t = 0; t < 1012; t++) {
          for (int s = 0; s < 3; s++) {
            double v = levels[s] * (1 + 0.02 * random.nextGaussian());
            if (t >= onsets[s]) {
              v += levels[s] * (t - onsets[s] + 1);
            }
            b.append(b.length() == 1 ? "" : ",").append("{\"series\":\"").append(names[s])
                .append("\",\"labels\":{\"host\":\"db1\"},\"timestamp\":")
                .append(START + t * STEP).append(",\"value\":").append(v).append('}');
          }
        }
        var ingest = http.post("/api/v1/points", b.append(']').toString());
        assertThat(ingest.status()).as(ingest.body()).isEqualTo(200);

        JsonNode sent = HttpClientSupport.JSON.readTree(hook.await("\"causes\":[{\"name\":"
            + "\"disk", 10_000));
        assertThat(sent.get("status").asText()).isEqualTo("firing");
        JsonNode causes = sent.get("alert").get("causes");
        assertThat(causes).extracting(c -> c.get("name").asText()).containsExactly(
            "disk_used_pct{host=\"db1\"}", "write_latency_ms{host=\"db1\"}",
            "http_latency_ms{host=\"db1\"}");
        assertThat(causes.get(0).get("onset").asText())
            .isEqualTo(Timestamps.format(START + 1000 * STEP));
        assertThat(causes.get(0).get("reasons").get(0).asText())
            .startsWith("first to deviate").contains("(2 steps before the next)");

        long id = sent.get("alert").get("id").asLong();
        JsonNode stored = http.get("/api/v1/alerts/" + id).json();
        assertThat(stored.get("causes").get(0).get("name").asText()).startsWith("disk_used_pct");
        // requests had not deviated when writes joined; they had by the time they joined too
        assertThat(causes.get(2).get("onset").isNull()).isTrue();
        assertThat(stored.get("causes").get(2).get("onset").asText())
            .isEqualTo(Timestamps.format(START + 1004 * STEP));
        assertThat(hook.bodies()).as("fired alone, then again once the origin was known")
            .filteredOn(body -> body.contains("\"id\":" + id + ",")).hasSize(2);
        assertThat(sent.get("alert").get("summary").asText())
            .endsWith("probable origin disk_used_pct{host=\"db1\"}");
        assertThat(stored.get("labels").get("host").asText()).isEqualTo("db1");
      }
    }
  }

  private static void awaitPredictions(HttpClientSupport http) throws Exception {
    long deadline = System.currentTimeMillis() + 20_000;
    while (HttpClientSupport.JSON.readTree(http.get("/api/v1/predictions").body())
        .get("pending").asLong() > 0) {
      assertThat(System.currentTimeMillis()).as("predictions still queued").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
