package io.vigil.model.series;

import java.util.Arrays;

/**
 * How a model's anomaly probabilities are spread, over all it was given or over the most
 * recent {@code window} of them, and how far one spread has drifted from another.
 *
 * <p>Bins are tenths of [0, 0.9), then [0.9, 0.99), [0.99, 0.999) and [0.999, 1]: Vigil's
 * probabilities are calibrated (close to uniform on normal data), so the tenths carry the
 * bulk and the last three bins the tail where alerts live. Drift is the population stability
 * index, PSI = Σ (a − e)·ln(a / e) over bins, with empty bins floored at {@value #FLOOR}; the
 * usual reading is under 0.1 stable, 0.1-0.25 moderate, over 0.25 a significant shift.
 * Written here because it is a dozen lines; no model-monitoring library on Maven Central is
 * small enough to be worth the dependency.
 */
public final class ProbabilityHistogram {
  /** The upper edges of all bins but the last. */
  private static final double[] EDGES = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.99,
      0.999};
  /** The number of bins. */
  public static final int BINS = EDGES.length + 1;
  static final double FLOOR = 1e-4;

  private final long[] counts = new long[BINS];
  /** The bins of the last {@code ring.length} probabilities; null to keep everything. */
  private final byte[] ring;
  private int next;
  private long total;

  private ProbabilityHistogram(byte[] ring) {
    this.ring = ring;
  }

  /** A histogram of everything added. */
  public static ProbabilityHistogram all() {
    return new ProbabilityHistogram(null);
  }

  /** A histogram of the last {@code window} probabilities added. */
  public static ProbabilityHistogram recent(int window) {
    if (window < 1) {
      throw new IllegalArgumentException("the window must hold at least one point");
    }
    return new ProbabilityHistogram(new byte[window]);
  }

  /** A histogram of everything with these counts (as {@link #counts} gave them). */
  public static ProbabilityHistogram ofCounts(long[] counts) {
    if (counts.length != BINS || Arrays.stream(counts).anyMatch(c -> c < 0)) {
      throw new IllegalArgumentException("a probability histogram has " + BINS
          + " non-negative counts, was " + Arrays.toString(counts));
    }
    ProbabilityHistogram h = all();
    System.arraycopy(counts, 0, h.counts, 0, BINS);
    h.total = Arrays.stream(counts).sum();
    return h;
  }

  /** Adds one probability; NaN (a point not scored) is ignored. */
  public void add(double probability) {
    if (Double.isNaN(probability)) {
      return;
    }
    int bin = bin(probability);
    if (ring != null) {
      if (total == ring.length) {
        counts[ring[next]]--;
      } else {
        total++;
      }
      ring[next] = (byte) bin;
      next = (next + 1) % ring.length;
    } else {
      total++;
    }
    counts[bin]++;
  }

  static int bin(double p) {
    int i = 0;
    while (i < EDGES.length && p >= EDGES[i]) {
      i++;
    }
    return i;
  }

  /** How many probabilities it holds. */
  public long total() {
    return total;
  }

  /** The count in each bin. */
  public long[] counts() {
    return counts.clone();
  }

  /**
   * The population stability index of this histogram against {@code expected}; NaN when
   * either is empty.
   */
  public double psi(ProbabilityHistogram expected) {
    if (total == 0 || expected.total == 0) {
      return Double.NaN;
    }
    double psi = 0;
    for (int b = 0; b < BINS; b++) {
      double a = Math.max(FLOOR, (double) counts[b] / total);
      double e = Math.max(FLOOR, (double) expected.counts[b] / expected.total);
      psi += (a - e) * Math.log(a / e);
    }
    return psi;
  }
}
