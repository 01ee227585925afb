package io.vigil.detect.forest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.series.Dataset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsolationForestTest {

  @Test
  void averagePathIsTheBinarySearchTreeFormula() {
    // c(n) = 2(ln(n-1) + γ) - 2(n-1)/n. c(256) = 2(5.5413 + 0.5772) - 2·255/256 = 10.2448.
    assertThat(IsolationForest.averagePath(256)).isCloseTo(10.2448, within(1e-4));
    assertThat(IsolationForest.averagePath(2)).isEqualTo(1.0);
    assertThat(IsolationForest.averagePath(1)).isZero();
  }

  @Test
  void aLoneOutlierScoresNearOneAndTheCrowdNearAHalf() {
    // The paper's picture: a Gaussian blob and a point far from it.
    Random r = new Random(3);
    double[][] rows = new double[1000][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new double[] {r.nextGaussian(), r.nextGaussian()};
    }
    rows[999] = new double[] {8, 8};
    IsolationForest f = IsolationForest.fit(Dataset.of("blob", List.of("x", "y"), rows, null), 7);
    assertThat(f.score(new double[] {8, 8})).isGreaterThan(0.7);
    assertThat(f.score(new double[] {0, 0})).isBetween(0.35, 0.5);
    double[] c = f.contributions(new double[] {0, 8});
    assertThat(c[1]).as("y isolated the row").isGreaterThan(c[0]);
  }
}
