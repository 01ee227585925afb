package io.vigil.detect.gaussian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vigil.detect.Assessment;
import io.vigil.detect.DetectorState;
import io.vigil.detect.RowAssessment;
import io.vigil.series.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamingMultivariateGaussianTest {
  private static final List<String> HOST = List.of("requests", "cpu", "disk");

  /** requests ~ N(100, 10); cpu = 2·requests + N(0, 1); disk ~ N(50, 5), independent. */
  private static double[] hostRow(Random r) {
    double requests = 100 + 10 * r.nextGaussian();
    return new double[] {requests, 2 * requests + r.nextGaussian(), 50 + 5 * r.nextGaussian()};
  }

  @Test
  void scoresARowAgainstTheRowsBeforeIt() {
    // One feature, rows 1..5: mean 3, population variance 2, so 13 is at (13−3)²/2 = 50.
    var g = new StreamingMultivariateGaussian(List.of("x"), Double.POSITIVE_INFINITY, 5);
    for (int i = 1; i <= 5; i++) {
      assertThat(g.process(i, new double[] {i}).status())
          .isEqualTo(Assessment.Status.WARMING_UP);
    }
    RowAssessment a = g.process(6, new double[] {13});
    assertThat(a.status()).isEqualTo(Assessment.Status.SCORED);
    assertThat(a.score()).isCloseTo(50, within(1e-9));
    assertThat(a.contributions()).containsExactly(new double[] {50}, within(1e-9));
  }

  @Test
  void withoutForgettingItLearnsTheBatchFit() {
    Random r = new Random(1);
    var g = new StreamingMultivariateGaussian(HOST, Double.POSITIVE_INFINITY, 30);
    double[][] rows = new double[500][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = hostRow(r);
      g.process(i, rows[i]);
    }
    MultivariateGaussian batch = MultivariateGaussian.fitShrunk(
        Dataset.of("rows", HOST, rows, null), StreamingMultivariateGaussian.SHRINKAGE);
    MultivariateGaussian online = g.model();
    for (int i = 0; i < 3; i++) {
      assertThat(online.mean()[i]).isCloseTo(batch.mean()[i], within(1e-9));
      for (int j = 0; j < 3; j++) {
        assertThat(online.covariance()[i][j])
            .isCloseTo(batch.covariance()[i][j], within(1e-8 * batch.covariance()[i][i]));
      }
    }
  }

  @Test
  void aBrokenRelationshipIsFlaggedAndNamed() {
    Random r = new Random(2);
    var g = StreamingMultivariateGaussian.of(HOST);
    List<Double> normal = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      RowAssessment a = g.process(i, hostRow(r));
      if (i > 1000) {
        normal.add(a.probability());
      }
    }
    // cpu is within its own range (its mean ± 3 SD) but 60 away from 2 × requests.
    RowAssessment broken = g.process(3000, new double[] {100, 260, 50});
    assertThat(broken.probability()).isGreaterThan(0.999);
    assertThat(broken.rankedFeatures(HOST).get(0)).isEqualTo("cpu");
    long flagged = normal.stream().filter(p -> p > 0.999).count();
    assertThat(flagged).as("normal rows over 0.999 of 999").isLessThan(10);
  }

  @Test
  void aLastingChangeIsLearntWithinAFewHalfLives() {
    Random r = new Random(3);
    var g = new StreamingMultivariateGaussian(HOST, 100, 30);
    for (int i = 0; i < 1000; i++) {
      g.process(i, hostRow(r));
    }
    double first = 0;
    double late = 0;
    for (int i = 0; i < 1500; i++) {
      double[] row = hostRow(r);
      row[2] += 50; // disk moves 10 SD and stays
      double p = g.process(1000 + i, row).probability();
      if (i == 0) {
        first = p;
      }
      if (i >= 1400) {
        late = Math.max(late, p);
      }
    }
    assertThat(first).isGreaterThan(0.999);
    assertThat(late).as("largest probability over the last 100 shifted rows").isLessThan(0.999);
  }

  @Test
  void aRestoredDetectorContinuesExactly() {
    Random r = new Random(4);
    var g = StreamingMultivariateGaussian.of(HOST);
    for (int i = 0; i < 300; i++) {
      g.process(i, hostRow(r));
    }
    DetectorState state = g.snapshot();
    var copy = StreamingMultivariateGaussian.restore(state);
    assertThat(copy.snapshot()).isEqualTo(state);
    for (int i = 300; i < 400; i++) {
      double[] row = hostRow(r);
      assertThat(copy.process(i, row)).isEqualTo(g.process(i, row));
    }
  }

  @Test
  void badRowsAreSkippedOrRefusedWithoutChangingState() {
    var g = StreamingMultivariateGaussian.of(HOST);
    g.process(10, new double[] {1, 2, 3});
    DetectorState before = g.snapshot();
    assertThat(g.process(11, new double[] {1, Double.NaN, 3}).status())
        .isEqualTo(Assessment.Status.SKIPPED_NOT_FINITE);
    assertThat(g.process(9, new double[] {1, 2, 3}).status())
        .isEqualTo(Assessment.Status.SKIPPED_OUT_OF_ORDER);
    assertThatThrownBy(() -> g.process(12, new double[] {1, 2}))
        .hasMessageContaining("expected 3 values (requests, cpu, disk)");
    assertThat(g.snapshot()).isEqualTo(before);
    assertThatThrownBy(() -> StreamingMultivariateGaussian.restore(
        new DetectorState("rcf", 1, new byte[0]))).hasMessageContaining("not a streaming");
  }
}
