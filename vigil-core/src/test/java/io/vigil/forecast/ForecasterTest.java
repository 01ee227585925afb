package io.vigil.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Forecasters on series whose future is known. */
class ForecasterTest {
  private static final long STEP = 300_000;

  @Test
  void seasonalNaive_repeatsTheLastSeason() {
    SeasonalNaiveForecaster f = new SeasonalNaiveForecaster(4);
    double[] v = {1, 2, 3, 4, 1, 2, 3, 5};
    for (int i = 0; i < v.length; i++) {
      f.learn(i * STEP, v[i]);
    }
    Forecast fc = f.forecast(6, 0.8);
    assertThat(fc.mean()).containsExactly(1, 2, 3, 5, 1, 2);
    assertThat(fc.timesMs()[0]).isEqualTo(8 * STEP);
    // One-season differences seen: 0, 0, 0, 1 → σ = 0.5; two seasons ahead: ×√2.
    double z = 1.2815515655;
    assertThat(fc.upper()[0] - fc.mean()[0]).isCloseTo(z * 0.5, within(1e-6));
    assertThat(fc.upper()[4] - fc.mean()[4]).isCloseTo(z * 0.5 * Math.sqrt(2), within(1e-6));
  }

  @Test
  void holtWinters_continuesATrendedSeason() {
    // Undamped (φ = 1): the defaults damp the trend, on purpose, so they undershoot this one.
    HoltWintersForecaster f = new HoltWintersForecaster(24, false, 0.3, 0.001, 0.1, 1.0);
    for (int i = 0; i < 24 * 20; i++) {
      f.learn(i * STEP, 100 + 0.1 * i + 10 * Math.sin(2 * Math.PI * i / 24));
    }
    Forecast fc = f.forecast(48, 0.8);
    double error = 0;
    for (int h = 1; h <= 48; h++) {
      int i = 24 * 20 - 1 + h;
      double truth = 100 + 0.1 * i + 10 * Math.sin(2 * Math.PI * i / 24);
      // Within 2%...
      assertThat(fc.mean()[h - 1]).as("step %d", h).isCloseTo(truth, within(0.02 * truth));
      error += Math.abs(fc.mean()[h - 1] - truth) / 48;
    }
    // ...and well inside seasonal naive's error, which misses the trend: 0.1·24 per season.
    assertThat(error).isLessThan(1.0);
  }

  @Test
  void holtWinters_intervalsHoldTheirCoverage_onALocalLevelSeries() {
    // y = ℓ + e, ℓ ← ℓ + 0.3e, e ~ N(0, 1): the model Holt-Winters' level equation assumes.
    int inside = 0;
    int total = 0;
    for (int seed = 0; seed < 300; seed++) {
      Random random = new Random(seed);
      HoltWintersForecaster f = HoltWintersForecaster.withDefaults(1);
      double level = 50;
      for (int i = 0; i < 400; i++) {
        double e = random.nextGaussian();
        f.learn(i * STEP, level + e);
        level += 0.3 * e;
      }
      Forecast fc = f.forecast(10, 0.8);
      for (int h = 0; h < 10; h++) {
        double e = random.nextGaussian();
        double actual = level + e;
        level += 0.3 * e;
        if (actual >= fc.lower()[h] && actual <= fc.upper()[h]) {
          inside++;
        }
        total++;
      }
    }
    assertThat((double) inside / total).isBetween(0.75, 0.85);
  }

  @Test
  void linearTrend_ignoresOutliers_andWidensAhead() {
    LinearTrendForecaster f = new LinearTrendForecaster(200);
    Random random = new Random(1);
    for (int i = 0; i < 200; i++) {
      double outage = i % 37 == 0 ? -50 : 0;
      f.learn(i * STEP, 5 + 2 * i + random.nextGaussian() * 0.5 + outage);
    }
    LinearTrendForecaster.Line line = f.fit();
    assertThat(line.slopePerStep()).isCloseTo(2, within(0.02));
    assertThat(line.intercept()).isCloseTo(5 + 2 * 199, within(0.5));
    Forecast fc = f.forecast(100, 0.8);
    assertThat(fc.mean()[99]).isCloseTo(5 + 2 * 299, within(3.0));
    assertThat(fc.upper()[99] - fc.lower()[99]).isGreaterThan(fc.upper()[0] - fc.lower()[0]);
  }

  @Test
  void tooLittleHistory_isSaidPlainly() {
    HoltWintersForecaster f = HoltWintersForecaster.withDefaults(24);
    f.learn(0, 1);
    assertThatThrownBy(() -> f.forecast(5, 0.8)).isInstanceOf(IllegalStateException.class)
        .hasMessage("not enough history: need 49 points, have 1");
  }

  @Test
  void seasonFinder_findsTheDay_andNothingInNoise() {
    Random random = new Random(2);
    double[] daily = new double[288 * 5];
    double[] noise = new double[288 * 5];
    for (int i = 0; i < daily.length; i++) {
      daily[i] = Math.sin(2 * Math.PI * i / 288) + 0.2 * random.nextGaussian();
      noise[i] = random.nextGaussian();
    }
    assertThat(SeasonFinder.find(daily, STEP)).isEqualTo(288);
    assertThat(SeasonFinder.find(noise, STEP)).isEqualTo(1);
  }
}
