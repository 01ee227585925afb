package io.vigil.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Hand-worked examples; the comments give the arithmetic. */
class EvaluationTest {

  @Test
  void confusionMatrix_countsAndRatios() {
    // flags 1 1 1 0 0 0 ; labels 1 0 1 1 0 0 → TP 2, FP 1, FN 1, TN 2
    ConfusionMatrix m = ConfusionMatrix.of(
        new boolean[] {true, true, true, false, false, false}, new int[] {1, 0, 1, 1, 0, 0});
    assertThat(m.truePositives()).isEqualTo(2);
    assertThat(m.falsePositives()).isEqualTo(1);
    assertThat(m.falseNegatives()).isEqualTo(1);
    assertThat(m.trueNegatives()).isEqualTo(2);
    assertThat(m.precision()).isCloseTo(2.0 / 3, within(1e-15));
    assertThat(m.recall()).isCloseTo(2.0 / 3, within(1e-15));
    assertThat(m.f1()).isCloseTo(2.0 / 3, within(1e-15));
  }

  @Test
  void confusionMatrix_nothingFlagged_hasZeroPrecisionAndF1() {
    ConfusionMatrix m = ConfusionMatrix.of(new boolean[] {false, false}, new int[] {1, 0});
    assertThat(m.precision()).isZero();
    assertThat(m.f1()).isZero();
  }

  @Test
  void averagePrecision_distinctScores() {
    // ranked: 1 0 1 0 → precision at each hit: 1/1, 2/3 → AP = (1 + 2/3)/2
    double ap = AveragePrecision.of(new double[] {0.9, 0.8, 0.7, 0.6}, new int[] {1, 0, 1, 0});
    assertThat(ap).isCloseTo(5.0 / 6, within(1e-15));
  }

  @Test
  void averagePrecision_tiedScores_areOneOperatingPoint() {
    // cut above the tie at 1: P 1/2, R 1/2; then all: P 2/3, R 1 → 0.5·0.5 + 0.5·2/3
    double ap = AveragePrecision.of(new double[] {1, 1, 0}, new int[] {1, 0, 1});
    assertThat(ap).isCloseTo(0.25 + 1.0 / 3, within(1e-15));
  }

  @Test
  void evaluation_of_flagsStrictlyAboveTheThreshold() {
    Evaluation e = Evaluation.of(new double[] {1, 2, 3}, new int[] {0, 1, 1}, 2);
    assertThat(e.flagged()).isEqualTo(1);
    assertThat(e.truePositives()).isEqualTo(1);
    assertThat(e.falseNegatives()).isEqualTo(1);
    assertThat(e.recall()).isEqualTo(0.5);
    assertThat(e.prAuc()).isEqualTo(1.0);
  }

  @Test
  void evaluation_withoutAnomalies_hasNoPrAuc() {
    assertThat(Evaluation.of(new double[] {1, 2}, new int[] {0, 0}, 1.5).prAuc()).isNull();
  }
}
