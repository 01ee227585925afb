package io.vigil.forecast;

/**
 * Values expected after the last point learnt, one per step, each with an interval.
 *
 * @param timesMs the time of each step
 * @param mean the expected value
 * @param lower the interval's lower edge
 * @param upper the interval's upper edge
 * @param coverage the probability the interval is meant to hold the value with, e.g. 0.8
 */
public record Forecast(long[] timesMs, double[] mean, double[] lower, double[] upper,
    double coverage) {
  public Forecast {
    if (timesMs.length != mean.length || mean.length != lower.length
        || lower.length != upper.length) {
      throw new IllegalArgumentException("one time, mean and interval per step");
    }
  }

  /** The number of steps. */
  public int horizon() {
    return mean.length;
  }
}
