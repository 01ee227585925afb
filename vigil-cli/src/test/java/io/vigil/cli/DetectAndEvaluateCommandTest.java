package io.vigil.cli;

import static io.vigil.cli.Cli.run;
import static io.vigil.cli.Cli.seed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.model.Model;
import io.vigil.series.CsvDatasetReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectAndEvaluateCommandTest {
  @TempDir Path dir;
  private String model;

  @BeforeEach
  void train() {
    model = dir.resolve("model.json").toString();
    assertThat(run("train", "--data", seed("train.csv"), "--validation", seed("validation.csv"),
        "--model", model).exitCode()).isZero();
  }

  @Test
  void detect_appendsScoreAndAnomaly_keepingTheInputCells() throws Exception {
    Path out = dir.resolve("scored.csv");
    Cli.Result r = run("detect", "--model", model, "--data", seed("validation.csv"),
        "--output", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Scored 307 rows", "7 anomalies", "Most anomalous rows");
    List<String> in = Files.readAllLines(Path.of(seed("validation.csv")));
    List<String> scored = Files.readAllLines(out);
    assertThat(scored).hasSize(308);
    assertThat(scored.get(0)).isEqualTo(in.get(0) + ",score,anomaly");
    Model m = Model.loadUnverified(Path.of(model));
    double[] expected = m.score(CsvDatasetReader.read(Path.of(seed("validation.csv"))));
    int anomalies = 0;
    for (int i = 1; i < scored.size(); i++) {
      String[] cells = scored.get(i).split(",");
      assertThat(scored.get(i)).startsWith(in.get(i) + ",");
      assertThat(Double.parseDouble(cells[3])).isEqualTo(expected[i - 1]);
      assertThat(cells[4]).isEqualTo(expected[i - 1] > m.threshold() ? "1" : "0");
      anomalies += Integer.parseInt(cells[4]);
    }
    assertThat(anomalies).isEqualTo(7);
  }

  @Test
  void detect_withoutOutput_writesCsvToStdout_andTheSummaryToStderr() {
    Cli.Result r = run("detect", "--model", model, "--data", seed("validation.csv"));
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("throughput_mbps,latency_ms,label,score,anomaly\n");
    assertThat(r.out().lines().count()).isEqualTo(308);
    assertThat(r.err()).contains("7 anomalies");
  }

  @Test
  void detect_json_listsTheMostAnomalousRowsWithTheirLines() {
    Cli.Result r = run("detect", "--model", model, "--data", seed("validation.csv"),
        "--output", dir.resolve("s.csv").toString(), "--json", "--top", "3");
    JsonNode j = r.json();
    assertThat(j.get("anomalies").asInt()).isEqualTo(7);
    JsonNode first = j.get("mostAnomalous").get(0);
    assertThat(j.get("mostAnomalous")).hasSize(3);
    // Line 304 holds the most extreme row of the validation set (checked by hand).
    assertThat(first.get("line").asLong()).isEqualTo(304);
    double sum = 0;
    for (JsonNode share : first.get("contributions")) {
      sum += share.asDouble();
    }
    assertThat(sum).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void detect_json_withoutOutput_isAUsageError() {
    assertThat(run("detect", "--model", model, "--data", seed("validation.csv"), "--json")
        .exitCode()).isEqualTo(2);
  }

  @Test
  void detect_fileWithAnotherFeature_namesFileAndColumn() throws Exception {
    Path other = dir.resolve("other.csv");
    Files.writeString(other, "throughput_mbps,cpu\n1,2\n");
    Cli.Result r = run("detect", "--model", model, "--data", other.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("other.csv:1: column 'latency_ms'");
  }

  @Test
  void detect_brokenModelFile_isNamed() throws Exception {
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\"format\": \"vigil-model\", \"formatVersion\": 7}");
    Cli.Result r = run("detect", "--model", broken.toString(), "--data", seed("train.csv"));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("broken.json: format version 7 is newer");
  }

  @Test
  void aModelWhoseThresholdWasRaised_isRefused_untilSomeoneSignsIt() throws Exception {
    String text = Files.readString(Path.of(model));
    String raised = text.replaceFirst("(\"threshold\" : \\{[^}]*?\"score\" : )[-0-9.E]+",
        "$11.0E9");
    assertThat(raised).isNotEqualTo(text);
    Files.writeString(Path.of(model), raised);
    Cli.Result refused = run("detect", "--model", model, "--data", seed("validation.csv"));
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("model.json: refused: its content does not match its"
        + " signature", "vigil model sign");
    assertThat(refused.out()).isEmpty();

    Cli.Result signed = run("model", "sign", model);
    assertThat(signed.exitCode()).as(signed.err()).isZero();
    assertThat(signed.out()).contains("model.json: signed with model key", "threshold 1.0E9");
    Cli.Result r = run("detect", "--model", model, "--data", seed("validation.csv"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().lines().skip(1)).isNotEmpty().allMatch(l -> l.endsWith(",0"));
  }

  @Test
  void evaluate_reportsTheValidationFigures() {
    JsonNode j = run("evaluate", "--model", model, "--data", seed("validation.csv"), "--json")
        .json();
    assertThat(j.get("truePositives").asInt()).isEqualTo(7);
    assertThat(j.get("falsePositives").asInt()).isZero();
    assertThat(j.get("falseNegatives").asInt()).isEqualTo(2);
    assertThat(j.get("trueNegatives").asInt()).isEqualTo(298);
    assertThat(j.get("f1").asDouble()).isCloseTo(0.875, within(1e-12));
    assertThat(j.get("prAuc").asDouble()).isCloseTo(0.7885517628880461, within(1e-12));
    Cli.Result text = run("evaluate", "--model", model, "--data", seed("validation.csv"));
    assertThat(text.out()).contains("precision 1.0000   recall 0.7778   F1 0.8750");
  }

  @Test
  void evaluate_unlabelledData_saysLabelsAreNeeded() {
    Cli.Result r = run("evaluate", "--model", model, "--data", seed("train.csv"));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("train.csv:1: no 'label' column");
  }
}
