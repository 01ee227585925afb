package io.vigil.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** VUS-PR against figures worked out by hand from the definition (Paparrizos et al. 2022). */
class RangePrVolumeTest {
  private static final int[] LABELS = {0, 0, 1, 1, 0, 0};
  private static final double[] SCORES = {0.1, 0.2, 0.9, 0.3, 0.8, 0.0};

  /**
   * Buffer 0 (and 1): hard labels, P = 2. Thresholds 0.9, 0.8, 0.3, ...: recall 1/2 at
   * precision 1, then 1/2 at 1/2, then 1 at 2/3. Area 1/2·(1+1)/2 + 1/2·(1/2+2/3)/2 = 0.791667.
   */
  @Test
  void withoutABuffer_isTheTrapezoidalPrArea() {
    assertThat(RangePrVolume.of(SCORES, LABELS, 0)).isCloseTo(0.7916666666666666, within(1e-12));
  }

  /**
   * Buffer 2: a slope of one row before the range, label √(1 − 1/2) at row 1 (the row after
   * it is inside the range already). P = (2 + 2.7071)/2. Recall 1/P, 2/P, then capped at 1
   * once row 1 (score 0.2) is detected with precision 2.7071/4: area 0.773648. VUS over
   * buffers 0, 1, 2: (0.791667 + 0.791667 + 0.773648)/3.
   */
  @Test
  void theVolume_averagesTheBuffers() {
    assertThat(RangePrVolume.softLabels(LABELS, 2))
        .containsExactly(new double[] {0, Math.sqrt(0.5), 1, 1, 0, 0}, within(1e-12));
    assertThat(RangePrVolume.of(SCORES, LABELS, 2)).isCloseTo(0.7856605772441659, within(1e-12));
  }

  @Test
  void aPerfectRanking_scoresOne_andAConstantScoresZero() {
    double[] perfect = {0, 0, 1, 1, 0, 0};
    assertThat(RangePrVolume.of(perfect, LABELS, 0)).isCloseTo(1.0, within(1e-12));
    assertThat(RangePrVolume.of(new double[6], LABELS, 10)).isZero();
  }

  @Test
  void withoutALabelledRow_isRefused() {
    assertThatThrownBy(() -> RangePrVolume.of(SCORES, new int[6], 5))
        .hasMessageContaining("at least one row labelled 1");
  }
}
