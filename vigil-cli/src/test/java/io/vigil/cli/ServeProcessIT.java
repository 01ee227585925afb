package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.detect.StreamingDetector;
import io.vigil.detect.catalog.StreamingDetectors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil serve} as a real process: killed with SIGKILL in the middle of ingest, then
 * restarted; stopped with SIGTERM. Needs the packaged jar (failsafe runs it after package).
 */
class ServeProcessIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");
  private static final long START = 1_700_000_000_000L;
  private static final long STEP = 60_000;
  private static final int BATCH = 1000;

  @TempDir Path dir;
  private final HttpClient client = HttpClient.newHttpClient();

  /** A running {@code vigil serve} and the port it reported. */
  private record Server(Process process, int port, Path log) {}

  /** Where the served data is kept: the embedded default here; PostgreSQL in a subclass. */
  List<String> storeArguments() {
    return List.of();
  }

  private Server start() throws IOException {
    Path log = Files.createTempFile(dir, "serve", ".log");
    List<String> command = new ArrayList<>(List.of("java", "-jar",
        System.getProperty("vigil.jar"), "serve", "--port", "0", "--data-dir",
        dir.resolve("data").toString()));
    command.addAll(storeArguments());
    Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8));
    String line = out.readLine();
    assertThat(line).as("first line of vigil serve; log: %s", Files.readString(log))
        .isNotNull();
    Matcher m = LISTENING.matcher(line);
    assertThat(m.find()).as(line).isTrue();
    return new Server(p, Integer.parseInt(m.group(1)), log);
  }

  private static double value(int i, Random random) {
    return 50 + 10 * Math.sin(2 * Math.PI * i / 1440.0) + random.nextGaussian();
  }

  private String batch(int from, double[] values) {
    StringBuilder b = new StringBuilder("[");
    for (int i = from; i < from + BATCH; i++) {
      b.append(i == from ? "" : ",").append("{\"series\":\"queue_depth\",\"timestamp\":")
          .append(START + i * STEP).append(",\"value\":").append(values[i]).append('}');
    }
    return b.append(']').toString();
  }

  private HttpResponse<String> post(int port, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/api/v1/points")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode get(int port, String path) throws Exception {
    return JSON.readTree(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + port + path)).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  @Test
  void killedDuringIngest_keepsEveryAcknowledgedPoint_andResumesDetection() throws Exception {
    int total = 40 * BATCH;
    double[] values = new double[total];
    Random random = new Random(11);
    for (int i = 0; i < total; i++) {
      values[i] = value(i, random);
    }
    Server first = start();
    // A client thread ingests batch after batch; the test kills the server under it.
    int[] acknowledged = {0};
    Thread client = new Thread(() -> {
      try {
        for (int b = 0; b < 30; b++) {
          if (post(first.port(), batch(b * BATCH, values)).statusCode() != 200) {
            return;
          }
          synchronized (acknowledged) {
            acknowledged[0] = (b + 1) * BATCH;
          }
        }
      } catch (Exception e) {
        // the connection died with the server: expected
      }
    });
    client.start();
    while (true) {
      synchronized (acknowledged) {
        if (acknowledged[0] >= 25 * BATCH) {
          break;
        }
      }
      Thread.sleep(5);
    }
    first.process().destroyForcibly(); // SIGKILL: no shutdown hook, no checkpoint
    first.process().waitFor(30, TimeUnit.SECONDS);
    client.join();
    int acked;
    synchronized (acknowledged) {
      acked = acknowledged[0];
    }

    Server second = start();
    try {
      JsonNode stored = get(second.port(), "/api/v1/series/1/points?limit=100000")
          .get("points");
      int kept = stored.size();
      assertThat(kept).as("every acknowledged point survives").isGreaterThanOrEqualTo(acked);
      assertThat(kept % BATCH).as("a batch is stored whole or not at all").isZero();
      for (int b = kept / BATCH; b < total / BATCH; b++) {
        assertThat(post(second.port(), batch(b * BATCH, values)).statusCode()).isEqualTo(200);
      }
      JsonNode all = get(second.port(), "/api/v1/series/1/points?limit=100000").get("points");
      assertThat(all).hasSize(total);
      StreamingDetector reference = StreamingDetectors.create(StreamingDetectors.DEFAULT);
      for (int i = 0; i < total; i++) {
        double p = reference.process(START + i * STEP, values[i]).probability();
        assertThat(all.get(i).get("probability").asDouble())
            .as("point %d, as if the server had never stopped", i).isEqualTo(p);
      }
    } finally {
      second.process().destroy();
      second.process().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void sigterm_checkpointsAndExits() throws Exception {
    Server s = start();
    double[] values = new double[BATCH];
    Random random = new Random(12);
    for (int i = 0; i < BATCH; i++) {
      values[i] = value(i, random);
    }
    assertThat(post(s.port(), batch(0, values)).statusCode()).isEqualTo(200);
    s.process().destroy(); // SIGTERM
    assertThat(s.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(s.log())).contains("stopped: 1 series checkpointed");
    Server again = start();
    try {
      assertThat(Files.readString(again.log())).contains("1 series in ");
      assertThat(get(again.port(), "/api/v1/series/1/points").get("points")).hasSize(BATCH);
    } finally {
      again.process().destroy();
      again.process().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
