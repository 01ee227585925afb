package io.vigil.forecast;

import io.vigil.series.TimeSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * A capacity view of a series: where its trend changed, the current slope, and where it will
 * be in 7, 30 and 90 days if the current trend holds.
 *
 * <p>Change points come from binary segmentation of the series, averaged into at most
 * {@value #BUCKETS} buckets each at least a whole season long (so a daily cycle is not taken
 * for trend changes), with straight lines: a segment is split where two lines fit better than
 * one by more than a BIC-style penalty (3·σ²·ln n, σ from the differences of neighbouring
 * buckets), segments at least a quarter of the buckets or {@value #MIN_SEGMENT} long (3 at
 * the least). The current
 * trend is a Theil-Sen line through the last segment ({@link LinearTrendForecaster}), whose
 * interval is what the projections carry.
 *
 * @param slopePerDay the current trend, in units per day
 * @param changePointsMs where the trend changed, oldest first
 * @param projections the value projected at 7, 30 and 90 days after the last point
 */
public record TrendReport(double slopePerDay, List<Long> changePointsMs,
    List<Projection> projections) {
  static final int BUCKETS = 400;
  static final int MIN_SEGMENT = 12;
  private static final long DAY = 86_400_000L;

  /**
   * A projected value.
   *
   * @param days days after the last point
   * @param timeMs that time
   * @param mean the projected value
   * @param lower the interval's lower edge
   * @param upper the interval's upper edge
   */
  public record Projection(int days, long timeMs, double mean, double lower, double upper) {}

  /**
   * The report for {@code s}.
   *
   * @throws IllegalStateException "not enough history: need N points" below 2·{@value
   *     #MIN_SEGMENT} points
   */
  public static TrendReport of(TimeSeries s, double coverage) {
    Steps.requireHistory(s.size(), 2 * MIN_SEGMENT);
    long[] t = s.timestampsMs();
    double[] v = s.values();
    int season = SeasonFinder.find(v, s.medianStepMs());
    int bucketLength = Math.max(season, (s.size() + BUCKETS - 1) / BUCKETS);
    int buckets = Math.max(1, s.size() / bucketLength);
    int minSegment = Math.max(3, Math.min(MIN_SEGMENT, buckets / 4));
    double[] bx = new double[buckets];
    double[] by = new double[buckets];
    long[] bt = new long[buckets];
    for (int b = 0; b < buckets; b++) {
      int from = (int) ((long) b * s.size() / buckets);
      int to = (int) ((long) (b + 1) * s.size() / buckets);
      double sum = 0;
      for (int i = from; i < to; i++) {
        sum += v[i];
      }
      by[b] = sum / (to - from);
      bt[b] = t[(from + to - 1) / 2];
      bx[b] = (double) (bt[b] - t[0]) / DAY;
    }
    double noise = 0;
    for (int b = 1; b < buckets; b++) {
      noise += (by[b] - by[b - 1]) * (by[b] - by[b - 1]) / (2.0 * (buckets - 1));
    }
    double penalty = 3 * Math.max(noise, 1e-12) * Math.log(buckets);
    List<Integer> cuts = new ArrayList<>();
    split(bx, by, 0, buckets, penalty, minSegment, cuts, 0);
    cuts.sort(null);
    List<Long> changes = new ArrayList<>();
    for (int c : cuts) {
      changes.add(bt[c]);
    }
    long lastChange = changes.isEmpty() ? t[0] : changes.get(changes.size() - 1);
    LinearTrendForecaster line = new LinearTrendForecaster(1000);
    int first = 0;
    while (t[first] < lastChange) {
      first++;
    }
    int stride = Math.max(1, (s.size() - first) / 1000);
    // Strided back from the last point, so the line ends where the projections start.
    for (int i = s.size() - 1 - (s.size() - 1 - first) / stride * stride; i < s.size();
        i += stride) {
      line.learn(t[i], v[i]);
    }
    LinearTrendForecaster.Line fit = line.fit();
    double stepsPerDay = (double) DAY / (stride * s.medianStepMs());
    double z = Steps.z(coverage);
    long last = t[t.length - 1];
    List<Projection> projections = new ArrayList<>();
    for (int days : new int[] {7, 30, 90}) {
      double x = days * stepsPerDay;
      double mean = fit.intercept() + fit.slopePerStep() * x;
      double se = fit.standardError(x);
      projections.add(new Projection(days, last + days * DAY, mean, mean - z * se,
          mean + z * se));
    }
    return new TrendReport(fit.slopePerStep() * stepsPerDay, changes, projections);
  }

  private static void split(double[] x, double[] y, int from, int to, double penalty,
      int minSegment, List<Integer> cuts, int depth) {
    if (depth > 6 || to - from < 2 * minSegment) {
      return;
    }
    double whole = sse(x, y, from, to);
    int best = -1;
    double bestSse = whole - penalty;
    for (int c = from + minSegment; c <= to - minSegment; c++) {
      double both = sse(x, y, from, c) + sse(x, y, c, to);
      if (both < bestSse) {
        bestSse = both;
        best = c;
      }
    }
    if (best >= 0) {
      cuts.add(best);
      split(x, y, from, best, penalty, minSegment, cuts, depth + 1);
      split(x, y, best, to, penalty, minSegment, cuts, depth + 1);
    }
  }

  /** Residual sum of squares of the least-squares line through points [from, to). */
  private static double sse(double[] x, double[] y, int from, int to) {
    int n = to - from;
    double mx = 0;
    double my = 0;
    for (int i = from; i < to; i++) {
      mx += x[i] / n;
      my += y[i] / n;
    }
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (int i = from; i < to; i++) {
      sxx += (x[i] - mx) * (x[i] - mx);
      sxy += (x[i] - mx) * (y[i] - my);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxx == 0 ? syy : Math.max(0, syy - sxy * sxy / sxx);
  }
}
