package io.vigil.cli;

import static io.vigil.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil generate} then {@code vigil bench multivariate} on what it wrote. */
class MultivariateBenchCommandTest {
  @TempDir Path dir;

  @Test
  void generatedHostsAreBenchmarkedEveryDetectorTheEnsembleFirst() throws IOException {
    Cli.Result generated = run("generate", "--out", dir.toString(), "--hosts", "2",
        "--days", "5");
    assertThat(generated.exitCode()).as(generated.err()).isZero();
    assertThat(generated.out()).contains("host1: 1440 train rows, 1440 test rows", "memory_leak");
    Files.copy(Path.of(Cli.seed("train.csv")), dir.resolve("seed_train.csv"));
    Files.copy(Path.of(Cli.seed("validation.csv")), dir.resolve("seed_test.csv"));

    JsonNode j = run("bench", "multivariate", "--data", dir.toString(), "--json").json();
    JsonNode detectors = j.get("detectors");
    assertThat(detectors.get(0).get("name").asText()).isEqualTo("ensemble");
    assertThat(detectors).extracting(d -> d.get("name").asText()).containsExactly("ensemble",
        "gaussian", "isolation-forest", "pca", "knn", "range", "ecod", "rcf",
        "autoencoder", "streaming-gaussian");
    for (JsonNode d : detectors) {
      JsonNode mean = d.get("mean");
      for (String figure : new String[] {"rocAuc", "prAuc", "f1", "eventF1"}) {
        assertThat(mean.get(figure).asDouble()).as(d.get("name") + " " + figure)
            .isBetween(0.0, 1.0);
      }
      assertThat(d.get("files")).extracting(f -> f.get("file").asText())
          .containsExactly("host1", "host2", "seed");
      assertThat(d.get("files").get(0).get("events").asInt()).isEqualTo(6);
    }
    // The seed study's validation set: the ensemble ranks its 9 anomalies far above chance
    // (9 of 307 rows, so random ranking gives PR-AUC about 0.03).
    assertThat(detectors.get(0).get("files").get(2).get("prAuc").asDouble())
        .isGreaterThan(0.5);
    // The streaming Gaussian, learning as it goes, ranks them about as well as the batch one.
    assertThat(detectors.get(9).get("files").get(2).get("prAuc").asDouble())
        .isCloseTo(detectors.get(1).get("files").get(2).get("prAuc").asDouble(), within(0.05));

    Cli.Result text = run("bench", "multivariate", "--data", dir.toString(), "--detectors",
        "gaussian,pca");
    assertThat(text.out()).contains("Multivariate benchmark on", "ROC-AUC", "event F1",
        "fit rows/s", "summary (mean over files)").doesNotContain("isolation-forest");
  }

  @Test
  void mismatchedColumnsAreNamedAndExitOne() throws IOException {
    Files.writeString(dir.resolve("a_train.csv"), "cpu,mem\n1,2\n3,4\n");
    Files.writeString(dir.resolve("a_test.csv"), "cpu,disk,label\n1,2,0\n3,4,1\n");
    Cli.Result r = run("bench", "multivariate", "--data", dir.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("a_test.csv:1: its features differ from a_train.csv:"
        + " missing [mem], extra [disk]");
  }

  @Test
  void generateRefusesAFileForItsDirectory() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.txt"), "x");
    Cli.Result r = run("generate", "--out", file.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("notes.txt: exists and is not a directory");
    assertThat(run("generate", "--out", dir.toString(), "--days", "3").err())
        .contains("--days at least 5");
  }

  @Test
  void anUnknownDetectorIsRefusedBeforeAnyWork() {
    Cli.Result r = run("bench", "multivariate", "--data", dir.toString(), "--detectors", "lof");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("unknown detector 'lof'; known: ensemble, gaussian");
  }
}
