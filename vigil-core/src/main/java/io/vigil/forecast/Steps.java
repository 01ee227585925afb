package io.vigil.forecast;

/**
 * The spacing of a series, learnt as it goes: the most recent of the two last intervals
 * that agree, so one gap or one doubled point does not change the step. Forecasts are made
 * at this step.
 */
final class Steps {
  private long last = Long.MIN_VALUE;
  private long previousInterval;
  private long step;
  private long count;

  void learn(long timestampMs) {
    if (last != Long.MIN_VALUE) {
      long interval = timestampMs - last;
      if (interval > 0 && (step == 0 || interval == previousInterval)) {
        step = interval;
      }
      previousInterval = interval;
    }
    last = timestampMs;
    count++;
  }

  void write(java.io.DataOutput out) throws java.io.IOException {
    out.writeLong(last);
    out.writeLong(previousInterval);
    out.writeLong(step);
    out.writeLong(count);
  }

  void read(java.io.DataInput in) throws java.io.IOException {
    last = in.readLong();
    previousInterval = in.readLong();
    step = in.readLong();
    count = in.readLong();
  }

  long last() {
    return last;
  }

  long step() {
    return step > 0 ? step : 60_000;
  }

  long count() {
    return count;
  }

  long[] times(int horizon) {
    long[] t = new long[horizon];
    for (int h = 0; h < horizon; h++) {
      t[h] = last + (h + 1) * step();
    }
    return t;
  }

  static void requireHistory(long have, int need) {
    if (have < need) {
      throw new IllegalStateException("not enough history: need " + need + " points, have "
          + have);
    }
  }

  /** The standard normal quantile for a two-sided interval of {@code coverage}. */
  static double z(double coverage) {
    if (!(coverage > 0 && coverage < 1)) {
      throw new IllegalArgumentException("coverage must be in (0, 1), was " + coverage);
    }
    return new org.apache.commons.math3.distribution.NormalDistribution(0, 1)
        .inverseCumulativeProbability(0.5 + coverage / 2);
  }
}
