package io.vigil.detect;

import io.vigil.detect.catalog.DetectorSpec;
import io.vigil.detect.catalog.StreamingDetectors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.detect.gaussian.WindowedGaussian;
import io.vigil.detect.post.DeviationFilter;
import io.vigil.detect.post.RepeatSuppression;
import io.vigil.detect.post.SustainedSurprise;
import io.vigil.detect.robust.RobustEwma;
import org.junit.jupiter.api.Test;

/** Synthetic series whose answers follow from the definitions. */
class DetectorKnownAnswerTest {
  private static final long MINUTE = 60_000;

  @Test
  void calibrator_tailIsTheFractionOfRecentScoresAbove() {
    ScoreCalibrator c = new ScoreCalibrator(1e12, 0);
    for (int i = 0; i < 100_000; i++) {
      c.learn((i % 1000) / 100.0); // uniform on [0, 10)
    }
    assertThat(c.tail(5.0)).isCloseTo(0.5, within(0.02));
    assertThat(c.tail(9.0)).isCloseTo(0.1, within(0.01));
    assertThat(c.tail(50.0)).isLessThan(1e-4);
    assertThat(c.tail(60.0)).isLessThan(c.tail(50.0)); // extremes still rank
  }

  @Test
  void calibrator_forgetsWithItsHalfLife() {
    ScoreCalibrator c = new ScoreCalibrator(100, 0);
    for (int i = 0; i < 1000; i++) {
      c.learn(5.0);
    }
    assertThat(c.tail(4.0)).isGreaterThan(0.99);
    for (int i = 0; i < 1000; i++) {
      c.learn(0.1); // ten half-lives of small scores: the 5s now weigh 2^-10 each
    }
    // Effective count N = 1/(1 − 2^(−1/100)) = 144.77; the 5s weigh 2^-10·N = 0.1414, and
    // the half-count prior above the largest score 0.5: tail = (0.1414 + 0.5)/(N + 0.5).
    assertThat(c.tail(4.0)).isCloseTo(0.6414 / 145.27, within(0.0001));
  }

  @Test
  void windowedGaussian_zScoreBandAndDirection() {
    WindowedGaussian d = new WindowedGaussian(100);
    for (int i = 0; i < 1000; i++) {
      d.process(i * MINUTE, i % 2 == 0 ? 9 : 11); // mean 10, σ 1
    }
    Assessment spike = d.process(1000 * MINUTE, 16);
    assertThat(spike.score()).isCloseTo(6.0, within(1e-9));
    assertThat(spike.expected()).isCloseTo(10.0, within(1e-12));
    assertThat(spike.lower()).isCloseTo(7.0, within(1e-9));
    assertThat(spike.upper()).isCloseTo(13.0, within(1e-9));
    assertThat(spike.direction()).isEqualTo(Direction.SPIKE);
    assertThat(spike.probability()).isGreaterThan(0.999);
    Assessment dip = d.process(1001 * MINUTE, 7.5);
    assertThat(dip.direction()).isEqualTo(Direction.DIP);
    // z ≈ 2.2 (the spike is in the window now, widening σ): calibrated it is among the
    // rarest scores yet, but it claims no more than the normal two-sided probability of its z
    assertThat(dip.score()).isBetween(2.0, 2.5);
    assertThat(dip.probability()).isEqualTo(ScoreCalibrator.cappedByZ(1.0, dip.score()))
        .isGreaterThan(0.95).isLessThan(0.99);
  }

  @Test
  void theZCap_isTheNormalTwoSidedProbability() {
    // interpolated from a table every 1/1024 σ: within 1e-7 of 1 − erfc(z/√2)
    assertThat(ScoreCalibrator.cappedByZ(1.0, 3.0)).isCloseTo(0.9973002039367398, within(1e-7));
    assertThat(ScoreCalibrator.cappedByZ(1.0, -3.2905267314919255))
        .isCloseTo(0.999, within(1e-7));
    assertThat(ScoreCalibrator.cappedByZ(1.0, 1.2345)).isCloseTo(0.7829833532746596, within(1e-7));
    assertThat(ScoreCalibrator.cappedByZ(0.5, 10)).isEqualTo(0.5); // never raises
  }

