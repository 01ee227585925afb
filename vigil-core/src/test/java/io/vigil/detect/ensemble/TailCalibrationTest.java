package io.vigil.detect.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TailCalibrationTest {
  // Scores 1..100: P(S ≥ s) empirical is (101 - s + 1)/101 below the 90th percentile.
  private static final double[] SCORES = java.util.stream.IntStream.rangeClosed(1, 100)
      .asDoubleStream().toArray();

  @Test
  void empiricalBelowTheNinetiethPercentile() {
    TailCalibration c = new TailCalibration(SCORES);
    assertThat(c.tail(0)).isEqualTo(1.0);
    // 51 of 100 scores are ≥ 50: (51 + 1)/101.
    assertThat(c.tail(50)).isCloseTo(52.0 / 101, within(1e-12));
  }

  @Test
  void exponentialBeyondIt() {
    TailCalibration c = new TailCalibration(SCORES);
    // floor(0.9·99) = 89: the tail starts at score 90, with tail (11 + 1)/101; the excesses
    // over 90 are 1..10, mean 5.5, so P(S ≥ 90 + x) = 12/101 · e^(−x/5.5).
    assertThat(c.tail(101)).isCloseTo(12.0 / 101 * Math.exp(-11 / 5.5), within(1e-12));
    assertThat(c.surprise(101)).isCloseTo(-Math.log10(12.0 / 101 * Math.exp(-2)),
        within(1e-12));
  }

  @Test
  void surpriseStaysFiniteWhereTheTailUnderflows() {
    TailCalibration c = new TailCalibration(SCORES);
    assertThat(c.tail(1e6)).isZero();
    assertThat(c.surprise(1e6)).isFinite().isGreaterThan(c.surprise(1e5));
  }
}
