package io.vigil.detect;

import org.apache.commons.math3.special.Erf;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Turns a detector's raw scores into anomaly probabilities: the probability is one minus the
 * tail probability of the score among the detector's own recent scores, so 0.999 means "higher
 * than 99.9% of what this series normally scores", whatever the series or detector.
 *
 * <p>Recent scores are kept as an exponentially decaying histogram over {@code log(1+score)}
 * (80 bins of 0.1, i.e. scores up to about 3000), so the state is small and fixed. Within a
 * bin the tail is interpolated linearly; above the largest score seen it keeps falling
 * exponentially, so the most extreme points still rank in order. Decay uses a growing weight
 * instead of touching every bin on every point, and the bins are held as a Fenwick tree, so a
 * tail costs a handful of additions rather than a pass over the bins.
 *
 * <p>Written by hand: the libraries at hand offer streaming quantile sketches
 * (t-digest, KLL) without decay or tail interpolation, and at several KB per series.
 */
public final class ScoreCalibrator {
  private static final int BINS = 80;
  private static final double BIN_WIDTH = 0.1;
  private static final double RESCALE_AT = 1e100;

  private final double decay;
  private final int warmUp;
  /** Fenwick tree over the bins: tree[i] sums bins (i − lowbit(i), i], 1-based. */
  private final double[] tree = new double[BINS + 1];
  private double total;
  private double weight = 1;
  private double maxLog;
  private long seen;

  /**
   * @param halfLife points after which a score's weight has halved
   * @param warmUp scores to see before giving probabilities (0 until then)
   */
  public ScoreCalibrator(double halfLife, int warmUp) {
    if (!(halfLife >= 1) || warmUp < 0) {
      throw new IllegalArgumentException("halfLife must be at least 1 and warmUp not negative");
    }
    this.decay = Math.pow(0.5, 1 / halfLife);
    this.warmUp = warmUp;
  }

  /**
   * A calibrated probability held to what a z-score can claim: never above the two-sided
   * normal probability of |z| (0.9973 at 3σ, 0.999 at 3.29σ). Calibration alone makes a
   * 1.8σ point an alarm when every recent point was closer still (a clean cycle, a quiet
   * night); a detector whose score is a z-score says so through this.
   */
  public static double cappedByZ(double probability, double z) {
    double a = Math.abs(z);
    if (!(a < Z_TABLE_END)) {
      return probability; // beyond 8.5σ the cap is 1 to double precision
    }
    double pos = a * Z_TABLE_STEPS;
    int i = (int) pos;
    double cap = Z_CAP[i] + (Z_CAP[i + 1] - Z_CAP[i]) * (pos - i);
    return Math.min(probability, cap);
  }

  private static final double Z_TABLE_END = 8.5;
  private static final int Z_TABLE_STEPS = 1024;
  /**
   * 1 − erfc(z/√2) every 1/1024 of a σ up to 8.5σ, interpolated linearly (error below 1e-7):
   * erfc itself costs more than the rest of a detector's work on a point.
   */
  private static final double[] Z_CAP = new double[(int) (Z_TABLE_END * Z_TABLE_STEPS) + 2];

  static {
    for (int i = 0; i < Z_CAP.length; i++) {
      Z_CAP[i] = 1 - Erf.erfc((double) i / Z_TABLE_STEPS / Math.sqrt(2));
    }
  }

  /** Whether enough scores have been seen to calibrate. */
  public boolean ready() {
    return seen >= warmUp && total > 0;
  }

  /** The tail probability of {@code score} among recent scores, in (0, 1]. */
  public double tail(double score) {
    return ready() ? tailAt(logScale(score)) : 1.0;
  }

  /** The anomaly probability of {@code score}: 1 − tail, or 0 while warming up. */
  public double probability(double score) {
    return ready() ? 1 - tail(score) : 0.0;
  }

  /** {@link #probability} of {@code score} against the scores before it, then learns it. */
  public double observe(double score) {
    double u = logScale(score);
    double p = ready() ? 1 - tailAt(u) : 0.0;
    learnAt(u);
    return p;
  }

  /** Adds {@code score} to the recent scores. */
  public void learn(double score) {
    learnAt(logScale(score));
  }

