package io.vigil.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The finest step a series is written in: 1 for whole numbers (counts, whole percentages),
 * 0.1 for one decimal, and so on, read from the values themselves, not from their changes, so
 * a rare large jump does not coarsen it. When values carry more than nine decimals (measured,
 * averaged or scaled values) it falls back, once ten changes have been seen, to the
 * smallest of them: a series rescaled to [0, 1] from whole numbers (k/31, k/100) still has its
 * step, and a measured one has a tiny one by then, which floors nothing.
 *
 * <p>A detector's spread learnt on a flat or quantised stretch can shrink towards zero, and
 * then a change of one step scores as thousands of standard deviations. Flooring the standard
 * deviation at a share of the resolution keeps a one-step wiggle ordinary while a many-step
 * move still stands out, on any scale.
 */
public final class Resolution {
  private static final int MAX_DECIMALS = 9;
  private static final double[] POWERS = new double[MAX_DECIMALS + 1];

  static {
    for (int k = 0; k <= MAX_DECIMALS; k++) {
      POWERS[k] = Math.pow(10, k);
    }
  }

  /** Changes seen before the smallest of them is trusted as a step. */
  static final int CHANGES_BEFORE_FALLBACK = 10;

  private double step = Double.POSITIVE_INFINITY;
  private double smallestChange = Double.POSITIVE_INFINITY;
  private double last = Double.NaN;
  private long changes;

  /** Takes a value into account. */
  public void observe(double value) {
    if (step > 0) {
      step = Math.min(step, of(value));
    }
    double change = Math.abs(value - last);
    if (change > 0) { // false for the first value (NaN) and for repeats
      smallestChange = Math.min(smallestChange, change);
      changes++;
    }
    last = value;
  }

  /**
   * The finest decimal step seen so far; else, after enough changes, the smallest change
   * between consecutive values; else 0.
   */
  public double step() {
    if (step > 0 && !Double.isInfinite(step)) {
      return step;
    }
    return changes >= CHANGES_BEFORE_FALLBACK ? smallestChange : 0;
  }

  /** The resolution of one value: 10^−k for the fewest decimals k ≤ 9 that write it, else 0. */
  public static double of(double value) {
    double a = Math.abs(value);
    for (int k = 0; k <= MAX_DECIMALS; k++) {
      double scaled = a * POWERS[k];
      if (scaled > 1e15) {
        return 1 / POWERS[k]; // beyond a double's integer precision: treat as whole
      }
      // relative: above 1, nine significant digits past the point are as good as whole
      if (Math.abs(scaled - Math.rint(scaled)) <= 1e-9 * Math.max(1, scaled)) {
        return 1 / POWERS[k];
      }
    }
    return 0;
  }

  /** Writes the state. */
  public void write(DataOutput out) throws IOException {
    out.writeDouble(step);
    out.writeDouble(smallestChange);
    out.writeDouble(last);
    out.writeLong(changes);
  }

  /** Reads what {@link #write} wrote. */
  public void read(DataInput in) throws IOException {
    step = in.readDouble();
    smallestChange = in.readDouble();
    last = in.readDouble();
    changes = in.readLong();
  }
}
