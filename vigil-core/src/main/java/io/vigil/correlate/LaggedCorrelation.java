package io.vigil.correlate;

import java.util.Locale;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

/**
 * The lag at which two equally spaced series correlate most strongly, and so which leads: a
 * positive lag k means {@code x} at time t moves with {@code y} at time t + k, i.e. x leads y
 * by k steps (a queue that fills before latency rises).
 *
 * @param lag the best lag in steps, positive when x leads
 * @param correlation Pearson's r at that lag (the largest in absolute value)
 * @param atZero r without lag, for comparison
 */
public record LaggedCorrelation(int lag, double correlation, double atZero) {

  /** Which of the two leads, in words: "x leads y by 3 steps", "in step". */
  public String describe(String x, String y) {
    if (lag == 0) {
      return x + " and " + y + " move in step (r " + round(correlation) + ")";
    }
    String leader = lag > 0 ? x : y;
    String follower = lag > 0 ? y : x;
    return leader + " leads " + follower + " by " + Math.abs(lag) + " step"
        + (Math.abs(lag) == 1 ? "" : "s") + " (r " + round(correlation) + ", " + round(atZero)
        + " without lag)";
  }

  /**
   * Tries every lag from −maxLag to maxLag on the overlapping parts of the series.
   *
   * @throws IllegalArgumentException when the lengths differ, a value is not finite, or fewer
   *     than 3 points would overlap at the largest lag
   */
  public static LaggedCorrelation of(double[] x, double[] y, int maxLag) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("series must be aligned: " + x.length + " and "
          + y.length + " points");
    }
    if (maxLag < 0 || x.length - maxLag < 3) {
      throw new IllegalArgumentException("a lag of " + maxLag + " leaves fewer than 3 points"
          + " of " + x.length + " to correlate");
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException("point " + i + " is not a finite number");
      }
    }
    int bestLag = 0;
    double best = 0;
    double atZero = Double.NaN;
    for (int lag = -maxLag; lag <= maxLag; lag++) {
      double r = correlation(x, y, lag);
      if (lag == 0) {
        atZero = r;
      }
      // Ties keep the smaller lag, so a series in step is not said to lead.
      boolean stronger = Math.abs(r) > Math.abs(best) + 1e-12;
      boolean asStrongButNearer = Math.abs(Math.abs(r) - Math.abs(best)) <= 1e-12
          && Math.abs(lag) < Math.abs(bestLag);
      if (stronger || asStrongButNearer) {
        best = r;
        bestLag = lag;
      }
    }
    return new LaggedCorrelation(bestLag, best, atZero);
  }

  /** r of x[t] with y[t + lag] over the overlap; 0 when either part is constant. */
  static double correlation(double[] x, double[] y, int lag) {
    int n = x.length - Math.abs(lag);
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = x[lag >= 0 ? i : i - lag];
      b[i] = y[lag >= 0 ? i + lag : i];
    }
    double r = new PearsonsCorrelation().correlation(a, b);
    return Double.isNaN(r) ? 0 : r;
  }

  private static String round(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
