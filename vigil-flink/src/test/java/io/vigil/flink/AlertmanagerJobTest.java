package io.vigil.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.series.Timestamps;
import io.vigil.server.WebhookReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's alerts reach Alertmanager's v2 API (a stand-in that records what it is sent, with
 * basic authentication from the URL as the service sends it): the labels the service's alert
 * would carry, the point's time as start and resolveAfter later as end; a series no rule
 * matches sends nothing.
 */
class AlertmanagerJobTest {
  @RegisterExtension
  static final MiniClusterExtension CLUSTER = TestCluster.twoSlots();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long START = 1_700_000_000_000L;

  @TempDir Path dir;

  @Test
  void anomaliesOfARuleSeries_becomeAlertmanagerAlerts() throws Exception {
    Path points = Files.createDirectories(dir.resolve("points"));
    List<String> lines = new ArrayList<>();
    Random random = new Random(5);
    int spike = 1200;
    for (int i = 0; i < 1500; i++) {
      for (String series : new String[] {"queue_depth", "cpu_seconds"}) {
        double v = 40 + 3 * random.nextGaussian() + (i == spike ? 200 : 0);
        lines.add("{\"series\":\"" + series + "\",\"labels\":{\"pod\":\"p0\"},\"timestamp\":"
            + (START + i * 60_000L) + ",\"value\":" + v + "}");
      }
    }
    Files.write(points.resolve("points.jsonl"), lines);
    try (WebhookReceiver alertmanager = new WebhookReceiver(1)) { // the first attempt fails
      Path config = dir.resolve("vigil.yaml");
      Files.writeString(config, "alerts:\n"
          + "  - name: queue-high\n"
          + "    match: {series: queue_depth}\n"
          + "    minProbability: 0.999\n"
          + "    resolveAfter: 10m\n"
          + "notifiers:\n"
          + "  - alertmanager: " + alertmanager.url("/").replace("://", "://vigil:secret@")
          + "\n    maxAttempts: 3\n");
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      env.setParallelism(2);
      VigilJob.define(env, new String[] {"--points", points.toString(), "--output",
          dir.resolve("out").toString(), "--config", config.toString()});
      env.execute("alerts");

      assertThat(alertmanager.paths()).isNotEmpty().allMatch(p -> p.equals("/api/v2/alerts"));
      assertThat(alertmanager.authorizations()).allMatch(a -> a.equals("Basic "
          + java.util.Base64.getEncoder().encodeToString("vigil:secret".getBytes())));
      List<JsonNode> alerts = new ArrayList<>();
      for (String body : alertmanager.bodies()) {
        JSON.readTree(body).forEach(alerts::add);
      }
      assertThat(alerts).isNotEmpty().allSatisfy(a -> {
        assertThat(a.get("labels").get("alertname").asText()).isEqualTo("queue-high");
        assertThat(a.get("labels").get("vigil_series").asText()).isEqualTo("queue_depth");
        assertThat(a.get("labels").get("pod").asText()).isEqualTo("p0");
        long starts = Timestamps.parseMillis(a.get("startsAt").asText());
        assertThat(Timestamps.parseMillis(a.get("endsAt").asText()) - starts).isEqualTo(600_000L);
        assertThat(Double.parseDouble(a.get("annotations").get("probability").asText()))
            .isGreaterThanOrEqualTo(0.999);
      });
      assertThat(alerts).anySatisfy(a -> assertThat(a.get("startsAt").asText())
          .isEqualTo(Timestamps.format(START + spike * 60_000L)));
    }
  }
}
