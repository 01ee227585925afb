package io.vigil.server.config;

import java.time.Duration;

/**
 * A predictive alert: fire when a matching series is forecast to reach {@code limit} within
 * {@code within}, with at least {@code confidence}; resolve when it no longer is.
 *
 * <p>Confidence 0.5 means the expected value reaches the limit in time. Higher asks more:
 * the far edge of the interval of coverage 2·confidence − 1 must reach it in time (the value
 * stays on the near side of that edge with probability {@code confidence}).
 *
 * @param name the rule's name (the alert's {@code alertname})
 * @param match which series
 * @param limit the value that must not be reached
 * @param within the lead time
 * @param method holt-winters, linear-trend or seasonal-naive
 * @param confidence in [0.5, 1)
 * @param every how often the forecasts are made
 */
public record PredictionRule(String name, SeriesSelector match, double limit, Duration within,
    String method, double confidence, Duration every) {
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
    if (!(confidence >= 0.5 && confidence < 1)) {
      throw new IllegalArgumentException("prediction '" + name + "': confidence must be in"
          + " [0.5, 1), was " + confidence);
    }
    if (every.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("prediction '" + name + "': every must be >= 1s");
    }
  }

  /** The interval coverage the confidence asks for (0 at confidence 0.5: the mean). */
  public double coverage() {
    return Math.max(2 * confidence - 1, 0.01);
  }
}
