package io.vigil.eval.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.TestData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Vigil's NAB scorer against the numbers NAB publishes for its own result files. */
class NabScorerReferenceTest {
  private static NabCorpus corpus;

  @BeforeAll
  static void load() {
    corpus = NabCorpus.load(TestData.dataset("nab"));
  }

  private static List<double[]> reference(String detector) throws IOException {
    Path dir = TestData.dataset("nab/reference-results/" + detector);
    List<double[]> out = new ArrayList<>();
    for (NabFile f : corpus.files()) {
      Path p = dir.resolve(f.category()).resolve(detector + "_" + f.name() + ".gz");
      try (BufferedReader in = new BufferedReader(new InputStreamReader(
          new GZIPInputStream(Files.newInputStream(p)), StandardCharsets.UTF_8))) {
        List<String> header = Arrays.asList(in.readLine().split(","));
        int column = header.indexOf("anomaly_score");
        double[] scores = in.lines().filter(l -> !l.isBlank())
            .mapToDouble(l -> Double.parseDouble(l.split(",")[column])).toArray();
        out.add(scores);
      }
    }
    return out;
  }

  private static double[] normalized(List<double[]> scores) {
    return Arrays.stream(NabProfile.values())
        .mapToDouble(p -> NabScorer.score(corpus.files(), scores, p).normalized()).toArray();
  }

  @Test
  void corpus_isNabV11() {
    assertThat(corpus.files()).hasSize(58);
    assertThat(corpus.windowCount()).isEqualTo(116);
    assertThat(corpus.rowCount()).isEqualTo(365_558);
  }

  @Test
  void numenta_scores70_10_63_21_74_32() throws IOException {
    assertThat(normalized(reference("numenta")))
        .containsExactly(new double[] {70.10, 63.21, 74.32}, within(0.01));
  }

  @Test
  void windowedGaussian_scores39_65_20_87_47_41() throws IOException {
    assertThat(normalized(reference("windowedGaussian")))
        .containsExactly(new double[] {39.65, 20.87, 47.41}, within(0.01));
  }

  @Test
  void constantScore_scoresZero() {
    List<double[]> constant = corpus.files().stream()
        .map(f -> { double[] s = new double[f.series().size()]; Arrays.fill(s, 0.5); return s; })
        .toList();
    assertThat(normalized(constant)).containsExactly(new double[] {0, 0, 0}, within(0.01));
  }
}
