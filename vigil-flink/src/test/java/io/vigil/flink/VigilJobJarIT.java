package io.vigil.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code vigil-flink-job.jar} submitted with Flink's own command line ({@code
 * flink run -t local}: Flink's {@code CliFrontend}, what {@code bin/flink} starts, in a
 * process of its own with the JVM options Flink's scripts give it), Vigil's classes only from
 * the jar, Flink's from this test's class path (a cluster's lib/ holds them). A file of points
 * in, assessment lines and refused lines out.
 */
class VigilJobJarIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void theJobJar_readsPointFiles_writesAssessments_andNamesRefusedLines() throws Exception {
    Path points = Files.createDirectories(dir.resolve("points"));
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      double v = i == 500 ? 400 : 100 + 5 * Math.sin(i / 7.0);
      lines.add("{\"series\":\"latency_ms\",\"labels\":{\"host\":\"a\"},\"timestamp\":"
          + (1_700_000_000_000L + i * 60_000L) + ",\"value\":" + v + "}");
    }
    lines.add(300, "{\"series\":\"latency_ms\",\"timestamp\":\"yesterday\",\"value\":1}");
    Files.write(points.resolve("batch.jsonl"), lines);
    Path config = dir.resolve("vigil.yaml");
    Files.writeString(config, "detectors:\n  - match: {series: latency_ms}\n"
        + "    detector: robust-ewma\n");
    Path out = dir.resolve("out");

    String flinkClassPath = Stream.of(System.getProperty("java.class.path")
        .split(File.pathSeparator)).filter(e -> !e.contains("vigil-"))
        .collect(Collectors.joining(File.pathSeparator));
    Path conf = Files.createDirectories(dir.resolve("flink-conf"));
    Files.writeString(conf.resolve("config.yaml"), "parallelism.default: 2\n");
    List<String> command = new ArrayList<>(List.of("java"));
    for (String p : new String[] {"java.lang", "java.lang.invoke", "java.lang.reflect",
        "java.io", "java.math", "java.net", "java.nio", "java.security", "java.text",
        "java.time", "java.util", "java.util.concurrent", "java.util.concurrent.atomic",
        "java.util.concurrent.locks", "sun.nio.ch"}) {
      command.add("--add-opens=java.base/" + p + "=ALL-UNNAMED"); // as Flink's scripts do
    }
    command.addAll(List.of("-cp", flinkClassPath, "org.apache.flink.client.cli.CliFrontend",
        "run", "-t", "local", System.getProperty("vigil.flink.jar"),
        "--points", points.toString(), "--output", out.toString(),
        "--config", config.toString()));
    ProcessBuilder run = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("job.log").toFile());
    run.environment().put("FLINK_CONF_DIR", conf.toString());
    Process job = run.start();
    assertThat(job.waitFor(180, TimeUnit.SECONDS)).as("the job finishes").isTrue();
    assertThat(job.exitValue()).as(Files.readString(dir.resolve("job.log"))).isZero();

    List<JsonNode> assessed = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          if (f.toString().contains("rejected")) {
            refused.add(line);
          } else {
            assessed.add(JSON.readTree(line));
          }
        }
      }
    }
    assertThat(assessed).hasSize(600);
    assertThat(refused).singleElement().asString().contains("timestamp").contains("yesterday");
    assertThat(assessed).allSatisfy(a -> assertThat(a.get("detector").asText())
        .isEqualTo("robust-ewma")); // the configuration's rule chose it
    assertThat(Files.readString(dir.resolve("job.log"))).contains("has finished");
    JsonNode spike = assessed.stream().filter(a -> a.get("value").asDouble() == 400)
        .findFirst().orElseThrow();
    assertThat(spike.get("probability").asDouble()).isGreaterThan(0.999);
    assertThat(spike.get("series").asText()).isEqualTo("latency_ms{host=\"a\"}");
  }
}
