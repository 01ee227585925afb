package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.detect.Assessment;
import io.vigil.detect.StreamingDetector;
import io.vigil.detect.catalog.DetectorSpec;
import io.vigil.server.config.ServerConfig;
import io.vigil.server.store.StoreLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Train, promote, shadow, promote, roll back, restart, through the HTTP API: the live scores
 * after the rollback are exactly those of the first version had it never been replaced.
 */
class ModelLifecycleTest {
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
  private static final String V1 = "robust-ewma:alpha=0.02";
  private static final String V2 = "robust-ewma:alpha=0.2+mean-3";

  @TempDir Path dir;
  private final List<Double> sent = new ArrayList<>();
  private final Random random = new Random(5);

  private HttpClientSupport.Reply send(HttpClientSupport http, int n, double sd) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      double v = 100 + sd * random.nextGaussian();
      b.append(i == 0 ? "" : ",").append("{\"series\":\"latency_ms\",\"labels\":{\"host\":"
          + "\"a\"},\"timestamp\":").append(START + sent.size() * STEP).append(",\"value\":")
          .append(v).append('}');
      sent.add(v);
    }
    return http.post("/api/v1/points", b.append(']').toString());
  }

  /** What {@code spec} says of every point sent, had it run on them all from the start. */
  private List<Assessment> offline(String spec) {
    StreamingDetector d = DetectorSpec.parse(spec).create();
    List<Assessment> out = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      out.add(d.process(START + i * STEP, sent.get(i)));
    }
    return out;
  }

  /** The stored probabilities of points from..to-1 (by position). */
  private static List<Double> stored(HttpClientSupport http, int from, int to) {
    JsonNode pts = http.get("/api/v1/series/1/points?from=" + (START + from * STEP) + "&to="
        + (START + to * STEP)).json().get("points");
    List<Double> out = new ArrayList<>();
    pts.forEach(p -> out.add(p.get("probability").asDouble()));
    return out;
  }

  private static List<Double> probabilities(List<Assessment> all, int from, int to) {
    return all.subList(from, to).stream().map(Assessment::probability).toList();
  }

  private ServerConfig config(Path dir) {
    return defaults().withAddress("127.0.0.1", 0).withDataDir(dir);
  }

  @Test
  void trainPromoteShadowPromoteRollBack_theLiveScoresAreTheFirstVersions() throws Exception {
    long v1;
    long v2;
    try (VigilServer server = VigilServer.start(config(dir))) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      assertThat(send(http, 3000, 5).status()).isEqualTo(200);

      JsonNode trained = http.post("/api/v1/models/train?wait=true", "{\"series\": 1,"
          + " \"candidates\": [\"" + V1 + "\"], \"by\": \"alice\"}").json();
      JsonNode first = trained.get("versions").get(0);
      v1 = first.get("id").asLong();
      assertThat(first.get("status").asText()).isEqualTo("candidate");
      assertThat(first.get("spec").asText()).isEqualTo(V1);
      assertThat(first.get("training").get("points").asInt()).isEqualTo(3000);
      assertThat(first.get("training").get("throughSeq").asLong()).isEqualTo(2999);
      assertThat(first.get("createdBy").asText()).isEqualTo("alice");
      assertThat(first.get("validation").get("metric").asText()).isEqualTo("injected-f1");
      assertThat(first.get("validation").get("report").get("candidates")).hasSize(1);

      assertThat(http.post("/api/v1/models/" + v1 + "/promote", "").json().get("status")
          .asText()).isEqualTo("champion");
      assertThat(send(http, 500, 5).status()).isEqualTo(200);

      // v2 in the background: the job reports progress, then its version.
      JsonNode job = http.post("/api/v1/models/train", "{\"series\": 1, \"candidates\": [\""
          + V2 + "\"]}").json();
      assertThat(job.get("state").asText()).isIn("queued", "running", "done");
      JsonNode done = await(http, job.get("job").asLong());
      assertThat(done.get("progress").get("points").asLong()).isPositive()
          .isEqualTo(done.get("progress").get("of").asLong());
      JsonNode second = done.get("versions").get(0);
      v2 = second.get("id").asLong();
      assertThat(second.get("version").asInt()).isEqualTo(2);
      // The champion's spec is trained next to the candidate, so the report compares them.
      assertThat(second.get("validation").get("report").get("candidates")).hasSize(2);

      JsonNode diff = http.get("/api/v1/models/" + v1 + "/diff/" + v2).json();
      List<String> changed = new ArrayList<>();
      diff.get("differences").forEach(d -> changed.add(d.get("field").asText()));
      assertThat(changed).contains("spec", "parameters.alpha", "training.points", "status");

      assertThat(http.post("/api/v1/models/" + v2 + "/shadow", "").status()).isEqualTo(200);
      assertThat(send(http, 300, 5).status()).isEqualTo(200);
      JsonNode shadow = http.get("/api/v1/models/" + v2 + "/shadow").json();
      assertThat(shadow.get("fromSeq").asLong()).isEqualTo(3500);
      assertThat(shadow.get("challenger").get("points").asLong()).isEqualTo(300);
      assertThat(shadow.get("champion").get("points").asLong()).isEqualTo(300);
      assertThat(shadow.get("champion").get("modelId").asLong()).isEqualTo(v1);
      // No labels in the stretch: counts only.
      assertThat(shadow.get("challenger").get("precision").isNull()).isTrue();
      // The challenger's alert count is what v2 would have flagged on those 300 points.
      List<Assessment> v2Offline = offline(V2);
      double v2Threshold = second.get("threshold").asDouble();
      long expectedAlerts = v2Offline.subList(3500, 3800).stream()
          .filter(a -> a.probability() >= v2Threshold).count();
      assertThat(shadow.get("challenger").get("alerts").asLong()).isEqualTo(expectedAlerts);

      assertThat(http.post("/api/v1/models/" + v2 + "/promote", "").status()).isEqualTo(200);
      assertThat(send(http, 200, 5).status()).isEqualTo(200);
      assertThat(stored(http, 3800, 4000)).isEqualTo(probabilities(offline(V2), 3800, 4000));

      JsonNode back = http.post("/api/v1/series/1/rollback", "{\"by\": \"bob\"}").json();
      assertThat(back.get("id").asLong()).isEqualTo(v1);
      assertThat(back.get("status").asText()).isEqualTo("champion");
      assertThat(send(http, 200, 5).status()).isEqualTo(200);
      List<Assessment> v1Offline = offline(V1);
      assertThat(stored(http, 4000, 4200)).isEqualTo(probabilities(v1Offline, 4000, 4200))
          .isNotEqualTo(probabilities(offline(V2), 4000, 4200));

      JsonNode history = http.get("/api/v1/series/1/models").json().get("history");
      List<String> actions = new ArrayList<>();
      history.forEach(e -> actions.add(e.get("action").asText() + " " + e.get("versionId")
          .asLong()));
      assertThat(actions).containsExactly("promote " + v1, "shadow " + v2, "promote " + v2,
          "rollback " + v1);
      assertThat(history.get(3).get("previousId").asLong()).isEqualTo(v2);
      assertThat(history.get(3).get("by").asText()).isEqualTo("bob");
    }
    // After a restart, v1 goes on exactly where it was.
    try (VigilServer server = VigilServer.start(config(dir))) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      assertThat(send(http, 100, 5).status()).isEqualTo(200);
      assertThat(stored(http, 4200, 4300)).isEqualTo(probabilities(offline(V1), 4200, 4300));
      JsonNode models = http.get("/api/v1/models?series=1").json().get("models");
      assertThat(models).hasSize(2);
      assertThat(models.get(0).get("status").asText()).isEqualTo("retired");
      assertThat(models.get(1).get("status").asText()).isEqualTo("champion");
      JsonNode series = http.get("/api/v1/series").json().get("series").get(0);
      assertThat(series.get("model").get("id").asLong()).isEqualTo(v1);
    }
  }

  static JsonNode await(HttpClientSupport http, long job) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      JsonNode j = http.get("/api/v1/models/jobs/" + job).json();
      if (!j.get("state").asText().equals("queued") && !j.get("state").asText()
          .equals("running")) {
        assertThat(j.get("state").asText()).as(j.toString()).isEqualTo("done");
        return j;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("training job " + job + " did not finish in 30 s");
  }
}
