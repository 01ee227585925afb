package io.vigil.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged plug-in jar, dropped into a folder and loaded by the packaged {@code vigil.jar}
 * with {@code --plugins}: its detectors work by name in the benches and in the service, and
 * without the folder they are unknown.
 */
class ExamplePluginIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");
  private static final Path DATASETS = Path.of(System.getProperty("vigil.datasets"));

  @TempDir Path dir;
  private Path plugins;

  @BeforeEach
  void dropTheJarIntoAPluginsFolder() throws IOException {
    plugins = Files.createDirectories(dir.resolve("plugins"));
    Path jar = Path.of(System.getProperty("plugin.jar"));
    Files.copy(jar, plugins.resolve(jar.getFileName()));
  }

  private record Run(int exit, String out, String err) {}

  private Run vigil(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("java", "-jar",
        System.getProperty("vigil.jar")));
    command.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("vigil finished").isTrue();
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void theStreamingDetector_runsInTheAccuracyBench_andIsUnknownWithoutThePlugin()
      throws Exception {
    String corpus = DATASETS.resolve("nezha-cpu").toString();
    Run with = vigil("--plugins", plugins.toString(), "bench", "accuracy", "--corpora", corpus,
        "--detectors", "median-distance", "--no-peers", "--json");
    assertThat(with.exit()).as(with.err()).isZero();
    JsonNode row = JSON.readTree(with.out()).get("overall").get(0);
    assertThat(row.get("detector").asText()).isEqualTo("median-distance");
    assertThat(row.get("standard").asDouble()).isGreaterThan(10);

    Run without = vigil("bench", "accuracy", "--corpora", corpus, "--detectors",
        "median-distance", "--no-peers");
    assertThat(without.exit()).isNotZero();
    assertThat(without.err()).contains("unknown algorithm 'median-distance'");
  }

  @Test
  void theBatchDetector_runsInTheMultivariateBench() throws Exception {
    Run r = vigil("--plugins", plugins.toString(), "bench", "multivariate", "--data",
        DATASETS.resolve("multivariate").toString(), "--detectors", "gaussian,max-robust-z",
        "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode detectors = JSON.readTree(r.out()).get("detectors");
    assertThat(detectors.get(1).get("name").asText()).isEqualTo("max-robust-z");
    assertThat(detectors.get(1).get("mean").get("prAuc").asDouble()).isBetween(0.05, 1.0);
  }

  @Test
  void theServiceRunsThePluginDetector_forTheSeriesItsRuleMatches() throws Exception {
    Path config = dir.resolve("vigil.yaml");
    Files.writeString(config, """
        detectors:
          - match: {series: "cpu"}
            detector: median-distance:window=30
        """);
    Process p = new ProcessBuilder("java", "-jar", System.getProperty("vigil.jar"),
        "--plugins", plugins.toString(), "serve", "--port", "0", "--data-dir",
        dir.resolve("data").toString(), "--config", config.toString())
        .redirectError(dir.resolve("serve.log").toFile()).start();
    try {
      String line = new BufferedReader(new InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8)).readLine();
      assertThat(line).as("first line; log: %s", Files.readString(dir.resolve("serve.log")))
          .isNotNull();
      Matcher m = LISTENING.matcher(line);
      assertThat(m.find()).as(line).isTrue();
      int port = Integer.parseInt(m.group(1));
      StringBuilder body = new StringBuilder("[");
      for (int i = 0; i < 100; i++) {
        body.append(i == 0 ? "" : ",").append("{\"series\":\"cpu\",\"timestamp\":")
            .append(1_700_000_000_000L + i * 60_000L).append(",\"value\":")
            .append(i == 99 ? 500 : 50 + i % 7).append('}');
      }
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> posted = client.send(HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + port + "/api/v1/points")).header("Content-Type",
          "application/json").POST(HttpRequest.BodyPublishers.ofString(body.append(']')
          .toString())).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
      JsonNode series = JSON.readTree(client.send(HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + port + "/api/v1/series")).GET().build(),
          HttpResponse.BodyHandlers.ofString()).body()).get("series").get(0);
      assertThat(series.get("detector").asText()).isEqualTo("median-distance:window=30");
      assertThat(series.get("expected").asDouble()).isBetween(50.0, 56.0);
      assertThat(series.get("probability").asDouble()).as("the last point, 500")
          .isGreaterThan(0.99);
    } finally {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
