package io.vigil.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.series.TimeSeries;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The capacity view of series with a known trend history. */
class TrendReportTest {
  private static final long DAY = 86_400_000L;
  private static final long STEP = 300_000;
  private static final long T0 = 1_700_000_000_000L;

  private static TimeSeries series(java.util.function.IntToDoubleFunction value, int n) {
    long[] t = new long[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = T0 + i * STEP;
      v[i] = value.applyAsDouble(i);
    }
    return new TimeSeries("test", t, v, new long[n]);
  }

  @Test
  void findsWhereGrowthStarted_andProjectsTheNewTrend() {
    Random random = new Random(1);
    int perDay = 288;
    // Flat at 50 for 10 days, then 2 a day for 10 days.
    TimeSeries s = series(i -> (i < 10 * perDay ? 50 : 50 + 2.0 * (i - 10 * perDay) / perDay)
        + 0.5 * random.nextGaussian(), 20 * perDay);
    TrendReport r = TrendReport.of(s, 0.8);
    assertThat(r.changePointsMs()).isNotEmpty();
    assertThat(r.changePointsMs()).anyMatch(c -> Math.abs(c - (T0 + 10 * DAY)) < DAY / 2);
    assertThat(r.slopePerDay()).isCloseTo(2.0, within(0.1));
    TrendReport.Projection week = r.projections().get(0);
    assertThat(week.days()).isEqualTo(7);
    assertThat(week.mean()).isCloseTo(70 + 14, within(1.5));
    TrendReport.Projection quarter = r.projections().get(2);
    assertThat(quarter.upper() - quarter.lower()).isGreaterThan(week.upper() - week.lower());
  }

  @Test
  void aFlatNoisySeries_hasNoChangeAndNoSlope() {
    Random random = new Random(2);
    TrendReport r = TrendReport.of(series(i -> 30 + random.nextGaussian(), 5000), 0.8);
    assertThat(r.changePointsMs()).isEmpty();
    assertThat(r.slopePerDay()).isCloseTo(0, within(0.1));
    assertThat(r.projections().get(1).mean()).isCloseTo(30, within(1.0));
  }
}
