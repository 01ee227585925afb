package io.vigil.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vigil.series.TimeSeries;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ErrorBudgetTest {
  private static final long STEP = 300_000;
  private static final long DAY = 86_400_000L;

  @Test
  void aSteadyBurnAtTwiceTheBudget_exhaustsItOnSchedule() {
    // 10 days at 0.2% bad against 99.9% over 30 days: 2/3 of the budget spent, burn rate 2;
    // the remaining 1/3 (0.001·30 d/3 = 0.01 bad-days) lasts 0.01/0.002 = 5 days.
    int n = (int) (10 * DAY / STEP);
    long[] t = new long[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = i * STEP;
      v[i] = 0.002;
    }
    SeasonalNaiveForecaster f = new SeasonalNaiveForecaster(1);
    for (int i = 0; i < n; i++) {
      f.learn(t[i], v[i]);
    }
    ErrorBudget b = ErrorBudget.of(new TimeSeries("errors", t, v, new long[n]), 0.999,
        Duration.ofDays(30), f.forecast((int) (30 * DAY / STEP), 0.8));
    assertThat(b.consumed()).isCloseTo(2.0 / 3, within(1e-3));
    assertThat(b.burnRate()).isCloseTo(2.0, within(1e-9));
    assertThat((double) (b.exhaustionMs() - t[n - 1]) / DAY).isCloseTo(5.0, within(0.01));
  }

  @Test
  void badFractionsOutsideZeroToOne_areRefused() {
    TimeSeries s = new TimeSeries("e", new long[] {0, STEP}, new double[] {0.1, 3},
        new long[2]);
    Forecast f = new Forecast(new long[0], new double[0], new double[0], new double[0], 0.8);
    assertThatThrownBy(() -> ErrorBudget.of(s, 0.999, Duration.ofDays(30), f))
        .hasMessageContaining("point 2 is 3.0, not a bad fraction");
  }
}
