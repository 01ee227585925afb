package io.vigil.forecast;

/**
 * Finds a series' season in points: of an hour, a day and a week at the series' step, the
 * one whose autocorrelation at the season's lag rises most above that at half the lag (a
 * cycle is alike a season apart and unlike half a season apart; a merely smooth series is
 * alike at both), provided it is at least {@value #MIN_ACF}, the rise at least
 * {@value #MIN_RISE}, and the history holds three seasons; else 1 (no season). A straight
 * line is taken out first, so a steady trend (alike at every lag) does not hide a cycle.
 */
public final class SeasonFinder {
  static final double MIN_ACF = 0.3;
  static final double MIN_RISE = 0.2;
  /** The longest season considered, in points (a week at 5 minutes). */
  public static final int MAX_SEASON = 2016;
  private static final long[] PERIODS = {3_600_000L, 86_400_000L, 604_800_000L};

  private SeasonFinder() {}

  /** The season of {@code values} taken every {@code stepMs}, in points (1: none). */
  public static int find(double[] raw, long stepMs) {
    double[] values = detrended(raw);
    int best = 1;
    double bestRise = MIN_RISE;
    for (long period : PERIODS) {
      if (period % stepMs != 0) {
        continue;
      }
      long m = period / stepMs;
      if (m < 2 || m > MAX_SEASON || values.length < 3 * m) {
        continue;
      }
      double acf = autocorrelation(values, (int) m);
      double rise = acf - autocorrelation(values, (int) m / 2);
      if (acf >= MIN_ACF && rise > bestRise) {
        bestRise = rise;
        best = (int) m;
      }
    }
    return best;
  }

  /** {@code v} less its least-squares line over the index. */
  static double[] detrended(double[] v) {
    int n = v.length;
    double mx = (n - 1) / 2.0;
    double my = 0;
    for (double x : v) {
      my += x / n;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      sxy += (i - mx) * (v[i] - my);
      sxx += (i - mx) * (i - mx);
    }
    double slope = sxx == 0 ? 0 : sxy / sxx;
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = v[i] - my - slope * (i - mx);
    }
    return out;
  }

  static double autocorrelation(double[] v, int lag) {
    double mean = 0;
    for (double x : v) {
      mean += x / v.length;
    }
    double num = 0;
    double den = 0;
    for (int i = 0; i < v.length; i++) {
      double d = v[i] - mean;
      den += d * d;
      if (i >= lag) {
        num += d * (v[i - lag] - mean);
      }
    }
    return den == 0 ? 0 : num / den;
  }
}
