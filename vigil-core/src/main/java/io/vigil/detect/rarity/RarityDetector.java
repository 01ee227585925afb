package io.vigil.detect.rarity;

import io.vigil.detect.Resolution;
import io.vigil.detect.DetectorDescriptor;
import io.vigil.detect.AbstractStreamingDetector;
import io.vigil.detect.Assessment;
import io.vigil.detect.Direction;
import io.vigil.detect.ScoreCalibrator;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * How rare a value is for this series at this hour of the day. The raw score is the surprisal
 * (−log probability) of the value's bin in a fading {@link ValueHistogram} of the series' own
 * history, by hour of day backed off to all hours; the probability is that surprisal
 * calibrated against the series' recent surprisals. The expected value is the median for the
 * hour, the band its central 99%, never narrower than 1.5 steps of the series'
 * {@link Resolution} either side of it (a constant or pinned series still has a band).
 *
 * <p>Why rarity rather than distance from a mean: a metric that spikes to 1.5 every night has
 * seen 1.5 before, so the nightly spike is not news but a first 2.3 is; a level that moves
 * from 17 to 28 is a value never seen, however small the step is against the spikes. Counting
 * by hour of day lets 3 a.m. traffic be judged against other nights, not against noon.
 *
 * <p>The first {@value #WARM_UP} points set the histogram's starting range and are then
 * counted; they score nothing.
 */
public final class RarityDetector extends AbstractStreamingDetector {
  /** The algorithm name. */
  public static final String ALGORITHM = "rarity";
  /** The band's half-width is at least this many resolution steps. */
  private static final double BAND_STEPS = 1.5;
  /** The snapshot layout version. */
  public static final int STATE_VERSION = 4;
  /** The algorithm as the catalogue lists it. */
  public static final DetectorDescriptor DESCRIPTOR = new DetectorDescriptor(ALGORITHM,
      "has this series taken this value before, at this hour of the day?",
      java.util.List.of(), p -> new RarityDetector(), STATE_VERSION,
      java.util.Map.of(1, (in, nested) -> read(in, 1), 2, (in, nested) -> read(in, 2),
          3, (in, nested) -> read(in, 3), STATE_VERSION, (in, nested) -> read(in, STATE_VERSION)));
  static final int WARM_UP = 50;
  private static final long DAY_MS = 86_400_000L;
  private static final double BAND_TAIL = 0.005;

  private final ValueHistogram histogram;
  private final ScoreCalibrator calibrator;
  private final Resolution resolution = new Resolution();
  private double[] warmValues = new double[WARM_UP];
  private long[] warmTimes = new long[WARM_UP];
  private int warmed;

  /** Vigil's defaults: 25 bins, 5 shifts, 24 hours, a 5000-point memory. */
  public RarityDetector() {
    this(new ValueHistogram(25, 5, 24, 5000, 0.1, 3));
  }

  private RarityDetector(ValueHistogram histogram) {
    this.histogram = histogram;
    this.calibrator = new ScoreCalibrator(3000, 50);
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  protected Assessment assess(long timestampMs, double value) {
    resolution.observe(value);
    if (warmed < WARM_UP) {
      warmValues[warmed] = value;
      warmTimes[warmed] = timestampMs;
      if (++warmed == WARM_UP) {
        startHistogram();
      }
      return Assessment.warmingUp(Double.NaN);
    }
    int hour = context(timestampMs);
    histogram.cover(value);
    double surprisal = histogram.surprisal(value, hour);
    double[] band = histogram.quantiles(hour, BAND_TAIL, 0.5, 1 - BAND_TAIL);
    double median = band[1];
    double floor = BAND_STEPS * resolution.step();
    Assessment a = new Assessment(Assessment.Status.SCORED, surprisal,
        calibrator.observe(surprisal), median, Math.min(band[0], median - floor),
        Math.max(band[2], median + floor), Direction.of(value, median));
    histogram.learn(value, hour);
    return a;
  }

  private void startHistogram() {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : warmValues) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    histogram.setRange(min, max);
    for (int i = 0; i < WARM_UP; i++) {
      histogram.learn(warmValues[i], context(warmTimes[i]));
    }
    warmValues = null;
    warmTimes = null;
  }

  private int context(long timestampMs) {
    return (int) (Math.floorMod(timestampMs, DAY_MS) * histogram.contexts() / DAY_MS);
  }

  @Override
  protected int stateVersion() {
    return STATE_VERSION;
  }

  @Override
  protected void writeState(DataOutput out) throws IOException {
    out.writeInt(warmed);
    for (int i = 0; i < warmed && warmed < WARM_UP; i++) {
      out.writeDouble(warmValues[i]);
      out.writeLong(warmTimes[i]);
    }
    histogram.write(out);
    calibrator.writeCompact(out);
    resolution.write(out);
  }

  /**
   * Reads what {@link #writeState} wrote in layout {@code version}: 1 (release 0.1.0) had no
   * resolution (it is learnt afresh from the next values) and wrote its calibrator in full; 1
   * and 2 wrote every histogram count across a row's span, empty ones too; 1 to 3 wrote full
   * floats and the overall row ({@link ValueHistogram#read}).
   */
  public static RarityDetector read(DataInput in, int version) throws IOException {
    int warmed = in.readInt();
    if (warmed < 0 || warmed > WARM_UP) {
      throw new IOException("implausible rarity state: " + warmed + " warm-up points");
    }
    double[] values = new double[WARM_UP];
    long[] times = new long[WARM_UP];
    for (int i = 0; i < warmed && warmed < WARM_UP; i++) {
      values[i] = in.readDouble();
      times[i] = in.readLong();
    }
    RarityDetector d = new RarityDetector(ValueHistogram.read(in, version));
    d.warmed = warmed;
    if (warmed < WARM_UP) {
      d.warmValues = values;
      d.warmTimes = times;
    } else {
      d.warmValues = null;
      d.warmTimes = null;
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
