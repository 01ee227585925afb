package io.vigil.correlate;

import java.util.Arrays;

/**
 * Pearson's r of two aligned series over a sliding window, kept with running sums so a long
 * series costs one pass: the way to see a relationship that held (CPU following requests) stop
 * holding. Written by hand because Commons Math's correlation works on whole arrays, and
 * recomputing it per window would cost window × length.
 */
public final class RollingCorrelation {
  private RollingCorrelation() {}

  /**
   * {@code out[t]} is r over points {@code t − window + 1 .. t}; NaN before the window is full
   * and where either series is constant over the window.
   */
  public static double[] of(double[] x, double[] y, int window) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("series must be aligned");
    }
    if (window < 3) {
      throw new IllegalArgumentException("a correlation needs a window of at least 3 points");
    }
    double[] out = new double[x.length];
    Arrays.fill(out, Double.NaN);
    // Sums of deviations from the first values keep the running sums small (less rounding).
    double x0 = x.length > 0 ? x[0] : 0;
    double y0 = y.length > 0 ? y[0] : 0;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    for (int t = 0; t < x.length; t++) {
      double a = x[t] - x0;
      double b = y[t] - y0;
      sx += a;
      sy += b;
      sxx += a * a;
      syy += b * b;
      sxy += a * b;
      if (t >= window) {
        double oa = x[t - window] - x0;
        double ob = y[t - window] - y0;
        sx -= oa;
        sy -= ob;
        sxx -= oa * oa;
        syy -= ob * ob;
        sxy -= oa * ob;
      }
      if (t >= window - 1) {
        double vx = sxx - sx * sx / window;
        double vy = syy - sy * sy / window;
        double cov = sxy - sx * sy / window;
        if (vx > 1e-12 * (sxx + 1e-300) && vy > 1e-12 * (syy + 1e-300)) {
          out[t] = Math.max(-1, Math.min(1, cov / Math.sqrt(vx * vy)));
        }
      }
    }
    return out;
  }
}
