package io.vigil.forecast;

/**
 * When a forecast reaches a limit: the step where the expected value first reaches it
 * (interpolated between steps), with the interval's edges giving the earliest and latest
 * plausible times. Rising toward the limit, the upper edge reaches it first (earliest) and
 * the lower edge last (latest); falling, the other way round. A time not within the forecast
 * is {@link Long#MIN_VALUE}.
 *
 * @param limit the limit
 * @param rising whether the limit is above the series (it must rise to reach it)
 * @param expectedMs when the expected value reaches it
 * @param earliestMs when the near edge of the interval reaches it
 * @param latestMs when the far edge reaches it
 */
public record Crossing(double limit, boolean rising, long expectedMs, long earliestMs,
    long latestMs) {
  /** Not within the forecast. */
  public static final long NONE = Long.MIN_VALUE;

  /** Whether the expected value reaches the limit within the forecast. */
  public boolean withinHorizon() {
    return expectedMs != NONE;
  }

  /**
   * Where {@code forecast} reaches {@code limit}.
   *
   * @param lastValue the last value learnt: the side of the limit the series is on now
   * @param lastTimeMs its time, where interpolation starts
   */
  public static Crossing of(Forecast forecast, double limit, double lastValue, long lastTimeMs) {
    return of(forecast, limit, limit >= lastValue, lastValue, lastTimeMs);
  }

  /**
   * Where {@code forecast} reaches {@code limit} from the side {@code rising} says (below
   * when true); a series already past it reaches it at its last point.
   */
  public static Crossing of(Forecast forecast, double limit, boolean rising, double lastValue,
      long lastTimeMs) {
    if (rising ? lastValue >= limit : lastValue <= limit) {
      return new Crossing(limit, rising, lastTimeMs, lastTimeMs, lastTimeMs);
    }
    double[] near = rising ? forecast.upper() : forecast.lower();
    double[] far = rising ? forecast.lower() : forecast.upper();
    return new Crossing(limit, rising,
        first(forecast.timesMs(), forecast.mean(), limit, rising, lastValue, lastTimeMs),
        first(forecast.timesMs(), near, limit, rising, lastValue, lastTimeMs),
        first(forecast.timesMs(), far, limit, rising, lastValue, lastTimeMs));
  }

  private static long first(long[] t, double[] v, double limit, boolean rising, double v0,
      long t0) {
    double previous = v0;
    long previousT = t0;
    for (int i = 0; i < v.length; i++) {
      boolean reached = rising ? v[i] >= limit : v[i] <= limit;
      if (reached) {
        double span = v[i] - previous;
        double f = span == 0 ? 1 : Math.max(0, Math.min(1, (limit - previous) / span));
        return previousT + Math.round(f * (t[i] - previousT));
      }
      previous = v[i];
      previousT = t[i];
    }
    return NONE;
  }
}
