package io.vigil.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.detect.StreamingDetector;
import io.vigil.detect.catalog.DetectorSpec;
import io.vigil.detect.catalog.StreamingDetectors;
import io.vigil.model.ModelKey;
import io.vigil.series.SeriesKey;
import io.vigil.server.TestPostgres;
import io.vigil.server.VigilServer;
import io.vigil.server.config.ServerConfig;
import io.vigil.server.store.StoreLocation;
import io.vigil.server.store.sql.SqlStores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model promoted in the service reaches the job: the service on PostgreSQL trains and
 * promotes a version for one series; the job, reading the same store's registry, judges that
 * series by the champion's trained state (named in each assessment) and the other series by
 * its rules' detector (skipped, saying why, where PostgreSQL is not installed).
 */
class RegistryJobTest {
  @RegisterExtension
  static final MiniClusterExtension CLUSTER = TestCluster.twoSlots();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long START = 1_700_000_000_000L;
  private static final String CHAMPION_SPEC = "robust-ewma:alpha=0.02";

  @TempDir Path dir;
  private final HttpClient client = HttpClient.newHttpClient();

  private JsonNode post(int port, String path, String body) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + port + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static List<MetricPoint> series(String pod, int from, int to, long seed) {
    Random random = new Random(seed);
    List<MetricPoint> out = new ArrayList<>();
    for (int i = 0; i < to; i++) {
      double v = 40 + 10 * Math.sin(2 * Math.PI * i / 1440.0) + 3 * random.nextGaussian()
          + (i == to - 100 ? 50 : 0);
      if (i >= from) {
        out.add(new MetricPoint(SeriesKey.of("queue_depth", Map.of("pod", pod)),
            START + i * 60_000L, v));
      }
    }
    return out;
  }

  private static String json(List<MetricPoint> points) {
    StringBuilder b = new StringBuilder("[");
    for (MetricPoint p : points) {
      b.append(b.length() == 1 ? "" : ",").append("{\"series\":\"").append(p.name)
          .append("\",\"labels\":{\"pod\":\"").append(p.labels[1]).append("\"},\"timestamp\":")
          .append(p.timestampMs).append(",\"value\":").append(p.value).append('}');
    }
    return b.append(']').toString();
  }

  @Test
  void aChampionPromotedInTheService_judgesItsSeriesInTheJob() throws Exception {
    String url = TestPostgres.freshDatabaseUrl();
    StoreLocation store = StoreLocation.parse(url, null);
    long champion;
    try (VigilServer server = VigilServer.start(ServerConfig.defaults()
        .withAddress("127.0.0.1", 0).withDataDir(dir).withStore(store))) {
      post(server.port(), "/api/v1/points", json(series("p0", 0, 3000, 1)));
      post(server.port(), "/api/v1/points", json(series("p1", 0, 3000, 2)));
      JsonNode trained = post(server.port(), "/api/v1/models/train?wait=true",
          "{\"series\": 1, \"candidates\": [\"" + CHAMPION_SPEC + "\"], \"by\": \"test\"}");
      champion = trained.get("versions").get(0).get("id").asLong();
      post(server.port(), "/api/v1/models/" + champion + "/promote", "");
    }
    Path key = dir.resolve("model.key");

    List<MetricPoint> later = new ArrayList<>(series("p0", 3000, 3600, 1));
    later.addAll(series("p1", 3000, 3600, 2));
    later.sort(java.util.Comparator.comparingLong(p -> p.timestampMs));
    CollectingSink.clear();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    VigilJob.detect(env.fromData(later), DetectorChoice.defaults(),
        new RegistryChampions(url, key.toString(), 60_000)).sinkTo(new CollectingSink());
    env.execute("with the registry");

    StreamingDetector promoted;
    try (SqlStores s = SqlStores.openExisting(store)) {
      promoted = StreamingDetectors.restore(s.registry(ModelKey.read(key), false)
          .state(champion));
    }
    assertThat(promoted.algorithm()).isEqualTo("robust-ewma");
    StreamingDetector fresh = DetectorSpec.parse(DetectorChoice.defaults().detectorFor(
        later.get(1).seriesKey())).create();
    Map<String, Double> expected = new HashMap<>();
    for (MetricPoint p : later) {
      StreamingDetector d = p.labels[1].equals("p0") ? promoted : fresh;
      expected.put(CollectingSink.key(p.series, p.timestampMs),
          d.process(p.timestampMs, p.value).probability());
    }
    assertThat(CollectingSink.PROBABILITY).isEqualTo(expected);
    assertThat(CollectingSink.VERSION).containsEntry("queue_depth{pod=\"p0\"}", champion)
        .containsEntry("queue_depth{pod=\"p1\"}", 0L);
  }
}
