package io.vigil.cli;

import static io.vigil.cli.Cli.run;
import static io.vigil.cli.Cli.seed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrainCommandTest {
  @TempDir Path dir;

  private String model() {
    return dir.resolve("model.json").toString();
  }

  @Test
  void set1_json_reproducesTheStudy() throws Exception {
    Cli.Result r = run("train", "--algorithm", "gaussian", "--data", seed("train.csv"),
        "--validation", seed("validation.csv"), "--model", model(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("epsilon").asDouble()).isCloseTo(8.99e-05, within(0.01e-05));
    assertThat(j.get("f1").asDouble()).isCloseTo(0.875, within(1e-12));
    assertThat(j.get("precision").asDouble()).isEqualTo(1.0);
    assertThat(j.get("recall").asDouble()).isCloseTo(7.0 / 9, within(1e-12));
    assertThat(j.get("outliers").asLong()).isEqualTo(6);
    assertThat(j.get("thresholdMethod").asText()).isEqualTo("f1-step-sweep");
    assertThat(Model.loadUnverified(Path.of(model())).document().training().outliers()).isEqualTo(6);
  }

  @Test
  void set2_json_reproducesTheStudy() {
    JsonNode j = run("train", "--data", seed("train-11d.csv"), "--validation",
        seed("validation-11d.csv"), "--model", model(), "--json").json();
    assertThat(j.get("epsilon").asDouble()).isCloseTo(1.38e-18, within(0.01e-18));
    assertThat(j.get("f1").asDouble()).isCloseTo(0.615, within(0.0005));
    assertThat(j.get("outliers").asLong()).isEqualTo(117);
  }

  @Test
  void set2_fullCovariance() {
    JsonNode j = run("train", "--covariance", "full", "--data", seed("train-11d.csv"),
        "--validation", seed("validation-11d.csv"), "--model", model(), "--json").json();
    assertThat(j.get("f1").asDouble()).isCloseTo(0.552, within(0.0005));
    assertThat(j.get("covariance").asText()).isEqualTo("full");
  }

  @Test
  void text_saysWhatWasChosenAndWhere() {
    Cli.Result r = run("train", "--data", seed("train.csv"), "--validation",
        seed("validation.csv"), "--model", model());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("1000-step F1 sweep", "epsilon   8.9909e-05", "F1 0.8750",
        "Training outliers: 6 of 307 rows", "f1-exact", "Model written to " + model());
  }

  @Test
  void exactThreshold_onSet2_findsF1Of075() {
    JsonNode j = run("train", "--threshold", "f1-exact", "--data", seed("train-11d.csv"),
        "--validation", seed("validation-11d.csv"), "--model", model(), "--json").json();
    assertThat(j.get("f1").asDouble()).isEqualTo(0.75);
    assertThat(j.get("outliers").asLong()).isEqualTo(8);
  }

  @Test
  void withoutLabels_contaminationFlagsTheGivenFraction() {
    JsonNode j = run("train", "--data", seed("train.csv"), "--contamination", "0.02",
        "--model", model(), "--json").json();
    assertThat(j.get("thresholdMethod").asText()).isEqualTo("contamination");
    assertThat(j.get("outliers").asLong()).isEqualTo(6); // floor(0.02 * 307)
    assertThat(j.get("f1").isNull()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--covariance|spherical|unknown covariance 'spherical': use 'diagonal' or 'full'",
      "--algorithm|forest|unknown algorithm 'forest'",
      "--algorithm|autoencoder:window=0|--algorithm 'autoencoder:window=0': the window must be a"
          + " whole number of rows from 1 to 60",
      "--algorithm|knn:window=3|'knn:window=3': knn takes no parameters",
      "--threshold|best|unknown threshold method 'best'",
      "--steps|0|steps must be at least 1"})
  void badOption_isAUsageError(String option, String value, String message) {
    Cli.Result r = run("train", option, value, "--data", seed("train.csv"), "--validation",
        seed("validation.csv"), "--model", model());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(message).contains("vigil train --help");
    assertThat(r.err().strip()).doesNotContain("\n");
    assertThat(Files.exists(Path.of(model()))).isFalse();
  }

  /**
   * The benchmark's default as a model a user keeps: trained, then scored and measured on new
   * rows by detect and evaluate, which agree with the training's own validation figures.
   */
  @Test
  void theMultivariateEnsemble_trainsToAModelThatDetectAndEvaluateUse() {
    String host = System.getProperty("vigil.datasets", "../datasets") + "/multivariate/host1_";
    JsonNode trained = run("train", "--algorithm", "ensemble", "--data", host + "train.csv",
        "--validation", host + "test.csv", "--model", model(), "--json").json();
    assertThat(trained.get("algorithm").asText()).isEqualTo("ensemble");
    assertThat(trained.get("members").asText()).isEqualTo("gaussian,knn,range");
    assertThat(trained.get("thresholdMethod").asText()).isEqualTo("f1-exact");
    assertThat(trained.get("epsilon").isNull()).isTrue();
    assertThat(trained.get("f1").asDouble()).isGreaterThan(0.8);

    JsonNode evaluated = run("evaluate", "--model", model(), "--data", host + "test.csv",
        "--json").json();
    assertThat(evaluated.get("f1").asDouble()).isEqualTo(trained.get("f1").asDouble());
    assertThat(evaluated.get("prAuc").asDouble()).isEqualTo(trained.get("prAuc").asDouble());

    String scored = dir.resolve("scored.csv").toString();
    JsonNode detected = run("detect", "--model", model(), "--data", host + "test.csv",
        "--output", scored, "--top", "1", "--json").json();
    // The test week's error burst: the error rate leads the row's contributions.
    assertThat(detected.get("mostAnomalous").get(0).get("contributions").fieldNames().next())
        .isEqualTo("errors_per_s");

    Path constant = dir.resolve("with-cores.csv");
    java.util.List<String> lines;
    try {
      lines = Files.readAllLines(Path.of(host + "train.csv"));
      java.util.List<String> withCores = new java.util.ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        withCores.add(lines.get(i) + (i == 0 ? ",cores" : ",8"));
      }
      Files.write(constant, withCores);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Cli.Result leftOut = run("train", "--algorithm", "ensemble", "--data", constant.toString(),
        "--model", model());
    assertThat(leftOut.out()).contains("left out  cores (constant in training");

    Cli.Result text = run("train", "--algorithm", "range", "--data", host + "train.csv",
        "--validation", host + "test.csv", "--model", model());
    assertThat(text.out()).contains("Trained range on 2016 rows", "a score above it is an"
        + " anomaly: sum over features of the distance beyond the training minimum or maximum");
  }

  /** A windowed autoencoder trains to a file whose window detect and evaluate read the same way. */
  @Test
  void aWindowedAutoencoder_trainsToAModelThatEvaluateScoresAsTrainingDid() {
    String host = System.getProperty("vigil.datasets", "../datasets") + "/multivariate/host1_";
    JsonNode trained = run("train", "--algorithm", "autoencoder:window=3", "--data",
        host + "train.csv", "--validation", host + "test.csv", "--model", model(), "--json")
        .json();
    assertThat(trained.get("algorithm").asText()).isEqualTo("autoencoder");
    JsonNode evaluated = run("evaluate", "--model", model(), "--data", host + "test.csv",
        "--json").json();
    assertThat(evaluated.get("prAuc").asDouble()).isEqualTo(trained.get("prAuc").asDouble());
    assertThat(evaluated.get("prAuc").asDouble()).isGreaterThan(0.3);
  }

  @Test
  void theCovariance_forAnotherAlgorithm_isAUsageError() {
    Cli.Result r = run("train", "--algorithm", "ensemble", "--covariance", "full", "--data",
        seed("train.csv"), "--validation", seed("validation.csv"), "--model", model());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--covariance is the gaussian's; the ensemble has none");
    assertThat(Files.exists(Path.of(model()))).isFalse();
  }

  @Test
  void theDensityStepSweep_forAnotherAlgorithm_isAUsageError() {
    Cli.Result r = run("train", "--algorithm", "knn", "--threshold", "f1-step-sweep", "--data",
        seed("train.csv"), "--validation", seed("validation.csv"), "--model", model());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("only the gaussian has; for knn use f1-exact or contamination");
    assertThat(Files.exists(Path.of(model()))).isFalse();
  }

  @Test
  void f1Threshold_withoutValidation_isAUsageError() {
    Cli.Result r = run("train", "--threshold", "f1-exact", "--data", seed("train.csv"),
        "--model", model());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("needs --validation");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'a,b\n1,2\n3,x\n'          | bad.csv:3: column 'b': 'x' is not a number",
      "'a,b\n1,2\n3\n'            | bad.csv:3: expected 2 values",
      "'a,b\n1,2\nNaN,4\n'        | bad.csv:3: column 'a'",
      "''                         | bad.csv: the file is empty",
      "'a,b\n1,5\n2,5\n3,5\n'     | column 'b': the feature is constant"})
  void malformedTrainingCsv_exitsNonZero_withFileLineAndProblem(String csv, String message)
      throws Exception {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, csv);
    Path existing = Path.of(model());
    Files.writeString(existing, "previous model");
    Cli.Result r = run("train", "--data", bad.toString(), "--contamination", "0.1",
        "--model", model());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("vigil train: ").contains(message);
    assertThat(r.err().strip()).doesNotContain("\n");
    // A failed run leaves the previous model in place.
    assertThat(Files.readString(existing)).isEqualTo("previous model");
  }

  @Test
  void nanInValidation_isNamedWithItsLine() throws Exception {
    Path bad = dir.resolve("val.csv");
    Files.writeString(bad, "throughput_mbps,latency_ms,label\n1,2,0\n1,nan,1\n");
    Cli.Result r = run("train", "--data", seed("train.csv"), "--validation", bad.toString(),
        "--model", model());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("val.csv:3: column 'latency_ms'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"train", "detect", "evaluate", "plot"})
  void everyCommand_hasHelp(String command) {
    Cli.Result r = run(command, "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("Usage: vigil " + command).contains("--json");
  }

  @Test
  void noCommand_isAUsageError() {
    assertThat(run().exitCode()).isEqualTo(2);
    assertThat(run("--version").out()).startsWith("vigil ");
  }
}
