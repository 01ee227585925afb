package io.vigil.detect.gaussian;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.series.Dataset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeldOutShrinkageTest {

  private static final List<String> NAMES = List.of("requests", "cpu");

  /** Rows whose cpu follows requests (sign +1) or mirrors it (−1) from row {@code flipAt}. */
  private static Dataset rows(int n, int flipAt) {
    Random random = new Random(7);
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      double load = random.nextGaussian();
      double sign = i < flipAt ? 1 : -1;
      rows[i] = new double[] {load, sign * load + 0.05 * random.nextGaussian()};
    }
    return Dataset.of("t", NAMES, rows, null);
  }

  @Test
  void aCorrelationThatHolds_isKept() {
    assertThat(HeldOutShrinkage.choose(rows(500, 500))).isEqualTo(HeldOutShrinkage.WITHOUT_CHOICE);
  }

  @Test
  void aCorrelationThatDoesNotHoldInTheLatestRows_isShrunkAway() {
    // The latest fifth (rows 400-499) breaks the tie the older rows had: only the diagonal
    // Gaussian finds them ordinary.
    assertThat(HeldOutShrinkage.choose(rows(500, 400))).isEqualTo(1.0);
    MultivariateGaussian g = HeldOutShrinkage.fit(rows(500, 400));
    assertThat(g.covariance()[0][1]).isZero();
  }

  @Test
  void tooFewRowsToHoldBack_meansNoChoice() {
    // 99 rows hold back 20, enough; 97 hold back 19, not enough.
    assertThat(HeldOutShrinkage.choose(rows(97, 80))).isEqualTo(HeldOutShrinkage.WITHOUT_CHOICE);
    assertThat(HeldOutShrinkage.choose(rows(99, 79))).isEqualTo(1.0);
  }
}
