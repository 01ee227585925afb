package io.vigil.forecast;

import java.util.Arrays;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * A straight line through the last {@code window} points, for capacity series (disk used,
 * connections in a pool) that grow steadily: the Theil-Sen slope (the median of the slopes
 * between every pair of points) and the median intercept, so a burst or an outage among the
 * points barely moves the line. The interval is the ordinary least-squares prediction
 * interval, ±z·σ·√(1 + k·(1/n + (x − x̄)²/Sxx)), with σ the residuals' median absolute
 * deviation times 1.4826: wider the further ahead. k = (1 + ρ)/(1 − ρ), ρ the residuals'
 * lag-1 autocorrelation, widens the line's own part: neighbouring residuals of a metric are
 * alike, so n points know the line less well than n independent ones would.
 *
 * <p>Written by hand: commons-math's regressions are least squares, which one outage would
 * tilt.
 */
public final class LinearTrendForecaster implements Forecaster {
  private final int window;
  private final double[] values;
  private final long[] times;
  private final Steps steps = new Steps();
  private int next;
  private long n;

  /** A line through the last {@code window} points (at least 3). */
  public LinearTrendForecaster(int window) {
    if (window < 3) {
      throw new IllegalArgumentException("the window must hold at least 3 points");
    }
    this.window = window;
    this.values = new double[window];
    this.times = new long[window];
  }

  @Override
  public String name() {
    return "linear-trend";
  }

  @Override
  public void learn(long timestampMs, double value) {
    steps.learn(timestampMs);
    values[next] = value;
    times[next] = timestampMs;
    next = (next + 1) % window;
    n++;
  }

  @Override
  public long learnt() {
    return n;
  }

  @Override
  public int minimumHistory() {
    return 3;
  }

  /** The fitted line: value = intercept + slope · (t − the last point's time) / step. */
  public record Line(double intercept, double slopePerStep, double sigma, int points,
      double meanX, double sxx, double inflation) {
    /** The standard error of a value {@code x} steps after the last point. */
    public double standardError(double x) {
      double d = x - meanX;
      return sigma * Math.sqrt(1 + inflation * (1.0 / points + (sxx > 0 ? d * d / sxx : 0)));
    }
  }

  /** Fits the line to the points in the window. */
  public Line fit() {
    Steps.requireHistory(n, minimumHistory());
    int k = (int) Math.min(n, window);
    double[] x = new double[k];
    double[] y = new double[k];
    long step = steps.step();
    long last = steps.last();
    for (int i = 0; i < k; i++) {
      int at = (next - k + i + window) % window;
      x[i] = (double) (times[at] - last) / step;
      y[i] = values[at];
    }
    double[] slopes = new double[k * (k - 1) / 2];
    int s = 0;
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) {
        if (x[j] != x[i]) {
          slopes[s++] = (y[j] - y[i]) / (x[j] - x[i]);
        }
      }
    }
    // Selection, not a sort: the window's 500,000 pair slopes would take ten times longer.
    double slope = s == 0 ? 0 : new Median().evaluate(slopes, 0, s);
    double[] offsets = new double[k];
    for (int i = 0; i < k; i++) {
      offsets[i] = y[i] - slope * x[i];
    }
    double intercept = median(offsets.clone());
    double[] residuals = new double[k];
    double meanX = 0;
    for (int i = 0; i < k; i++) {
      residuals[i] = Math.abs(offsets[i] - intercept);
      meanX += x[i] / k;
    }
    double sxx = 0;
    for (int i = 0; i < k; i++) {
      sxx += (x[i] - meanX) * (x[i] - meanX);
    }
    return new Line(intercept, slope, 1.4826 * median(residuals), k, meanX, sxx,
        inflation(offsets, intercept));
  }

  @Override
  public Forecast forecast(int horizon, double coverage) {
    Line line = fit();
    double z = Steps.z(coverage);
    double[] mean = new double[horizon];
    double[] lower = new double[horizon];
    double[] upper = new double[horizon];
    for (int h = 1; h <= horizon; h++) {
      mean[h - 1] = line.intercept() + line.slopePerStep() * h;
      double se = line.standardError(h);
      lower[h - 1] = mean[h - 1] - z * se;
      upper[h - 1] = mean[h - 1] + z * se;
    }
    return new Forecast(steps.times(horizon), mean, lower, upper, coverage);
  }

  /**
   * How much wider the line's own uncertainty is than independent residuals would make it:
   * (1 + ρ) / (1 − ρ), ρ the residuals' lag-1 autocorrelation (at least 0). Neighbouring
   * residuals of a metric are alike, so n points carry the information of fewer.
   */
  static double inflation(double[] offsets, double intercept) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < offsets.length; i++) {
      double r = offsets[i] - intercept;
      den += r * r;
      if (i > 0) {
        num += r * (offsets[i - 1] - intercept);
      }
    }
    double rho = den == 0 ? 0 : Math.max(0, Math.min(0.99, num / den));
    return (1 + rho) / (1 - rho);
  }

  private static double median(double[] v) {
    Arrays.sort(v);
    int m = v.length / 2;
    return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
  }
}
