package io.vigil.detect.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vigil.series.Dataset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingRangeTest {

  // requests 100..300 (range 200), cpu 20..60 (range 40), workers always 4.
  private static final Dataset TRAINING = Dataset.of("t", List.of("requests", "cpu", "workers"),
      new double[][] {{100, 20, 4}, {300, 60, 4}, {200, 40, 4}}, null);

  @Test
  void aRowInsideEveryRange_scoresZero() {
    TrainingRange r = TrainingRange.fit(TRAINING);
    assertThat(r.score(new double[] {100, 60, 4})).isZero();
    assertThat(r.contributions(new double[] {250, 30, 4})).containsExactly(0, 0, 0);
  }

  @Test
  void eachMetricBeyondItsRange_addsItsDistanceInRanges() {
    TrainingRange r = TrainingRange.fit(TRAINING);
    // requests 50 below the minimum: 50/200 = 0.25; cpu 30 above the maximum: 30/40 = 0.75.
    double[] row = {50, 90, 4};
    assertThat(r.contributions(row)).containsExactly(0.25, 0.75, 0.0);
    assertThat(r.score(row)).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void aMetricConstantInTraining_isMeasuredInItsOwnMagnitude() {
    TrainingRange r = TrainingRange.fit(TRAINING);
    // workers 4 throughout: 6 is 2 beyond, in units of 4.
    assertThat(r.score(new double[] {200, 40, 6})).isCloseTo(0.5, within(1e-12));
    TrainingRange zeros = TrainingRange.fit(Dataset.of("t", List.of("errors"),
        new double[][] {{0}, {0}}, null));
    assertThat(zeros.score(new double[] {3})).isEqualTo(3.0);
  }

  @Test
  void refusesARowOfTheWrongShape() {
    TrainingRange r = TrainingRange.fit(TRAINING);
    assertThatThrownBy(() -> r.score(new double[] {1, 2})).isInstanceOf(
        IllegalArgumentException.class);
  }
}
