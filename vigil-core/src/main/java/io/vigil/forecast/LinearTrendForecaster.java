package io.vigil.forecast;

import java.util.Arrays;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * A straight line through the last {@code window} points, for capacity series (disk used,
 * connections in a pool) that grow steadily, with the series' cycle on top when it has one.
 *
 * <p>The slope is Theil-Sen's (the median of the slopes between pairs of points), so a burst
 * or an outage among the points barely moves it. With a season of m points, only pairs a
 * whole number of seasons apart count: pairs at different phases would mix the cycle into the
 * slope (over ten days of a daily swing, all pairs underestimate a steady rise by 4%). The
 * cycle is then each phase's median offset from the line, and the intercept the median of
 * what is left. The interval is the least-squares prediction interval,
 * ±z·σ·√(1 + k·(1/n + (x − x̄)²/Sxx)), with σ the residuals' median absolute deviation times
 * 1.4826: wider the further ahead. k = (1 + ρ)/(1 − ρ), ρ the residuals' lag-1
 * autocorrelation, widens the line's own part: neighbouring residuals of a metric are alike,
 * so n points know the line less well than n independent ones would.
 *
 * <p>Written by hand: commons-math's regressions are least squares, which one outage would
 * tilt, and no library here offers a seasonal Theil-Sen line.
 */
public final class LinearTrendForecaster implements Forecaster {
  private final int window;
  private final int season;
  private final double[] values;
  private final long[] times;
  private final Steps steps = new Steps();
  private int next;
  private long n;

  /** A line through the last {@code window} points (at least 3), no season. */
  public LinearTrendForecaster(int window) {
    this(window, 1);
  }

  /**
   * A line through the last {@code window} points (at least 3) with a cycle of
   * {@code season} points (1: none; used once the window holds two seasons).
   */
  public LinearTrendForecaster(int window, int season) {
    if (window < 3) {
      throw new IllegalArgumentException("the window must hold at least 3 points");
    }
    if (season < 1) {
      throw new IllegalArgumentException("the season must be at least 1 point");
    }
    this.window = window;
    this.season = season;
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

  /**
   * The fitted line: value = intercept + slope · (t − the last point's time) / step, plus
   * the cycle's offset at that step.
   *
   * @param cycle the offset of each phase, indexed by point position modulo its length
   *     (length 1 and 0: no cycle)
   */
  public record Line(double intercept, double slopePerStep, double sigma, int points,
      double meanX, double sxx, double inflation, double[] cycle) {
    /** The expected value {@code h} steps after the last point. */
    public double mean(int h) {
      return intercept + slopePerStep * h + cycle[(points - 1 + h) % cycle.length];
    }

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
    int m = k >= 2 * season ? season : 1;
    double slope = slope(x, y, m);
    double[] offsets = new double[k];
    for (int i = 0; i < k; i++) {
      offsets[i] = y[i] - slope * x[i];
    }
    double[] cycle = cycle(offsets, m);
    double[] level = new double[k];
    for (int i = 0; i < k; i++) {
      level[i] = offsets[i] - cycle[i % m];
    }
    double intercept = median(level.clone());
    double[] residuals = new double[k];
    double meanX = 0;
    for (int i = 0; i < k; i++) {
      residuals[i] = Math.abs(level[i] - intercept);
      meanX += x[i] / k;
    }
    double sxx = 0;
    for (int i = 0; i < k; i++) {
      sxx += (x[i] - meanX) * (x[i] - meanX);
    }
    return new Line(intercept, slope, 1.4826 * median(residuals), k, meanX, sxx,
        inflation(level, intercept), cycle);
  }

  @Override
  public Forecast forecast(int horizon, double coverage) {
    Line line = fit();
    double z = Steps.z(coverage);
    double[] mean = new double[horizon];
    double[] lower = new double[horizon];
    double[] upper = new double[horizon];
    for (int h = 1; h <= horizon; h++) {
      mean[h - 1] = line.mean(h);
      double se = line.standardError(h);
      lower[h - 1] = mean[h - 1] - z * se;
      upper[h - 1] = mean[h - 1] + z * se;
    }
    return new Forecast(steps.times(horizon), mean, lower, upper, coverage);
  }

  /** The median slope of the pairs a multiple of {@code m} points apart. */
  private static double slope(double[] x, double[] y, int m) {
    int k = x.length;
    long pairs = 0;
    for (int i = 0; i < k; i++) {
      pairs += (k - 1 - i) / m;
    }
    double[] slopes = new double[(int) pairs];
    int s = 0;
    for (int i = 0; i < k; i++) {
      for (int j = i + m; j < k; j += m) {
        if (x[j] != x[i]) {
          slopes[s++] = (y[j] - y[i]) / (x[j] - x[i]);
        }
      }
    }
    // Selection, not a sort: a window's 500,000 pair slopes would take ten times longer.
    return s == 0 ? 0 : new Median().evaluate(slopes, 0, s);
  }

  /** Each phase's median offset, less the median of those: the cycle around the line. */
  private static double[] cycle(double[] offsets, int m) {
    double[] cycle = new double[m];
    if (m == 1) {
      return cycle;
    }
    for (int p = 0; p < m; p++) {
      double[] phase = new double[(offsets.length - p + m - 1) / m];
      for (int i = p, j = 0; i < offsets.length; i += m, j++) {
        phase[j] = offsets[i];
      }
      cycle[p] = median(phase);
    }
    double centre = median(cycle.clone());
    for (int p = 0; p < m; p++) {
      cycle[p] -= centre;
    }
    return cycle;
  }

  /**
   * How much wider the line's own uncertainty is than independent residuals would make it:
   * (1 + ρ) / (1 − ρ), ρ the residuals' lag-1 autocorrelation (at least 0).
   */
  static double inflation(double[] level, double intercept) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < level.length; i++) {
      double r = level[i] - intercept;
      den += r * r;
      if (i > 0) {
        num += r * (level[i - 1] - intercept);
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

  private static final int STATE_VERSION = 1;

  @Override
  public ForecasterState snapshot() {
    return ForecasterState.write(name(), STATE_VERSION, out -> {
      out.writeInt(window);
      out.writeInt(season);
      steps.write(out);
      int k = (int) Math.min(n, window);
      out.writeInt(k);
      for (int i = 0; i < k; i++) {
        int at = (next - k + i + window) % window;
        out.writeLong(times[at]);
        out.writeDouble(values[at]);
      }
      out.writeLong(n);
    });
  }

  static LinearTrendForecaster restore(ForecasterState state) throws java.io.IOException {
    java.io.DataInput in = state.reader(STATE_VERSION);
    LinearTrendForecaster f = new LinearTrendForecaster(in.readInt(), in.readInt());
    f.steps.read(in);
    int k = in.readInt();
    for (int i = 0; i < k; i++) {
      f.times[i] = in.readLong();
      f.values[i] = in.readDouble();
    }
    f.next = k % f.window;
    f.n = in.readLong();
    return f;
  }
}
