package io.vigil.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ThresholdSearchTest {

  private static double[] negLog(double... densities) {
    double[] s = new double[densities.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = -Math.log(densities[i]);
    }
    return s;
  }

  @Test
  void densityStepSweep_picksTheFirstEpsilonWithTheBestF1() {
    // p = .1 .2 .5 .9 1, anomalies at .1 and .2; 9 steps → ε = .1, .2, .3, …, 1.
    // ε=.2 flags p=.1 (F1 2/3); ε=.3 flags both anomalies (F1 1), the first best.
    ThresholdChoice c = F1ThresholdSearch.densityStepSweep(
        negLog(0.1, 0.2, 0.5, 0.9, 1.0), new int[] {1, 1, 0, 0, 0}, 9);
    assertThat(Math.exp(-c.threshold())).isCloseTo(0.3, within(1e-12));
    assertThat(c.validation().f1()).isEqualTo(1.0);
    assertThat(c.method()).isEqualTo(ThresholdMethod.F1_STEP_SWEEP);
    assertThat(c.steps()).isEqualTo(9);
  }

  @Test
  void densityStepSweep_coarseSteps_canMissTheBestCut() {
    // 1 step: ε ∈ {.1, 1}; ε=1 flags all but the top → TP 2, FP 2 → F1 2/3.
    ThresholdChoice c = F1ThresholdSearch.densityStepSweep(
        negLog(0.1, 0.2, 0.5, 0.9, 1.0), new int[] {1, 1, 0, 0, 0}, 1);
    assertThat(c.validation().f1()).isCloseTo(2.0 / 3, within(1e-15));
  }

  @Test
  void exact_findsTheBestCut_midwayBetweenScores() {
    // scores 1..5, anomalies at 3 and 5: flag >2.5 → TP 2, FP 1 → F1 0.8, the best.
    ThresholdChoice c = F1ThresholdSearch.exact(new double[] {1, 2, 3, 4, 5},
        new int[] {0, 0, 1, 0, 1});
    assertThat(c.threshold()).isEqualTo(2.5);
    assertThat(c.validation().f1()).isCloseTo(0.8, within(1e-15));
  }

  @Test
  void exact_flagsTiesTogether() {
    // 3 and 3 tie, one anomalous: either both or neither is flagged.
    ThresholdChoice c = F1ThresholdSearch.exact(new double[] {1, 3, 3}, new int[] {0, 1, 0});
    assertThat(c.validation().flagged()).isEqualTo(2);
    assertThat(c.threshold()).isEqualTo(2.0);
  }

  @Test
  void searches_needAnAnomaly() {
    assertThatThrownBy(() -> F1ThresholdSearch.exact(new double[] {1, 2}, new int[] {0, 0}))
        .hasMessageContaining("at least one row labelled 1");
  }

  @Test
  void contamination_flagsTheGivenFraction() {
    double[] s = {5, 1, 4, 2, 3, 0, 9, 8, 7, 6};
    ThresholdChoice c = ContaminationThreshold.choose(s, 0.2, null);
    assertThat(c.threshold()).isEqualTo(7.5);
    long flagged = java.util.Arrays.stream(s).filter(c::flags).count();
    assertThat(flagged).isEqualTo(2);
  }

  @Test
  void cutBetween_adjacentDoubles_staysBetween() {
    double below = 1.0;
    double above = Math.nextUp(1.0);
    double t = F1ThresholdSearch.cutBetween(above, below);
    assertThat(above > t && t >= below).isTrue();
  }
}
