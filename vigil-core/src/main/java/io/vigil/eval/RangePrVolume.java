package io.vigil.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * VUS-PR, the volume under the range-based precision-recall surface of Paparrizos et al.
 * ("Volume Under the Surface", PVLDB 15(11), 2022), as aeon's {@code range_pr_vus_score}
 * defines it: for every buffer size b from 0 to {@code maxBuffer}, each labelled range gets
 * slopes of b/2 rows on both sides (label √(1 − d/b) at distance d, capped at 1), thresholds
 * are 250 scores sampled evenly from the sorted scores, and recall is the soft-label recall
 * times the share of (extended) ranges touched; the range PR-AUC is the trapezoidal area from
 * (recall 0, precision 1); VUS-PR is its mean over the buffer sizes. Threshold-free and
 * tolerant of a detection a little before or after a labelled range, unlike point-wise PR-AUC;
 * it gives no credit for earliness, unlike NAB.
 *
 * <p>Written by hand: the measure exists only in Python. Every buffer size reuses one sort of
 * the scores (cumulative soft labels in score order, each range's highest score), so a series
 * costs O(n log n + maxBuffer · n) instead of O(maxBuffer · 250 · n).
 */
public final class RangePrVolume {
  /** aeon's default largest buffer. */
  public static final int DEFAULT_MAX_BUFFER = 500;
  private static final int THRESHOLDS = 250;

  private RangePrVolume() {}

  /**
   * @param scores one finite score per row, higher meaning more anomalous
   * @param labels 1 for a labelled anomalous row, 0 otherwise; at least one 1
   * @return VUS-PR in [0, 1]; 0 when every score is the same (as aeon returns)
   */
  public static double of(double[] scores, int[] labels, int maxBuffer) {
    if (scores.length != labels.length) {
      throw new IllegalArgumentException(scores.length + " scores but " + labels.length
          + " labels");
    }
    if (Arrays.stream(labels).noneMatch(l -> l == 1)) {
      throw new IllegalArgumentException("VUS-PR needs at least one row labelled 1");
    }
    if (maxBuffer < 0) {
      throw new IllegalArgumentException("maxBuffer must be at least 0, was " + maxBuffer);
    }
    int n = scores.length;
    Integer[] boxed = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(boxed, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
    int[] order = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    if (scores[order[0]] == scores[order[n - 1]]) {
      return 0.0;
    }
    double[] thresholds = new double[THRESHOLDS];
    for (int k = 0; k < THRESHOLDS; k++) {
      // numpy.linspace(0, n - 1, 250, dtype=int): truncated evenly spaced positions
      thresholds[k] = scores[order[(int) ((double) k * (n - 1) / (THRESHOLDS - 1))]];
    }
    // How many rows each threshold detects (score >= t): the end of its tie run in order.
    int[] detected = new int[THRESHOLDS];
    for (int k = 0; k < THRESHOLDS; k++) {
      detected[k] = countAtLeast(scores, order, thresholds[k]);
    }
    double sum = 0;
    for (int b = 0; b <= maxBuffer; b++) {
      sum += rangePrAuc(scores, labels, order, thresholds, detected, b);
    }
    return sum / (maxBuffer + 1);
  }

  private static int countAtLeast(double[] scores, int[] order, double t) {
    int lo = 0;
    int hi = order.length; // first position whose score < t
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (scores[order[mid]] >= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The range-based PR-AUC for one buffer size. */
  static double rangePrAuc(double[] scores, int[] labels, int[] order, double[] thresholds,
      int[] detected, int buffer) {
    int n = labels.length;
    double[] soft = softLabels(labels, buffer);
    double hard = Arrays.stream(labels).filter(l -> l == 1).count();
    double softSum = Arrays.stream(soft).sum();
    double p = (hard + softSum) / 2;
    // True-positive mass of the first k rows in score order.
    double[] tpMass = new double[n + 1];
    for (int k = 0; k < n; k++) {
      tpMass[k + 1] = tpMass[k] + soft[order[k]];
    }
    // Each extended range's highest score: it is touched once a threshold reaches it.
    List<int[]> ranges = runs(n, i -> soft[i] > 0);
    double[] rangeMax = new double[ranges.size()];
    for (int r = 0; r < rangeMax.length; r++) {
      double m = Double.NEGATIVE_INFINITY;
      for (int i = ranges.get(r)[0]; i <= ranges.get(r)[1]; i++) {
        m = Math.max(m, scores[i]);
      }
      rangeMax[r] = m;
    }
    Arrays.sort(rangeMax);
    double area = 0;
    double previousRecall = 0;
    double previousPrecision = 1;
    for (int k = 0; k < thresholds.length; k++) {
      int count = detected[k];
      double tp = tpMass[count];
      int touched = rangeMax.length - lowerBound(rangeMax, thresholds[k]);
      double existence = rangeMax.length == 0 ? 0 : (double) touched / rangeMax.length;
      double recall = Math.min(tp / p, 1) * existence;
      double precision = tp / count;
      area += (recall - previousRecall) * (precision + previousPrecision) / 2;
      previousRecall = recall;
      previousPrecision = precision;
    }
    return area;
  }

  /** The first index whose value is >= t in a sorted array. */
  private static int lowerBound(double[] sorted, double t) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Labels with slopes of buffer/2 rows each side of every labelled range, capped at 1. */
  static double[] softLabels(int[] labels, int buffer) {
    int n = labels.length;
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = labels[i] == 1 ? 1 : 0;
    }
    if (buffer <= 1) {
      return out;
    }
    int slope = buffer / 2;
    for (int[] r : runs(n, i -> labels[i] == 1)) {
      int s = r[0];
      int e = r[1];
      for (int x = e; x < Math.min(e + slope, n); x++) {
        out[x] += Math.sqrt(1 - (double) (x - e) / buffer);
      }
      for (int x = Math.max(s - slope, 0); x < s; x++) {
        out[x] += Math.sqrt(1 - (double) (s - x) / buffer);
      }
    }
    for (int i = 0; i < n; i++) {
      out[i] = Math.min(1, out[i]);
    }
    return out;
  }

  /** Maximal runs of rows where {@code on} holds, as [first, last]. */
  private static List<int[]> runs(int n, java.util.function.IntPredicate on) {
    List<int[]> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= n; i++) {
      boolean in = i < n && on.test(i);
      if (in && start < 0) {
        start = i;
      } else if (!in && start >= 0) {
        out.add(new int[] {start, i - 1});
        start = -1;
      }
    }
    return out;
  }
}
