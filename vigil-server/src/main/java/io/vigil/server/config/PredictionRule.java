package io.vigil.server.config;

import java.time.Duration;

/**
 * A predictive alert: fire when a matching series is forecast to reach {@code limit} within
 * {@code within}, with at least {@code confidence}, or has already passed it; resolve when it
 * no longer is.
 *
 * <p>Confidence 0.5 means the expected value reaches the limit in time. Higher asks more:
 * the far edge of the interval of coverage 2·confidence − 1 must reach it in time (the value
 * stays on the near side of that edge with probability {@code confidence}).
 *
 * @param name the rule's name (the alert's {@code alertname})
 * @param match which series
 * @param limit the value that must not be reached
 * @param rising true when the limit is reached from below (disk used), false from above
 *     (free memory, a temperature that must not fall)
 * @param within the lead time
 * @param history how far back the forecast learns from (at most
 *     {@link io.vigil.server.forecast.SeriesForecaster#MAX_POINTS} points): short for a trend
 *     that changes quickly, long for a season
 * @param method holt-winters, linear-trend or seasonal-naive
 * @param confidence in [0.5, 1)
 * @param every how often, in the series' own time, the forecast is made: at the first point
 *     of each period
 * @param forDuration how long every forecast must keep predicting the crossing before the
 *     alert fires (0: at once), so one steep stretch of noise does not page anyone
 */
public record PredictionRule(String name, SeriesSelector match, double limit, boolean rising,
    Duration within, Duration history, String method, double confidence, Duration every,
    Duration forDuration) {
  /** How far back a forecast learns from unless told. */
  public static final Duration DEFAULT_HISTORY = Duration.ofDays(28);

  public PredictionRule {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a prediction rule needs a name");
    }
    if (!Double.isFinite(limit)) {
      throw new IllegalArgumentException("prediction '" + name + "': limit must be a number");
    }
    if (within.isNegative() || within.isZero()) {
      throw new IllegalArgumentException("prediction '" + name + "': within must be > 0");
    }
    if (history.isNegative() || history.isZero()) {
      throw new IllegalArgumentException("prediction '" + name + "': history must be > 0");
    }
    if (!(confidence >= 0.5 && confidence < 1)) {
      throw new IllegalArgumentException("prediction '" + name + "': confidence must be in"
          + " [0.5, 1), was " + confidence);
    }
    if (forDuration.isNegative()) {
      throw new IllegalArgumentException("prediction '" + name + "': for must be >= 0");
    }
    if (every.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("prediction '" + name + "': every must be >= 1s");
    }
  }

  /** The interval coverage the confidence asks for (0 at confidence 0.5: the mean). */
  public double coverage() {
    return Math.max(2 * confidence - 1, 0.01);
  }

  /** Whether {@code value} has already reached the limit. */
  public boolean reached(double value) {
    return rising ? value >= limit : value <= limit;
  }
}
