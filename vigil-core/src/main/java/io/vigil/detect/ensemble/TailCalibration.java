package io.vigil.detect.ensemble;

import java.util.Arrays;

/**
 * Puts one detector's raw scores on a common scale: the surprise {@code −log₁₀ P(S ≥ s)},
 * where P is the distribution of the detector's scores on held-back normal rows. A surprise of
 * 2 means "one in a hundred normal rows scores this high", whichever detector gave the score,
 * so scores from a density, a forest and a distance can be averaged.
 *
 * <p>Below the 90th percentile the tail is empirical. Above it the tail falls exponentially
 * with the mean excess over that percentile (a peaks-over-threshold fit with the generalised
 * Pareto shape set to 0), so scores beyond anything seen in calibration still rank in order
 * instead of all being "more than the maximum".
 *
 * <p>The batch counterpart of {@link io.vigil.detect.ScoreCalibrator}, which does the same
 * for a stream with decay.
 */
public final class TailCalibration {
  private static final double TAIL_FROM = 0.9;

  private final double[] sorted;
  private final double tailStart;
  private final double tailAtStart;
  private final double meanExcess;

  /** Calibrates on {@code scores} of normal rows; at least one, all finite. */
  public TailCalibration(double[] scores) {
    if (scores.length == 0) {
      throw new IllegalArgumentException("no scores to calibrate on");
    }
    sorted = scores.clone();
    Arrays.sort(sorted);
    if (!Double.isFinite(sorted[0]) || !Double.isFinite(sorted[sorted.length - 1])) {
      throw new IllegalArgumentException("calibration scores must be finite");
    }
    int n = sorted.length;
    int start = (int) Math.floor(TAIL_FROM * (n - 1));
    tailStart = sorted[start];
    tailAtStart = empiricalTail(tailStart);
    double excess = 0;
    int count = 0;
    for (int i = start + 1; i < n; i++) {
      if (sorted[i] > tailStart) {
        excess += sorted[i] - tailStart;
        count++;
      }
    }
    double spread = sorted[n - 1] - sorted[0];
    double floor = Math.max(1e-12, spread > 0 ? spread / n : Math.abs(tailStart) * 1e-6);
    meanExcess = count > 0 ? Math.max(excess / count, floor) : floor;
  }

  /** P(S ≥ score) among normal rows, in (0, 1]. */
  /** The calibration scores, ascending: all a model file needs to rebuild this calibration. */
  public double[] scores() {
    return sorted.clone();
  }

  public double tail(double score) {
    if (score <= tailStart) {
      return empiricalTail(score);
    }
    return tailAtStart * Math.exp(-(score - tailStart) / meanExcess);
  }

  /**
   * {@code −log₁₀} of {@link #tail}: 0 for the least anomalous, 1 for one row in ten, ...;
   * finite for every finite score, even where the tail itself underflows.
   */
  public double surprise(double score) {
    if (score <= tailStart) {
      return -Math.log10(empiricalTail(score));
    }
    // In logs, so a score far out gives a large finite surprise rather than −log 0.
    return -Math.log10(tailAtStart) + (score - tailStart) / meanExcess / Math.log(10);
  }

  /** (rows scoring at least {@code score} + 1) / (rows + 1): never 0, 1 below every row. */
  private double empiricalTail(double score) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) { // first index with sorted[i] >= score
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < score) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return Math.min(1.0, (sorted.length - lo + 1.0) / (sorted.length + 1.0));
  }
}
