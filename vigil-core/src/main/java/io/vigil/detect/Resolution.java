package io.vigil.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The finest step a series is written in: 1 for whole numbers (counts, whole percentages),
 * 0.1 for one decimal, and so on; 0 when values carry more than nine decimals (measured,
 * averaged or scaled values, where it says nothing). Read from the values themselves, not from
 * their changes, so a rare large jump does not coarsen it.
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

  private double step = Double.POSITIVE_INFINITY;

  /** Takes a value into account. */
  public void observe(double value) {
    if (step > 0) {
      step = Math.min(step, of(value));
    }
  }

  /** The finest step seen so far; 0 before any value, or when it is not a decimal step. */
  public double step() {
    return Double.isInfinite(step) ? 0 : step;
  }

  /** The resolution of one value: 10^−k for the fewest decimals k ≤ 9 that write it, else 0. */
  public static double of(double value) {
    double a = Math.abs(value);
    for (int k = 0; k <= MAX_DECIMALS; k++) {
      double scaled = a * POWERS[k];
      if (scaled > 1e15) {
        return 1 / POWERS[k]; // beyond a double's integer precision: treat as whole
      }
      if (Math.abs(scaled - Math.rint(scaled)) <= 1e-9 * Math.max(1, scaled)) {
        return 1 / POWERS[k];
      }
    }
    return 0;
  }

  /** Writes the state. */
  public void write(DataOutput out) throws IOException {
    out.writeDouble(step);
  }

  /** Reads what {@link #write} wrote. */
  public void read(DataInput in) throws IOException {
    step = in.readDouble();
  }
}
