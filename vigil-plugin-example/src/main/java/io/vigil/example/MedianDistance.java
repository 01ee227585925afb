package io.vigil.example;

import io.vigil.detect.AbstractStreamingDetector;
import io.vigil.detect.Assessment;
import io.vigil.detect.DetectorDescriptor;
import io.vigil.detect.DetectorParameter;
import io.vigil.detect.Direction;
import io.vigil.detect.ScoreCalibrator;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How far a point is from the median of the last {@code window} points, in robust standard
 * deviations (1.4826 × the median absolute deviation), calibrated against its own recent
 * scores by Vigil's {@link ScoreCalibrator}. A plain detector, here to show what a plug-in
 * provides: an algorithm, its parameters, and a state that checkpoints and restores.
 */
public final class MedianDistance extends AbstractStreamingDetector {
  /** The name Vigil knows it by. */
  public static final String ALGORITHM = "median-distance";
  static final int STATE_VERSION = 1;

  /** Its description for Vigil's catalogue. */
  static final DetectorDescriptor DESCRIPTOR = new DetectorDescriptor(ALGORITHM,
      "how far from the median of the last points, in robust standard deviations",
      List.of(new DetectorParameter("window", 5, 10_000, 60, true,
          "the points whose median and spread the next is judged against")),
      p -> new MedianDistance(p.get("window").intValue()), STATE_VERSION,
      Map.of(STATE_VERSION, (in, nested) -> read(in)));

  private final double[] recent;
  private int seen;
  private final ScoreCalibrator calibrator = new ScoreCalibrator(1000, 50);

  MedianDistance(int window) {
    this.recent = new double[window];
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  protected Assessment assess(long timestampMs, double value) {
    int n = Math.min(seen, recent.length);
    Assessment a;
    if (n < recent.length) {
      a = Assessment.warmingUp(n == 0 ? Double.NaN : median(Arrays.copyOf(recent, n)));
    } else {
      double median = median(recent.clone());
      double[] deviations = new double[n];
      for (int i = 0; i < n; i++) {
        deviations[i] = Math.abs(recent[i] - median);
      }
      double sigma = Math.max(1.4826 * median(deviations), 1e-9 * (1 + Math.abs(median)));
      double score = Math.abs(value - median) / sigma;
      a = new Assessment(Assessment.Status.SCORED, score, calibrator.observe(score), median,
          median - 3 * sigma, median + 3 * sigma, Direction.of(value, median));
    }
    recent[seen % recent.length] = value;
    seen++;
    return a;
  }

  private static double median(double[] values) {
    Arrays.sort(values);
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  @Override
  protected int stateVersion() {
    return STATE_VERSION;
  }

  @Override
  protected void writeState(DataOutput out) throws IOException {
    out.writeInt(recent.length);
    out.writeInt(seen);
    for (double v : recent) {
      out.writeDouble(v);
    }
    calibrator.writeCompact(out);
  }

  static MedianDistance read(DataInput in) throws IOException {
    int window = in.readInt();
    int seen = in.readInt();
    if (window < 5 || window > 10_000 || seen < 0) {
      throw new IOException("implausible median-distance state: window " + window + ", seen "
          + seen);
    }
    MedianDistance d = new MedianDistance(window);
    d.seen = seen;
    for (int i = 0; i < window; i++) {
      d.recent[i] = in.readDouble();
    }
    d.calibrator.readCompact(in);
    return d;
  }
}
