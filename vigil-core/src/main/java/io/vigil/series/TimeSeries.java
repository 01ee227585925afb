package io.vigil.series;

import java.util.Objects;

/**
 * One metric's points in file order: timestamps may repeat or step back, exactly as the source
 * had them, so results can be matched to source rows by position.
 *
 * @param source where the points came from, for messages
 * @param timestampsMs epoch milliseconds of each point
 * @param values the value of each point, finite
 * @param lines the 1-based source line of each point
 */
public record TimeSeries(String source, long[] timestampsMs, double[] values, long[] lines) {

  public TimeSeries {
    Objects.requireNonNull(source, "source");
    if (timestampsMs.length != values.length || lines.length != values.length) {
      throw new IllegalArgumentException("one timestamp, value and line per point");
    }
  }

  /** The number of points. */
  public int size() {
    return values.length;
  }

  /** The median interval between consecutive points (a minute when there are fewer than 2). */
  public long medianStepMs() {
    if (timestampsMs.length < 2) {
      return 60_000;
    }
    long[] d = new long[timestampsMs.length - 1];
    for (int i = 1; i < timestampsMs.length; i++) {
      d[i - 1] = timestampsMs[i] - timestampsMs[i - 1];
    }
    java.util.Arrays.sort(d);
    return Math.max(1, d[d.length / 2]);
  }
}
