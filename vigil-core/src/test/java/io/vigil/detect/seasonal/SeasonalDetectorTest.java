package io.vigil.detect.seasonal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.detect.Assessment;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Seasonal forecasts on synthetic series with a known shape. */
class SeasonalDetectorTest {
  private static final long MINUTE = 60_000;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;

  /** 100 + 50·sin(2π·t/day) + N(0, 1) noise. */
  private static double daily(long t, Random random) {
    return 100 + 50 * Math.sin(2 * Math.PI * (t % DAY) / DAY) + random.nextGaussian();
  }

  @ParameterizedTest
  @EnumSource(SeasonalDetector.Kind.class)
  void findsTheDailyCycle_andForecastsIt(SeasonalDetector.Kind kind) {
    SeasonalDetector d = new SeasonalDetector(kind);
    Random random = new Random(5);
    long t = 0;
    long sixAm = 7 * DAY + 6 * HOUR; // the peak: 150
    for (; t < sixAm; t += 5 * MINUTE) {
      d.process(t, daily(t, random));
    }
    assertThat(d.period(t)).isEqualTo(Period.DAY);
    Assessment peak = d.process(sixAm, 150);
    // The forecast is the bin's mean over its 15 minutes, within a few σ of the noise;
    // Holt-Winters' level lags the cycle a little more than the profile's.
    assertThat(peak.expected()).isCloseTo(150, within(5.0));
    assertThat(peak.probability()).isLessThan(0.99);
    // The same 150 at 18:00, the trough (50), is far out of season.
    for (t += 5 * MINUTE; t < sixAm + 12 * HOUR; t += 5 * MINUTE) {
      d.process(t, daily(t, random));
    }
    assertThat(d.process(t, 150).probability()).isGreaterThan(0.999);
  }

  @ParameterizedTest
  @EnumSource(SeasonalDetector.Kind.class)
  void noiseWithoutSeason_staysPlain(SeasonalDetector.Kind kind) {
    SeasonalDetector d = new SeasonalDetector(kind);
    Random random = new Random(6);
    long t = 0;
    for (; t < 20 * DAY; t += 5 * MINUTE) {
      d.process(t, 100 + random.nextGaussian());
    }
    assertThat(d.period(t)).isEqualTo(Period.NONE);
  }

  @Test
  void holtWinters_followsATrend() {
    SeasonalDetector d = new SeasonalDetector(SeasonalDetector.Kind.HOLT_WINTERS);
    Random random = new Random(7);
    long t = 0;
    for (int i = 0; i < 5000; i++, t += MINUTE) {
      d.process(t, 10 + 0.05 * i + 0.1 * random.nextGaussian());
    }
    Assessment next = d.process(t, 10 + 0.05 * 5000);
    assertThat(next.expected()).isCloseTo(260, within(0.5));
    assertThat(next.probability()).isLessThan(0.99);
  }

  @Test
  void phaseBins_coverTheirCycle() {
    assertThat(Period.DAY.phase(0)).isZero();
    assertThat(Period.DAY.phase(DAY - 1)).isEqualTo(95);
    assertThat(Period.DAY.phase(DAY + 15 * MINUTE)).isEqualTo(1);
    assertThat(Period.WEEK.phase(-1)).isEqualTo(167);
    assertThat(Period.NONE.phase(123_456_789)).isZero();
  }
}
