package io.vigil.detect;

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
 * instead of touching every bin on every point.
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
  private final double[] counts = new double[BINS];
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

  /** Whether enough scores have been seen to calibrate. */
  public boolean ready() {
    return seen >= warmUp && total > 0;
  }

  /** The tail probability of {@code score} among recent scores, in (0, 1]. */
  public double tail(double score) {
    if (!ready()) {
      return 1.0;
    }
    double u = Math.log1p(Math.max(0, score));
    double pos = u / BIN_WIDTH;
    int bin = (int) Math.min(BINS - 1, Math.floor(pos));
    double above = 0;
    for (int b = bin + 1; b < BINS; b++) {
      above += counts[b];
    }
    double fraction = bin == BINS - 1 ? 0 : 1 - (pos - bin);
    above += counts[bin] * Math.max(0, Math.min(1, fraction));
    // A half-count beyond the largest score seen, fading with distance, keeps extremes ordered.
    double beyond = 0.5 * Math.exp(-Math.max(0, u - maxLog) / BIN_WIDTH);
    return Math.min(1.0, (above + beyond * weight) / (total + 0.5 * weight));
  }

  /** The anomaly probability of {@code score}: 1 − tail, or 0 while warming up. */
  public double probability(double score) {
    return ready() ? 1 - tail(score) : 0.0;
  }

  /** Adds {@code score} to the recent scores. */
  public void learn(double score) {
    double u = Math.log1p(Math.max(0, score));
    int bin = (int) Math.min(BINS - 1, Math.floor(u / BIN_WIDTH));
    counts[bin] += weight;
    total += weight;
    maxLog = Math.max(maxLog, u);
    seen++;
    weight /= decay;
    if (weight > RESCALE_AT) {
      for (int b = 0; b < BINS; b++) {
        counts[b] /= weight;
      }
      total /= weight;
      weight = 1;
    }
  }

  /** Writes the state (the parameters are the owner's). */
  public void write(DataOutput out) throws IOException {
    for (double c : counts) {
      out.writeDouble(c);
    }
    out.writeDouble(total);
    out.writeDouble(weight);
    out.writeDouble(maxLog);
    out.writeLong(seen);
  }

  /** Reads what {@link #write} wrote. */
  public void read(DataInput in) throws IOException {
    for (int b = 0; b < BINS; b++) {
      counts[b] = in.readDouble();
    }
    total = in.readDouble();
    weight = in.readDouble();
    maxLog = in.readDouble();
    seen = in.readLong();
  }
}
