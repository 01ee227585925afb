package io.vigil.detect.ecdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.series.Dataset;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmpiricalTailsTest {

  // a: 1, 2, 3, 4 (skewness exactly 0); b: 10, 10, 10, 40 (skewed right).
  private static final EmpiricalTails ECOD = EmpiricalTails.fit(Dataset.of("t",
      List.of("a", "b"), new double[][] {{1, 10}, {2, 10}, {3, 10}, {4, 40}}, null));

  @Test
  void aValueAboveEveryTrainingValue() {
    // a = 5: P(X ≤ 5) = (4 + 1)/(4 + 1) = 1, P(X ≥ 5) = (0 + 1)/5; no skew, so both summed:
    // ln 5. b = 10: P(X ≤ 10) = (3 + 1)/5, P(X ≥ 10) = (4 + 1)/5 = 1; skewed right, so the
    // right tail (ln 1) competes with the left (ln 1.25), which is larger.
    double[] c = ECOD.contributions(new double[] {5, 10});
    assertThat(c[0]).isCloseTo(Math.log(5), within(1e-12));
    assertThat(c[1]).isCloseTo(Math.log(1.25), within(1e-12));
    assertThat(ECOD.score(new double[] {5, 10})).isCloseTo(Math.log(6.25), within(1e-12));
  }

  @Test
  void aValueBelowEveryTrainingValue_scoresAsOneAbove() {
    // a = 0: P(X ≤ 0) = 1/5, P(X ≥ 0) = 1: ln 5 again; b as before.
    assertThat(ECOD.contributions(new double[] {0, 10})[0]).isCloseTo(Math.log(5),
        within(1e-12));
    assertThat(ECOD.score(new double[] {0, 10})).isCloseTo(Math.log(6.25), within(1e-12));
  }

  @Test
  void theUsualValues_scoreLittle() {
    // a = 2.5: P(X ≤ 2.5) = 3/5, P(X ≥ 2.5) = 3/5, summed: 2 ln(5/3); b = 40: P(X ≥ 40) = 2/5,
    // P(X ≤ 40) = 1: ln 2.5.
    assertThat(ECOD.score(new double[] {2.5, 40}))
        .isCloseTo(2 * Math.log(5.0 / 3) + Math.log(2.5), within(1e-12));
  }

  @Test
  void farBeyondTheTrainingValues_isNoMoreSurprisingThanJustBeyond() {
    assertThat(ECOD.score(new double[] {1e9, 10})).isEqualTo(ECOD.score(new double[] {5, 10}));
  }
}
