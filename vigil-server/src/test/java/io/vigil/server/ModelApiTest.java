package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.config.ModelSettings;
import io.vigil.server.config.ServerConfig;
import io.vigil.server.config.VigilConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training from a CSV, refusals that name the problem and leave nothing behind, health. */
class ModelApiTest {
  private static final long START = 1_700_000_000_000L;
  private static final long STEP = 60_000;

  @TempDir Path dir;

  private static String batch(String series, int from, int n, double mean, double sd,
      long seed) {
    Random r = new Random(seed);
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append("{\"series\":\"").append(series)
          .append("\",\"timestamp\":").append(START + (from + i) * STEP).append(",\"value\":")
          .append(mean + sd * r.nextGaussian()).append('}');
    }
    return b.append(']').toString();
  }

  private static VigilConfig config(Path dir, ModelSettings models) {
    return new VigilConfig(ServerConfig.defaults().withAddress("127.0.0.1", 0)
        .withDataDir(dir), List.of(), List.of(), List.of(), List.of(), List.of(),
        io.vigil.server.config.EventPrivacy.NONE, models);
  }

  @Test
  void badRequestsAreRefusedInWords_andTheRegistryStaysEmpty() {
    try (VigilServer server = VigilServer.start(config(dir, ModelSettings.DEFAULTS))) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      assertThat(http.post("/api/v1/points", batch("cpu", 0, 500, 50, 5, 1)).status())
          .isEqualTo(200);
      assertThat(http.post("/api/v1/points", batch("tiny", 0, 50, 50, 5, 2)).status())
          .isEqualTo(200);

      expect(http.post("/api/v1/models/train", "{\"series\": 1, \"candidates\": [\"magic\"]}"),
          400, "candidates[0]: unknown algorithm 'magic': use one of default,");
      expect(http.post("/api/v1/models/train", "{\"series\": 1, \"candidates\":"
          + " [\"robust-ewma:alpha=2\"]}"), 400, "candidates[0]: robust-ewma parameter alpha"
          + " must be from 0.0001 to 0.5, was 2");
      expect(http.post("/api/v1/models/train", "{\"series\": 1, \"candidate\": []}"), 400,
          "unknown field candidate: the fields are by, candidates, from, selector, series, to");
      expect(http.post("/api/v1/models/train?wait=true", "{\"series\": 1, \"from\": \""
          + "2031-01-01T00:00:00Z\"}"), 400, "the training window has 0 points; at least 100"
          + " are needed");
      expect(http.post("/api/v1/models/train", "{\"series\": 2}"), 400,
          "series 2 has 50 points; at least 100 are needed to train");
      expect(http.post("/api/v1/models/train", "{\"series\": 9}"), 404, "no series 9");
      expect(http.post("/api/v1/models/train", "{\"selector\": {\"series\": \"mem.*\"}}"), 404,
          "no series matches the selector");
      expect(http.post("/api/v1/models/train", "{\"series\": \"cpu\"}"), 400,
          "series: must be a whole number");
      expect(http.post("/api/v1/models/train", "{\"selector\": {\"series\": 5}}"), 400,
          "selector.series: must be a regular expression (a string), was 5");
      expect(http.post("/api/v1/models/train", "{\"selector\": {\"labels\": {\"host\": 1}}}"),
          400, "selector.labels.host: must be a string, was 1");

      expect(http.post("/api/v1/feedback", "{\"verdict\": \"false-positive\", \"series\": 1,"
          + " \"timestamp\": " + START + "}"), 404, "series 1 has no anomaly at 2023-11-14T22:13:20Z");
      expect(http.post("/api/v1/feedback", "{\"verdict\": \"true-positive\", \"alert\": 99}"),
          404, "no alert 99");
      expect(http.post("/api/v1/feedback", "{\"verdict\": \"missed\", \"series\": 1}"), 400,
          "a missed incident is a stretch of one series: give series, from and to");
      expect(http.post("/api/v1/feedback", "{\"verdict\": \"maybe\", \"series\": 1}"), 400,
          "verdict must be one of true-positive, false-positive, missed; was 'maybe'");
      expect(http.post("/api/v1/feedback", "{\"verdict\": \"missed\", \"series\": 1, \"from\":"
          + " \"yesterday\", \"to\": 5}"), 400, "from: ");

      expect(http.post("/api/v1/models/7/promote", ""), 404, "no model version 7");
      expect(http.post("/api/v1/series/1/rollback", ""), 409,
          "series 1 has no champion model to roll back from");
      expect(http.post("/api/v1/series/1/retune", ""), 409,
          "series 1 has no labelled incident yet");
      expect(http.get("/api/v1/models/x"), 400, "id must be a number, was 'x'");

      assertThat(http.get("/api/v1/models").json().get("models")).isEmpty();
      assertThat(http.get("/api/v1/feedback?series=1").json().get("labels")).isEmpty();

      // Once there is a champion, the switches that make no sense say why.
      long v1 = http.post("/api/v1/models/train?wait=true", "{\"series\": 1, \"candidates\":"
          + " [\"robust-ewma\"]}").json().get("versions").get(0).get("id").asLong();
      assertThat(http.post("/api/v1/models/" + v1 + "/promote", "").status()).isEqualTo(200);
      expect(http.post("/api/v1/models/" + v1 + "/promote", ""), 409,
          "model version " + v1 + " is already the champion of series 1");
      expect(http.post("/api/v1/models/" + v1 + "/shadow", ""), 409, "model version " + v1
          + " is the champion; only another version can run in its shadow");
      expect(http.get("/api/v1/models/" + v1 + "/shadow"), 409, "model version " + v1
          + " is not in shadow");
      expect(http.post("/api/v1/series/1/rollback", ""), 409,
          "series 1 had no champion before version 1");
      assertThat(http.get("/api/v1/models").json().get("models")).hasSize(1);
    }
  }

  private static void expect(HttpClientSupport.Reply r, int status, String message) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json().get("error").asText()).startsWith(message);
  }

  @Test
  void trainingJobsAnswerAfterARestart_anUnfinishedOneSaysItWasInterrupted() throws Exception {
    long done;
    try (VigilServer server = VigilServer.start(config(dir, ModelSettings.DEFAULTS))) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      assertThat(http.post("/api/v1/points", batch("cpu", 0, 500, 50, 5, 1)).status())
          .isEqualTo(200);
      done = http.post("/api/v1/models/train", "{\"series\": 1, \"candidates\":"
          + " [\"robust-ewma\"], \"by\": \"ana\"}").json().get("job").asLong();
      assertThat(ModelLifecycleTest.await(http, done).get("state").asText()).isEqualTo("done");
    }
    // A job the process was running when it stopped: queued in the store, never finished.
    long unfinished;
    try (var store = io.vigil.server.store.sql.SqlStores.open(dir)) {
      unfinished = store.trainingJobs().open(1, "bo", START);
    }
    try (VigilServer server = VigilServer.start(config(dir, ModelSettings.DEFAULTS))) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      JsonNode before = http.get("/api/v1/models/jobs/" + done).json();
      assertThat(before.get("state").asText()).isEqualTo("done");
      assertThat(before.get("seriesDone").asInt()).isEqualTo(1);
      assertThat(before.get("versions").get(0).get("id").asLong()).isEqualTo(1);
      assertThat(before.get("versions").get(0).get("spec").asText()).startsWith("robust-ewma");
      assertThat(before.get("versions").get(0).get("promoted").asBoolean()).isFalse();
      JsonNode cut = http.get("/api/v1/models/jobs/" + unfinished).json();
      assertThat(cut.get("state").asText()).isEqualTo("failed");
      assertThat(cut.get("error").asText()).startsWith("interrupted: Vigil stopped while it"
          + " ran");
      long next = http.post("/api/v1/models/train", "{\"series\": 1, \"candidates\":"
          + " [\"robust-ewma\"]}").json().get("job").asLong();
      assertThat(next).as("ids are never reused").isGreaterThan(unfinished);
      expect(http.get("/api/v1/models/jobs/999"), 404, "no training job 999");
    }
  }

  @Test
  void aCsvHistoryTrainsAVersion_badRowsAreNamed() {
    try (VigilServer server = VigilServer.start(config(dir, ModelSettings.DEFAULTS))) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      StringBuilder csv = new StringBuilder("timestamp,value\n");
      Random r = new Random(3);
      for (int i = 0; i < 400; i++) {
        csv.append(START + i * STEP).append(',').append(20 + r.nextGaussian()).append('\n');
      }
      JsonNode v = http.post("/api/v1/models/train?wait=true&series=disk_io&label=host:db1"
          + "&candidate=robust-ewma&candidate=windowed-gaussian:window=100", csv.toString(),
          "text/csv").json().get("versions").get(0);
      assertThat(v.get("training").get("source").asText()).isEqualTo("csv");
      assertThat(v.get("training").get("points").asInt()).isEqualTo(400);
      assertThat(v.get("training").get("throughSeq").asLong()).isEqualTo(-1);
      assertThat(v.get("validation").get("report").get("candidates")).hasSize(2);
      // Promoted before any point is stored, it judges the first live point.
      assertThat(http.post("/api/v1/models/" + v.get("id").asLong() + "/promote", "").status())
          .isEqualTo(200);
      JsonNode series = http.get("/api/v1/series").json().get("series").get(0);
      assertThat(series.get("labels").get("host").asText()).isEqualTo("db1");
      assertThat(series.get("model").get("id").asLong()).isEqualTo(v.get("id").asLong());

      expect(http.post("/api/v1/models/train?series=disk_io", "timestamp,value\n1,2\nx,3\n",
          "text/csv"), 400, "body:3");
      assertThat(http.get("/api/v1/models").json().get("models")).hasSize(1);
    }
  }

  @Test
  void aChampionWhoseSeriesChangesTurnsDegraded_onTheApiAndMetrics() {
    ModelSettings settings = new ModelSettings(false, 0.2, 0.25, Duration.ofHours(1));
    try (VigilServer server = VigilServer.start(config(dir, settings))) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      assertThat(http.post("/api/v1/points", batch("cpu", 0, 3000, 50, 5, 1)).status())
          .isEqualTo(200);
      // A long window: the model is slow to take a new regime for normal.
      long v1 = http.post("/api/v1/models/train?wait=true", "{\"series\": 1, \"candidates\":"
          + " [\"windowed-gaussian:window=1500\"]}").json().get("versions").get(0).get("id")
          .asLong();
      http.post("/api/v1/models/" + v1 + "/promote", "");
      assertThat(http.post("/api/v1/points", batch("cpu", 3000, 400, 50, 5, 2)).status())
          .isEqualTo(200);
      JsonNode healthy = http.get("/api/v1/models/health").json();
      assertThat(healthy.get("degraded").asInt()).as(healthy.toString()).isZero();
      assertThat(healthy.get("models").get(0).get("status").asText()).isEqualTo("ok");

      // The series gets four times noisier: most points now look unusual to the model.
      assertThat(http.post("/api/v1/points", batch("cpu", 3400, 600, 50, 20, 3)).status())
          .isEqualTo(200);
      JsonNode h = http.get("/api/v1/models/health").json().get("models").get(0);
      assertThat(h.get("status").asText()).isEqualTo("degraded");
      assertThat(h.get("drift").asDouble()).isGreaterThan(0.25);
      assertThat(h.get("reasons").get(0).asText()).startsWith("score drift ");
      assertThat(h.get("alertRate").asDouble()).isGreaterThan(h.get("trainingAlertRate")
          .asDouble());
      String metrics = http.get("/metrics").body();
      assertThat(metrics).contains("vigil_model_healthy{vigil_series=\"cpu\",model_id=\""
          + v1 + "\"} 0.0", "vigil_model_score_drift{vigil_series=\"cpu\",model_id=\"" + v1);
      assertThat(http.get("/api/v1/models/" + v1).json().get("health").get("status").asText())
          .isEqualTo("degraded");
    }
  }

  @Test
  void automaticPromotionOnlyWhenTheCandidateBeatsTheChampion() {
    ModelSettings auto = new ModelSettings(true, 0.2, 0.25, Duration.ofHours(1));
    try (VigilServer server = VigilServer.start(config(dir, auto))) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      assertThat(http.post("/api/v1/points", batch("cpu", 0, 2000, 50, 5, 1)).status())
          .isEqualTo(200);
      String train = "/api/v1/models/train?wait=true";
      JsonNode first = http.post(train, "{\"series\": 1, \"candidates\": [\"default\"]}")
          .json().get("versions").get(0);
      assertThat(first.get("promoted").asBoolean()).as("no champion yet").isTrue();
      assertThat(first.get("status").asText()).isEqualTo("champion");

      JsonNode same = http.post(train, "{\"series\": 1, \"candidates\": [\"default\"]}")
          .json().get("versions").get(0);
      assertThat(same.get("promoted").asBoolean()).as("the champion's own spec").isFalse();
      assertThat(same.get("status").asText()).isEqualTo("candidate");

      // The default detector suppresses repeats for 12 h, so of the injected spikes (one
      // every 200 minutes) it reports few; robust-ewma reports each.
      JsonNode better = http.post(train, "{\"series\": 1, \"candidates\": [\"robust-ewma\"]}")
          .json().get("versions").get(0);
      JsonNode candidates = better.get("validation").get("report").get("candidates");
      assertThat(candidates.get(1).get("champion").asBoolean()).isTrue();
      assertThat(candidates.get(0).get("injectedF1").asDouble())
          .isGreaterThan(candidates.get(1).get("injectedF1").asDouble());
      assertThat(better.get("promoted").asBoolean()).isTrue();
      assertThat(http.get("/api/v1/series/1/models").json().get("history").get(1).get("by")
          .asText()).isEqualTo("auto");
    }
  }
}