  @Test
  void robustEwma_ignoresOneOutlier_followsALastingShift() {
    RobustEwma d = new RobustEwma(0.02);
    long t = 0;
    for (int i = 0; i < 2000; i++) {
      d.process(t++ * MINUTE, 100 + (i % 5 - 2)); // level 100, MAD about 1.2
    }
    Assessment outlier = d.process(t++ * MINUTE, 1000);
    assertThat(outlier.probability()).isGreaterThan(0.999);
    Assessment after = d.process(t++ * MINUTE, 100);
    assertThat(after.expected()).isCloseTo(100, within(0.5)); // moved by at most α·3σ
    for (int i = 0; i < 1000; i++) {
      d.process(t++ * MINUTE, 200 + (i % 5 - 2));
    }
    assertThat(d.process(t * MINUTE, 200).expected()).isCloseTo(200, within(1.0));
  }

  @Test
  void repeatSuppression_letsTheFirstOfABurstThrough() {
    RepeatSuppression d = new RepeatSuppression(new WindowedGaussian(100), 60 * MINUTE);
    long t = 0;
    for (int i = 0; i < 1000; i++) {
      d.process(t++ * MINUTE, i % 2 == 0 ? 9 : 11);
    }
    assertThat(d.process(t++ * MINUTE, 20).probability()).isGreaterThan(0.99);
    // Within the hour, an equally odd point is a repeat.
    assertThat(d.process(t++ * MINUTE, 19).probability()).isZero();
    for (int i = 0; i < 120; i++) {
      d.process(t++ * MINUTE, i % 2 == 0 ? 9 : 11);
    }
    assertThat(d.process(t * MINUTE, 20).probability()).isGreaterThan(0.9);
  }

  /** Says each point's probability from a script; expects 0 with a band of ±1. */
  private static final class Scripted extends AbstractStreamingDetector {
    private final double[] probabilities;
    private int next;

    Scripted(double... probabilities) {
      this.probabilities = probabilities;
    }

    @Override
    public String algorithm() {
      return "scripted";
    }

    @Override
    protected Assessment assess(long timestampMs, double value) {
      return new Assessment(Assessment.Status.SCORED, 0, probabilities[next++], 0, -1, 1,
          Direction.of(value, 0));
    }

    @Override
    protected int stateVersion() {
      return 1;
    }

    @Override
    protected void writeState(java.io.DataOutput out) { }
  }

  @Test
  void repeatSuppression_passesARepeatThatIsClearlyWorse_atThePeaksProbability() {
    double[] p = {0.9999, 0.9995, 0.9995, 0.9999, 0.99, 0.9995, 0.9995};
    double[] v = {10, 14, 16, 20, 30, 25, 25};
    // With factor 1.5: 14 is within 1.5 × 10, 16 beyond it; then 20 is within 1.5 × 16 = 24
    // (and its probability sets no new high); 30 is beyond but below the alarm level; 25 is
    // beyond 24 and an alarm, and once passed it is the new mark, so the next 25 is a repeat.
    double[] expected = {0.9999, 0, 0.9999, 0, 0, 0.9999, 0};
    RepeatSuppression d = new RepeatSuppression(new Scripted(p), 60 * MINUTE, 1.5);
    RepeatSuppression plain = new RepeatSuppression(new Scripted(p), 60 * MINUTE);
    for (int i = 0; i < p.length; i++) {
      assertThat(d.process(i * MINUTE, v[i]).probability()).as("point %d", i)
          .isEqualTo(expected[i]);
      assertThat(plain.process(i * MINUTE, v[i]).probability()).as("point %d, no escalation", i)
          .isEqualTo(i == 0 ? 0.9999 : 0);
    }
  }