  /**
   * log(1 + score), the scale scores are binned on. {@code Math.log} rather than
   * {@code Math.log1p}: log is a compiler intrinsic, log1p a call into the strict library
   * that a profile of the service found taking a tenth of its time; log1p's extra accuracy for
   * scores below 1e-8 is far inside one bin.
   */
  private static double logScale(double score) {
    return Math.log(1 + Math.max(0, score));
  }

  private double tailAt(double u) {
    double pos = u / BIN_WIDTH;
    int bin = (int) Math.min(BINS - 1, Math.floor(pos));
    double upToBin = prefix(bin + 1);
    double inBin = upToBin - prefix(bin);
    double above = total - upToBin;
    double fraction = bin == BINS - 1 ? 0 : 1 - (pos - bin);
    above += inBin * Math.max(0, Math.min(1, fraction));
    // A half-count beyond the largest score seen, fading with distance, keeps extremes ordered.
    double beyond = u <= maxLog ? 0.5 : 0.5 * Math.exp(-(u - maxLog) / BIN_WIDTH);
    return Math.min(1.0, Math.max(0, above + beyond * weight) / (total + 0.5 * weight));
  }

  /** The sum of the first {@code n} bins. */
  private double prefix(int n) {
    double sum = 0;
    for (int i = n; i > 0; i -= i & -i) {
      sum += tree[i];
    }
    return sum;
  }

  private void learnAt(double u) {
    int bin = (int) Math.min(BINS - 1, Math.floor(u / BIN_WIDTH));
    for (int i = bin + 1; i <= BINS; i += i & -i) {
      tree[i] += weight;
    }
    total += weight;
    maxLog = Math.max(maxLog, u);
    seen++;
    weight /= decay;
    if (weight > RESCALE_AT) {
      for (int i = 1; i <= BINS; i++) {
        tree[i] /= weight;
      }
      total /= weight;
      weight = 1;
    }
  }

  /** Writes the state (the parameters are the owner's). */
  public void write(DataOutput out) throws IOException {
    for (int i = 1; i <= BINS; i++) {
      out.writeDouble(tree[i]);
    }
    writeTotals(out);
  }

  /**
   * Writes the state with only the tree's non-zero nodes, each with its index: scores that
   * never reach the upper bins leave most nodes empty, and a checkpoint of a series is
   * mostly its calibrators. The nodes are written as they are, so a restored calibrator
   * continues bit for bit.
   */
  public void writeCompact(DataOutput out) throws IOException {
    int nonZero = 0;
    for (int i = 1; i <= BINS; i++) {
      nonZero += tree[i] != 0 ? 1 : 0;
    }
    out.writeByte(nonZero);
    for (int i = 1; i <= BINS; i++) {
      if (tree[i] != 0) {
        out.writeByte(i);
        out.writeDouble(tree[i]);
      }
    }
    writeTotals(out);
  }

  /** Reads what {@link #writeCompact} wrote. */
  public void readCompact(DataInput in) throws IOException {
    int nonZero = in.readUnsignedByte();
    if (nonZero > BINS) {
      throw new IOException("a calibrator with " + nonZero + " of " + BINS + " nodes");
    }
    java.util.Arrays.fill(tree, 0);
    for (int k = 0; k < nonZero; k++) {
      int i = in.readUnsignedByte();
      if (i < 1 || i > BINS) {
        throw new IOException("a calibrator node " + i + " outside 1.." + BINS);
      }
      tree[i] = in.readDouble();
    }
    readTotals(in);
  }

  /** Reads what {@link #write} wrote. */
  public void read(DataInput in) throws IOException {
    for (int i = 1; i <= BINS; i++) {
      tree[i] = in.readDouble();
    }
    readTotals(in);
  }

  /** The fields both layouts end with. */
  private void writeTotals(DataOutput out) throws IOException {
    out.writeDouble(total);
    out.writeDouble(weight);
    out.writeDouble(maxLog);
    out.writeLong(seen);
  }

  private void readTotals(DataInput in) throws IOException {
    total = in.readDouble();
    weight = in.readDouble();
    maxLog = in.readDouble();
    seen = in.readLong();
  }
}
