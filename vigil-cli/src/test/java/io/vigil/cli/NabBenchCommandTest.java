package io.vigil.cli;

import static io.vigil.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil bench nab} on a 2-file corpus in NAB's layout (NAB's own "tiny" labels). */
class NabBenchCommandTest {
  @TempDir Path corpus;

  @BeforeEach
  void tinyCorpus() throws Exception {
    Path nab = Path.of(System.getProperty("vigil.datasets", "../datasets"), "nab");
    Files.createDirectories(corpus.resolve("data/realKnownCause"));
    Files.createDirectories(corpus.resolve("labels"));
    for (String f : List.of("nyc_taxi.csv", "rogue_agent_key_hold.csv")) {
      Files.copy(nab.resolve("data/realKnownCause").resolve(f),
          corpus.resolve("data/realKnownCause").resolve(f));
    }
    Files.copy(nab.resolve("labels/combined_windows_tiny.json"),
        corpus.resolve("labels/combined_windows.json"));
  }

  @Test
  void printsTheTable_andWritesNabFormatResults() throws Exception {
    Path results = corpus.resolve("results");
    Cli.Result r = run("bench", "nab", "--data", corpus.toString(), "--detectors",
        "windowed-gaussian,ensemble", "--results-dir", results.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("2 files, 7 windows", "standard", "low-FP", "low-FN",
        "points/s/core", "state bytes", "windowed-gaussian", "ensemble");
    List<String> lines = Files.readAllLines(
        results.resolve("ensemble/realKnownCause/ensemble_nyc_taxi.csv"));
    List<String> data = Files.readAllLines(corpus.resolve("data/realKnownCause/nyc_taxi.csv"));
    assertThat(lines.get(0)).isEqualTo("timestamp,value,anomaly_score,label");
    assertThat(lines).hasSize(data.size());
    assertThat(lines.get(1)).startsWith(data.get(1).split(",")[0] + ",");
    long labelled = lines.stream().skip(1).filter(l -> l.endsWith(",1")).count();
    assertThat(labelled).isGreaterThan(0);
  }

  @Test
  void forecastBench_onTheSameCorpus() {
    JsonNode j = run("bench", "forecast", "--data", corpus.toString(), "--horizon", "12",
        "--json").json();
    JsonNode rows = j.get("forecasters");
    assertThat(rows).extracting(r -> r.get("forecaster").asText()).contains("seasonal-naive",
        "holt-winters", "linear-trend");
    JsonNode hw = rows.get(1);
    assertThat(hw.get("series").asInt()).isEqualTo(2);
    assertThat(hw.get("coverage").asDouble()).isBetween(0.5, 1.0);
    assertThat(hw.get("meanMase").asDouble()).isPositive();
  }

  @Test
  void accuracyBench_putsThePeersBesideVigil_perCorpusAndOverall() throws Exception {
    // A second corpus: the same files with per-point labels (one labelled row per window).
    Path second = corpus.resolveSibling(corpus.getFileName() + "-points");
    Files.createDirectories(second.resolve("data"));
    Files.createDirectories(second.resolve("labels"));
    Files.copy(corpus.resolve("data/realKnownCause/nyc_taxi.csv"),
        Files.createDirectories(second.resolve("data/taxi")).resolve("nyc_taxi.csv"));
    Files.writeString(second.resolve("labels/combined_windows.json"),
        "{\"taxi/nyc_taxi.csv\": [[\"2014-11-01 19:00:00\", \"2014-11-03 02:00:00\"]]}");
    Files.writeString(second.resolve("labels/labelled_rows.json"),
        "{\"taxi/nyc_taxi.csv\": [[5950, 5960]]}");
    Cli.Result text = run("bench", "accuracy", "--corpora", corpus + "," + second,
        "--detectors", "rarity");
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).contains("2 files, 7 windows", "1 files, 1 windows", "Overall",
        "rarity", "z-score (peer)", "rcf-opensearch (peer)", "PR-AUC", "VUS-PR", "FA/1000",
        "rarity / z-score", "rarity / rcf-opensearch");
    JsonNode j = run("bench", "accuracy", "--corpora", second.toString(), "--detectors",
        "rarity,windowed-gaussian", "--no-peers", "--json").json();
    JsonNode rows = j.get(second.getFileName().toString());
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("vusPr").asDouble()).isBetween(0.0, 1.0);
    assertThat(rows.get(0).get("prAuc").asDouble()).isBetween(0.0, 1.0);
    assertThat(rows.get(1).get("windows").asInt()).isEqualTo(1);
    assertThat(j.get("overall").get(0).get("detector").asText()).isEqualTo("rarity");
    Cli.Result bad = run("bench", "accuracy", "--corpora", second.toString(), "--detectors",
        "nope");
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.err()).contains("--detectors nope", "unknown algorithm 'nope'");
  }

  @Test
  void json_scoresEveryProfile() {
    JsonNode j = run("bench", "nab", "--data", corpus.toString(), "--detectors",
        "robust-ewma", "--json").json();
    JsonNode d = j.get("detectors").get(0);
    assertThat(j.get("windows").asInt()).isEqualTo(7);
    assertThat(d.get("standard").asDouble()).isBetween(-1000.0, 100.0);
    assertThat(d.get("reward_low_FN_rate").isNumber()).isTrue();
    assertThat(d.get("stateBytesPerSeries").asDouble()).isPositive();
  }

  @Test
  void notACorpus_orAnUnknownDetector_isAClearError() {
    Cli.Result notCorpus = run("bench", "nab", "--data", corpus.resolve("data").toString());
    assertThat(notCorpus.exitCode()).isEqualTo(1);
    assertThat(notCorpus.err()).contains("not a NAB-layout corpus");
    Cli.Result unknown = run("bench", "nab", "--data", corpus.toString(), "--detectors", "htm");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("unknown detector 'htm'");
  }
}
