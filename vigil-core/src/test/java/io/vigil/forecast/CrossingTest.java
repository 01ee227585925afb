package io.vigil.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Time-to-threshold on series whose crossing is known: a straight rise, and a rise with a
 * daily cycle and noise, over many seeds.
 */
class CrossingTest {
  private static final long STEP = 300_000L;
  private static final int HISTORY = 2880; // ten days of 5-minute points

  /** 50 + 0.005·i + 5·sin(2πi/288): 1.44 a day with a daily swing of ±5. */
  private static double path(int i) {
    return 50 + 0.005 * i + 5 * Math.sin(2 * Math.PI * i / 288);
  }

  @Test
  void aNoiselessLine_crossesExactlyWhereItShould() {
    LinearTrendForecaster f = new LinearTrendForecaster(1000);
    for (int i = 0; i < 1000; i++) {
      f.learn(i * STEP, 10 + 0.1 * i);
    }
    // Last point 109.9 at i = 999; 120 is 101 steps on.
    Crossing c = Crossing.of(f.forecast(500, 0.8), 120, 109.9, 999 * STEP);
    assertThat(c.rising()).isTrue();
    assertThat(c.expectedMs()).isEqualTo(1100 * STEP);
    assertThat(c.earliestMs()).isEqualTo(c.expectedMs());
    Crossing down = Crossing.of(f.forecast(500, 0.8), 50, 109.9, 999 * STEP);
    assertThat(down.withinHorizon()).isFalse();
    assertThat(down.expectedMs()).isEqualTo(Crossing.NONE);
  }

  @Test
  void aTrendWithADailyCycle_crossingEstimatedWithinAnHour_overManySeeds() {
    // Without noise the path first reaches 78 near a daily peak, about 6 days after the last
    // point (the trend alone would take 9.7 days); found here by walking the path.
    int truth = HISTORY;
    while (path(truth) < 78) {
      truth++;
    }
    assertThat(truth).isBetween(4600, 4700);
    for (int seed = 0; seed < 100; seed++) {
      Random random = new Random(seed);
      LinearTrendForecaster f = new LinearTrendForecaster(HISTORY, 288);
      double last = 0;
      for (int i = 0; i < HISTORY; i++) {
        last = path(i) + 0.5 * random.nextGaussian();
        f.learn(i * STEP, last);
      }
      Crossing c = Crossing.of(f.forecast(6000, 0.8), 78, last, (HISTORY - 1) * STEP);
      assertThat(c.expectedMs()).as("seed %d", seed)
          .isBetween((truth - 12) * STEP, (truth + 12) * STEP);
      assertThat(c.earliestMs()).isLessThanOrEqualTo(c.expectedMs());
      assertThat(c.latestMs()).isGreaterThanOrEqualTo(c.expectedMs());
    }
  }

  @Test
  void withoutTheSeason_allPairsUnderestimateTheRise() {
    // Ten whole days of a daily swing: the median of all pair slopes is 0.00478, not 0.005
    // (numpy over the noiseless path); pairs a day apart give the rise exactly.
    LinearTrendForecaster plain = new LinearTrendForecaster(HISTORY);
    LinearTrendForecaster seasonal = new LinearTrendForecaster(HISTORY, 288);
    for (int i = 0; i < HISTORY; i++) {
      plain.learn(i * STEP, path(i));
      seasonal.learn(i * STEP, path(i));
    }
    assertThat(plain.fit().slopePerStep()).isCloseTo(0.004784, within(1e-6));
    assertThat(seasonal.fit().slopePerStep()).isCloseTo(0.005, within(1e-12));
    assertThat(seasonal.fit().mean(1)).isCloseTo(path(HISTORY), within(1e-9));
  }

  @Test
  void linearTrendIntervals_holdTheirCoverage_onANoisyLine() {
    int inside = 0;
    int total = 0;
    for (int seed = 0; seed < 300; seed++) {
      Random random = new Random(seed);
      LinearTrendForecaster f = new LinearTrendForecaster(500);
      for (int i = 0; i < 500; i++) {
        f.learn(i * STEP, 3 + 0.2 * i + random.nextGaussian());
      }
      Forecast fc = f.forecast(50, 0.8);
      for (int h = 1; h <= 50; h++) {
        double actual = 3 + 0.2 * (499 + h) + random.nextGaussian();
        inside += actual >= fc.lower()[h - 1] && actual <= fc.upper()[h - 1] ? 1 : 0;
        total++;
      }
    }
    assertThat((double) inside / total).isBetween(0.75, 0.85);
  }
}
