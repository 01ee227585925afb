package io.vigil.detect.seasonal;

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
 * A point's distance from a seasonal forecast, the season found from the data. One model per
 * {@link Period} (none, hour, day, week) forecasts every point; each tracks its recent
 * absolute error, and the forecast used is that of the model with the smallest error once
 * its period has been seen twice (a seasonal model must beat the plain one by 10%, so noise
 * does not invent seasons). A series that changes shape switches models by itself.
 *
 * <p>Two kinds: {@link Kind#PROFILE}, a robust level plus a profile per phase bin, and
 * {@link Kind#HOLT_WINTERS}, additive Holt-Winters with a trend. Residuals are scaled by a
 * robust spread (an exponentially weighted mean absolute residual, updated with clipped
 * steps); the raw score is |residual| / (1.4826·spread), the band forecast ± 3 of those σ.
 * The σ is never below half the series' {@link Resolution} (a flat stretch of whole numbers
 * does not make a one-unit step a thousand-σ event), and the probability never claims more
 * than the z-score does ({@link ScoreCalibrator#cappedByZ}).
 */
public final class SeasonalDetector extends AbstractStreamingDetector {
  /** The snapshot layout version (both kinds). */
  public static final int STATE_VERSION = 3;
  /** The standard deviation is never below this share of the series' resolution. */
  static final double RESOLUTION_SHARE = 0.5;

  /** The algorithm of {@code kind} as the catalogue lists it. */
  public static DetectorDescriptor descriptor(Kind kind) {
    return new DetectorDescriptor(kind.algorithm(), kind == Kind.PROFILE
        ? "how far is the point from this phase of the cycle? (period found from the data)"
        : "the same with additive Holt-Winters (level, trend, season)", java.util.List.of(),
        p -> new SeasonalDetector(kind), STATE_VERSION,
        java.util.Map.of(1, (in, nested) -> read(kind, in, 1), 2, (in, nested) -> read(kind, in,
            2), STATE_VERSION, (in, nested) -> read(kind, in, STATE_VERSION)));
  }
  private static final int WARM_UP = 20;
  private static final double MAD_TO_SIGMA = 1.4826;
  private static final double CLIP = 3.0;
  private static final double BAND = 3.0;
  private static final double SPREAD_RATE = 0.02;
  private static final double ERROR_RATE = 0.002;
  private static final double SEASON_HANDICAP = 1.1;

  /** Which forecaster the detector runs for each period. */
  public enum Kind {
    /** Robust level plus a per-phase profile. */
    PROFILE("seasonal"),
    /** Additive Holt-Winters: level, trend and per-phase season. */
    HOLT_WINTERS("holt-winters");

    private final String algorithm;

    Kind(String algorithm) {
      this.algorithm = algorithm;
    }

    /** The algorithm name. */
    public String algorithm() {
      return algorithm;
    }

    SeasonalModel model(Period period) {
      return this == PROFILE ? new SeasonalProfile(period, 0.02, 0.1)
          : new HoltWintersModel(period, 0.02, 0.05, 0.1);
    }
  }

  private static final Period[] PERIODS = Period.values();

  private final Kind kind;
  private final SeasonalModel[] models = new SeasonalModel[PERIODS.length];
  private final double[] spread = new double[PERIODS.length];
  private final double[] error = new double[PERIODS.length];
  private final Resolution resolution = new Resolution();
  private final ScoreCalibrator calibrator = new ScoreCalibrator(250, 50);
  private long firstTimestamp;
  private long count;
  private double warmMean;
  private double warmSpread;

  /** A detector of the given kind, with Vigil's default rates. */
  public SeasonalDetector(Kind kind) {
    this.kind = kind;
    for (int i = 0; i < PERIODS.length; i++) {
      models[i] = kind.model(PERIODS[i]);
    }
  }

  @Override
  public String algorithm() {
    return kind.algorithm();
  }

  /** The period whose model forecasts best now (NONE until a season has been seen twice). */
  public Period period(long timestampMs) {
    return PERIODS[chosen(timestampMs)];
  }

  private int chosen(long timestampMs) {
    int best = 0;
    for (int i = 1; i < PERIODS.length; i++) {
      boolean seenTwice = timestampMs - firstTimestamp >= 2 * PERIODS[i].millis();
      if (seenTwice && error[i] * SEASON_HANDICAP < error[best]) {
        best = i;
      }
    }
    return best;
  }

  @Override
  protected Assessment assess(long timestampMs, double value) {
    resolution.observe(value);
    if (count == 0) {
      firstTimestamp = timestampMs;
    }
    if (count < WARM_UP) {
      count++;
      double previous = warmMean;
      warmMean += (value - warmMean) / count;
      warmSpread += (Math.abs(value - previous) - warmSpread) / count;
      if (count == WARM_UP) {
        for (int i = 0; i < PERIODS.length; i++) {
          models[i].start(warmMean);
          spread[i] = warmSpread;
        }
      }
      return Assessment.warmingUp(warmMean);
    }
    count++;
    int use = chosen(timestampMs);
    Assessment result = null;
    for (int i = 0; i < PERIODS.length; i++) {
      double forecast = models[i].forecast(timestampMs);
      double scale = Math.max(Math.max(spread[i], 1e-9 * Math.max(1, Math.abs(forecast))),
          RESOLUTION_SHARE * resolution.step() / MAD_TO_SIGMA);
      double sigma = MAD_TO_SIGMA * scale;
      double residual = value - forecast;
      double z = residual / sigma;
      if (i == use) {
        double score = Math.abs(z);
        double p = ScoreCalibrator.cappedByZ(calibrator.observe(score), score);
        result = new Assessment(Assessment.Status.SCORED, score, p,
            forecast, forecast - BAND * sigma, forecast + BAND * sigma,
            Direction.of(value, forecast));
      }
      error[i] += ERROR_RATE * (Math.min(Math.abs(z), 2 * CLIP) * sigma - error[i]);
      models[i].update(timestampMs, value, Math.max(-CLIP, Math.min(CLIP, z)) * sigma);
      spread[i] += SPREAD_RATE * (Math.min(Math.abs(residual), CLIP * scale) - spread[i]);
    }
    return result;
  }

  @Override
  protected int stateVersion() {
    return STATE_VERSION;
  }

  @Override
  protected void writeState(DataOutput out) throws IOException {
    out.writeLong(firstTimestamp);
    out.writeLong(count);
    out.writeDouble(warmMean);
    out.writeDouble(warmSpread);
    for (int i = 0; i < PERIODS.length; i++) {
      out.writeDouble(spread[i]);
      out.writeDouble(error[i]);
      models[i].write(out);
    }
    calibrator.writeCompact(out);
    resolution.write(out);
  }

  /**
   * A reader of what {@link #writeState} wrote, for the given kind and layout: version 1
   * (release 0.1.0) had no resolution (it is learnt afresh from the next values) and wrote its
   * calibrator in full; the phase offsets' layouts are {@link PhaseOffsets}'.
   */
  public static SeasonalDetector read(Kind kind, DataInput in, int version) throws IOException {
    SeasonalDetector d = new SeasonalDetector(kind);
    d.firstTimestamp = in.readLong();
    d.count = in.readLong();
    d.warmMean = in.readDouble();
    d.warmSpread = in.readDouble();
    for (int i = 0; i < PERIODS.length; i++) {
      d.spread[i] = in.readDouble();
      d.error[i] = in.readDouble();
      d.models[i].read(in, version);
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
