package io.vigil.detect.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RowEnsembleTest {

  @Test
  void oneMember_keepsItsSurprise() {
    assertThat(RowEnsemble.fisherSurprise(3.5, 1)).isEqualTo(3.5);
  }

  @Test
  void twoMembers_theTailOfAProductOfTwoUniforms() {
    // P(U₁U₂ ≤ t) = t + ∫ₜ¹ t/u du = t(1 − ln t); surprises summing to 2 mean t = 0.01.
    double t = 0.01;
    double expected = -Math.log10(t * (1 - Math.log(t))); // 1.2514111966794...
    assertThat(RowEnsemble.fisherSurprise(2, 2)).isCloseTo(expected, within(1e-12));
    assertThat(expected).isCloseTo(1.251411196679452, within(1e-12));
  }

  @Test
  void threeMembers_theChiSquareTailWithSixDegrees() {
    // P(χ²₆ ≥ 2x) = e^−x (1 + x + x²/2); surprises summing to 3 mean x = 3 ln 10.
    double x = 3 * Math.log(10);
    double expected = -Math.log10(Math.exp(-x) * (1 + x + x * x / 2));
    assertThat(RowEnsemble.fisherSurprise(3, 3)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void aHugeSurprise_staysFiniteAndOrdered() {
    double big = RowEnsemble.fisherSurprise(1e6, 3);
    double bigger = RowEnsemble.fisherSurprise(2e6, 3);
    assertThat(big).isFinite().isCloseTo(1e6, within(20.0));
    assertThat(bigger).isGreaterThan(big);
    assertThat(RowEnsemble.fisherSurprise(Double.POSITIVE_INFINITY, 2)).isInfinite();
    assertThat(RowEnsemble.fisherSurprise(0, 2)).isZero();
  }
}
