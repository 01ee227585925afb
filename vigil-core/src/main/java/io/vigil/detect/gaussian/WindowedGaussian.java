package io.vigil.detect.gaussian;

import io.vigil.detect.Resolution;
import io.vigil.detect.DetectorParameter;
import io.vigil.detect.DetectorDescriptor;
import io.vigil.detect.AbstractStreamingDetector;
import io.vigil.detect.Assessment;
import io.vigil.detect.Direction;
import io.vigil.detect.ScoreCalibrator;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The classic baseline: a point's z-score against the mean and standard deviation of the last
 * {@code window} points. The raw score is |z|; the band is mean ± 3σ. σ is never below half
 * the series' {@link Resolution}.
 *
 * <p>Sums are kept incrementally and recomputed from the window once per window length, so
 * rounding cannot drift.
 */
public final class WindowedGaussian extends AbstractStreamingDetector {
  /** The algorithm name. */
  public static final String ALGORITHM = "windowed-gaussian";
  /** The snapshot layout version. */
  public static final int STATE_VERSION = 2;
  /** The algorithm as the catalogue lists it. */
  public static final DetectorDescriptor DESCRIPTOR = new DetectorDescriptor(ALGORITHM,
      "z-score against the last points' mean and standard deviation",
      java.util.List.of(new DetectorParameter("window", 10, 100_000, 240, true,
          "points the mean and standard deviation are taken over")),
      p -> new WindowedGaussian(p.get("window").intValue()), STATE_VERSION,
      java.util.Map.of(1, (in, nested) -> read(in, 1),
          STATE_VERSION, (in, nested) -> read(in, STATE_VERSION)));
  private static final double BAND = 3.0;

  private final int window;
  private final double[] ring;
  private final ScoreCalibrator calibrator;
  private final Resolution resolution = new Resolution();
  private int filled;
  private int next;
  private double sum;
  private double sumSquares;
  private int sinceRecompute;

  /** A detector over the last {@code window} points (at least 10). */
  public WindowedGaussian(int window) {
    if (window < 10) {
      throw new IllegalArgumentException("window must be at least 10 points, was " + window);
    }
    this.window = window;
    this.ring = new double[window];
    this.calibrator = new ScoreCalibrator(5 * window, window);
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  protected Assessment assess(long timestampMs, double value) {
    resolution.observe(value);
    Assessment a;
    if (filled < Math.min(window, 10)) {
      a = Assessment.warmingUp(filled == 0 ? Double.NaN : sum / filled);
    } else {
      double mean = sum / filled;
      double variance = Math.max(0, sumSquares / filled - mean * mean);
      double sd = Math.max(Math.sqrt(variance), 0.5 * resolution.step());
      double z = Math.abs(value - mean) / Math.max(sd, 1e-9 * Math.max(1, Math.abs(mean)));
      a = new Assessment(Assessment.Status.SCORED, z,
          ScoreCalibrator.cappedByZ(calibrator.observe(z), z), mean,
          mean - BAND * sd, mean + BAND * sd, Direction.of(value, mean));
    }
    learn(value);
    return a;
  }

  private void learn(double value) {
    if (filled == window) {
      double old = ring[next];
      sum -= old;
      sumSquares -= old * old;
    } else {
      filled++;
    }
    ring[next] = value;
    next = (next + 1) % window;
    sum += value;
    sumSquares += value * value;
    if (++sinceRecompute >= window) {
      sinceRecompute = 0;
      sum = 0;
      sumSquares = 0;
      for (int i = 0; i < filled; i++) {
        sum += ring[i];
        sumSquares += ring[i] * ring[i];
      }
    }
  }

  @Override
  protected int stateVersion() {
    return STATE_VERSION;
  }

  @Override
  protected void writeState(DataOutput out) throws IOException {
    out.writeInt(window);
    out.writeInt(filled);
    out.writeInt(next);
    out.writeInt(sinceRecompute);
    out.writeDouble(sum);
    out.writeDouble(sumSquares);
    for (int i = 0; i < filled; i++) {
      out.writeDouble(ring[i]);
    }
    calibrator.writeCompact(out);
    resolution.write(out);
  }

  /**
   * Reads what {@link #writeState} wrote in layout {@code version}: 1 (release 0.1.0) had no
   * resolution (it is learnt afresh from the next values) and wrote its calibrator in full.
   */
  public static WindowedGaussian read(DataInput in, int version) throws IOException {
    WindowedGaussian d = new WindowedGaussian(in.readInt());
    d.filled = in.readInt();
    d.next = in.readInt();
    d.sinceRecompute = in.readInt();
    d.sum = in.readDouble();
    d.sumSquares = in.readDouble();
    for (int i = 0; i < d.filled; i++) {
      d.ring[i] = in.readDouble();
    }
    if (version >= 2) {
      d.calibrator.readCompact(in);
      d.resolution.read(in);
    } else {
      d.calibrator.read(in);
    }
    return d;
  }
}