  @Test
  void sustainedSurprise_flagsARunThatNoSinglePointGivesAway() {
    SustainedSurprise d = new SustainedSurprise(new RobustEwma(0.02), 30);
    RobustEwma alone = new RobustEwma(0.02);
    java.util.Random random = new java.util.Random(4);
    long t = 0;
    for (int i = 0; i < 5000; i++) {
      double v = 100 + random.nextGaussian();
      d.process(t * MINUTE, v);
      alone.process(t++ * MINUTE, v);
    }
    // 30 points at ±2.5σ: each alone is unremarkable, and the more so as the spread adapts.
    double sustained = 0;
    double single = 0;
    for (int i = 0; i < 30; i++) {
      double v = 100 + (i % 2 == 0 ? 2.5 : -2.5);
      sustained = d.process(t * MINUTE, v).probability();
      single = alone.process(t++ * MINUTE, v).probability();
    }
    assertThat(single).isLessThan(0.9);
    assertThat(sustained).isGreaterThan(0.995);
  }

  @Test
  void deviationFilter_dropsSmallMovesAndUnwantedDirections() {
    // Window of 9s and 11s: mean 10, σ 1. 14 is 4σ up (+40%), 7 is 3σ down (−30%).
    java.util.function.Supplier<WindowedGaussian> base = () -> {
      WindowedGaussian g = new WindowedGaussian(100);
      for (int i = 0; i < 1000; i++) {
        g.process(i * MINUTE, i % 2 == 0 ? 9 : 11);
      }
      return g;
    };
    long t = 1000 * MINUTE;
    var spikesOnly = new DeviationFilter(base.get(), 0, 0,
        java.util.EnumSet.of(Direction.SPIKE));
    assertThat(spikesOnly.process(t, 14).probability()).isGreaterThan(0.99);
    assertThat(new DeviationFilter(base.get(), 0, 0, java.util.EnumSet.of(Direction.SPIKE))
        .process(t, 7).probability()).isZero();
    var atLeastFive = new DeviationFilter(base.get(), 5, 0,
        java.util.EnumSet.of(Direction.SPIKE, Direction.DIP));
    assertThat(atLeastFive.process(t, 14).probability()).isZero(); // 4 < 5
    var atLeastHalf = new DeviationFilter(base.get(), 0, 0.5,
        java.util.EnumSet.of(Direction.SPIKE, Direction.DIP));
    assertThat(atLeastHalf.process(t, 14).probability()).isZero(); // 40% < 50%
    var atLeastThird = new DeviationFilter(base.get(), 0, 0.3,
        java.util.EnumSet.of(Direction.SPIKE, Direction.DIP));
    Assessment kept = atLeastThird.process(t, 14);
    assertThat(kept.probability()).isGreaterThan(0.99);
    var restored = (DeviationFilter) StreamingDetectors.restore(atLeastThird.snapshot());
    assertThat(restored.snapshot()).isEqualTo(atLeastThird.snapshot());
  }

  @Test
  void resolution_isTheDecimalStep_elseTheSmallestChangeOnceTenAreSeen() {
    assertThat(Resolution.of(42)).isEqualTo(1.0);
    assertThat(Resolution.of(99.5)).isEqualTo(0.1);
    assertThat(Resolution.of(0.125)).isEqualTo(0.001);
    assertThat(Resolution.of(Math.PI / 10)).isZero();
    assertThat(Resolution.of(3 / 31.0)).isZero();
    Resolution whole = new Resolution();
    whole.observe(50);
    whole.observe(70); // a jump of 20 does not coarsen whole numbers
    assertThat(whole.step()).isEqualTo(1.0);
    Resolution scaled = new Resolution();
    for (int i = 0; i < 150; i++) {
      scaled.observe((3 + i % 2 + (i % 7 == 0 ? 5 : 0)) / 31.0);
      if (i == 5) {
        assertThat(scaled.step()).as("fewer than 10 changes").isZero();
      }
    }
    assertThat(scaled.step()).isCloseTo(1 / 31.0, within(1e-15));
  }
}
