package io.vigil.forecast;

import io.vigil.series.TimeSeries;
import java.time.Duration;

/**
 * An error-budget objective ("99.9% of requests good over 30 days") projected forward. The
 * series is the bad fraction of requests at each point (0–1). The budget is
 * {@code (1 − target)} of the window; what the history since the window began has consumed
 * is Σ bad·Δt / window; the burn rate is the latest bad fraction over {@code 1 − target}
 * (1: on course to spend exactly the budget). The rest of the budget is then spent at the
 * forecast's bad fractions, and at its interval's upper and lower edges for the earliest and
 * latest exhaustion.
 *
 * @param target the objective, e.g. 0.999
 * @param window the objective's window
 * @param consumed the share of the budget spent, 0–1 and beyond
 * @param burnRate the latest bad fraction over the budget's fraction
 * @param exhaustionMs when the budget runs out at the forecast, or {@link Crossing#NONE}
 * @param earliestMs when it runs out at the interval's upper edge
 * @param latestMs when it runs out at the lower edge
 */
public record ErrorBudget(double target, Duration window, double consumed, double burnRate,
    long exhaustionMs, long earliestMs, long latestMs) {

  /**
   * @param badFraction the bad fraction of requests over time
   * @param forecast its forecast
   * @throws IllegalArgumentException for a target outside (0, 1) or a fraction outside 0–1
   */
  public static ErrorBudget of(TimeSeries badFraction, double target, Duration window,
      Forecast forecast) {
    if (!(target > 0 && target < 1)) {
      throw new IllegalArgumentException("the target must be in (0, 1), e.g. 0.999");
    }
    long[] t = badFraction.timestampsMs();
    double[] v = badFraction.values();
    for (int i = 0; i < v.length; i++) {
      if (v[i] < 0 || v[i] > 1) {
        throw new IllegalArgumentException(badFraction.source() + ": point " + (i + 1)
            + " is " + v[i] + ", not a bad fraction between 0 and 1");
      }
    }
    double budget = (1 - target) * window.toMillis(); // bad-milliseconds allowed
    long step = badFraction.medianStepMs();
    long last = t[t.length - 1];
    long start = last - window.toMillis();
    double spent = 0;
    for (int i = 0; i < t.length; i++) {
      if (t[i] > start) {
        spent += v[i] * step;
      }
    }
    double burn = v[v.length - 1] / (1 - target);
    return new ErrorBudget(target, window, spent / budget, burn,
        exhaustion(forecast.timesMs(), forecast.mean(), budget - spent, step),
        exhaustion(forecast.timesMs(), forecast.upper(), budget - spent, step),
        exhaustion(forecast.timesMs(), forecast.lower(), budget - spent, step));
  }

  private static long exhaustion(long[] t, double[] bad, double remaining, long step) {
    if (remaining <= 0) {
      return t.length == 0 ? Crossing.NONE : t[0] - step;
    }
    for (int h = 0; h < t.length; h++) {
      double spend = Math.max(0, Math.min(1, bad[h])) * step;
      if (spend >= remaining) {
        return t[h] - step + Math.round(step * remaining / spend);
      }
      remaining -= spend;
    }
    return Crossing.NONE;
  }
}
