package io.vigil.detect.robust;

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
 * A robust baseline in constant memory: an exponentially weighted median for the level and an
 * exponentially weighted median absolute deviation for the spread, both moved by clipped steps
 * (a Huber-style update), so one wild point barely shifts them while a lasting change is
 * followed within about {@code 1/alpha} points. The raw score is |x − level| / (1.4826·MAD),
 * a robust z-score; the band is level ± 3 robust σ.
 *
 * <p>Why not a windowed median: a sorted window costs O(w) memory and O(log w) per point; this
 * costs a few doubles and O(1), which is what lets one process hold millions of series.
 */
public final class RobustEwma extends AbstractStreamingDetector {
  /** The algorithm name. */
  public static final String ALGORITHM = "robust-ewma";
  /** The snapshot layout version. */
  public static final int STATE_VERSION = 2;
  /** The algorithm as the catalogue lists it. */
  public static final DetectorDescriptor DESCRIPTOR = new DetectorDescriptor(ALGORITHM,
      "robust z-score against an exponentially weighted median and MAD",
      java.util.List.of(new DetectorParameter("alpha", 1e-4, 0.5, 0.02, false,
          "smoothing: the share of each new point in the level")),
      p -> new RobustEwma(p.get("alpha")), STATE_VERSION,
      java.util.Map.of(1, (in, nested) -> read(in, 1),
          STATE_VERSION, (in, nested) -> read(in, STATE_VERSION)));
  private static final double MAD_TO_SIGMA = 1.4826;
  private static final double CLIP = 3.0;
  private static final double BAND = 3.0;
  private static final int WARM_UP = 20;

  private final double alpha;
  private final ScoreCalibrator calibrator;
  private final Resolution resolution = new Resolution();
  private long count;
  private double level;
  private double mad;

  /**
   * @param alpha the weight of a new point, in (0, 1); about 1/alpha points of memory
   */
  public RobustEwma(double alpha) {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
    }
    this.alpha = alpha;
    this.calibrator = new ScoreCalibrator(Math.max(1, 5 / alpha), (int) Math.ceil(1 / alpha));
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  protected Assessment assess(long timestampMs, double value) {
    resolution.observe(value);
    if (count < WARM_UP) {
      // Start from the running mean and mean absolute deviation of the first points.
      count++;
      double previous = level;
      level += (value - level) / count;
      mad += (Math.abs(value - previous) - mad) / count;
      return Assessment.warmingUp(level);
    }
    count++;
    double sigma = MAD_TO_SIGMA * scale();
    double deviation = value - level;
    double z = Math.abs(deviation) / sigma;
    Assessment a = new Assessment(Assessment.Status.SCORED, z,
        ScoreCalibrator.cappedByZ(calibrator.observe(z), z), level,
        level - BAND * sigma, level + BAND * sigma, Direction.of(value, level));
    double step = Math.max(-CLIP, Math.min(CLIP, deviation / sigma)) * sigma;
    level += alpha * step;
    mad += alpha * (Math.min(Math.abs(deviation), CLIP * scale()) - mad);
    return a;
  }

  /**
   * The spread, never zero: a flat series still has a scale relative to its level, and σ is
   * never below half the series' resolution.
   */
  private double scale() {
    return Math.max(Math.max(mad, 1e-9 * Math.max(1, Math.abs(level))),
        0.5 * resolution.step() / MAD_TO_SIGMA);
  }

  @Override
  protected int stateVersion() {
    return STATE_VERSION;
  }

  @Override
  protected void writeState(DataOutput out) throws IOException {
    out.writeDouble(alpha);
    out.writeLong(count);
    out.writeDouble(level);
    out.writeDouble(mad);
    calibrator.writeCompact(out);
    resolution.write(out);
  }

  /**
   * Reads what {@link #writeState} wrote in layout {@code version}: 1 (release 0.1.0) had no
   * resolution (it is learnt afresh from the next values) and wrote its calibrator in full.
   */
  public static RobustEwma read(DataInput in, int version) throws IOException {
    RobustEwma d = new RobustEwma(in.readDouble());
    d.count = in.readLong();
    d.level = in.readDouble();
    d.mad = in.readDouble();
    if (version >= 2) {
      d.calibrator.readCompact(in);
      d.resolution.read(in);
    } else {
      d.calibrator.read(in);
    }
    return d;
  }
}
