package io.vigil.detect.warm;

import io.vigil.detect.StreamingDetector;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Starts a new series' detector from a similar series' history instead of from nothing: the
 * sibling's recent points, mapped onto the new series' level and spread, are learnt first, then
 * the new series' own first points. Cold start is the most complained-of weakness of streaming
 * detectors: for its first day a new series has no season, no spread and no calibration, so a
 * detector either stays silent (missing what happens) or guesses (raising false alarms).
 *
 * <p>Detector-agnostic by design: it replays points rather than translating a detector's
 * state, so it works for every detector in the catalogue, plug-ins included, and for any
 * future state layout. The map is affine: {@code v' = toLevel + (v − fromLevel) × toScale /
 * fromScale}, levels being medians and scales interquartile ranges, of the sibling's last
 * day and of the new series' first {@value #SCALING_POINTS} points; where either range is 0
 * (a flat series) the values are only shifted. The sibling's timestamps move back by whole
 * weeks until they end before the new series begins, so hours of the day and days of the week
 * keep their place.
 */
public final class WarmStart {
  /** How many of its own points a new series has before it is warm-started. */
  public static final int SCALING_POINTS = 30;
  /** How much of the sibling's history is replayed: its last seven days at most. */
  public static final long HISTORY_MS = 7 * 86_400_000L;
  private static final long DAY_MS = 86_400_000L;
  private static final long WEEK_MS = 7 * DAY_MS;

  private WarmStart() {}

  /** The affine map from the sibling's values onto the new series'. */
  public record Rescaling(double fromLevel, double fromScale, double toLevel, double toScale) {
    /** {@code v} as the new series would have shown it. */
    public double apply(double v) {
      double ratio = fromScale > 0 && toScale > 0 ? toScale / fromScale : 1;
      return toLevel + (v - fromLevel) * ratio;
    }

    /** The map from {@code sibling} values onto {@code first} ones. */
    public static Rescaling between(double[] sibling, double[] first) {
      double[] s = sorted(sibling);
      double[] f = sorted(first);
      return new Rescaling(quantile(s, 0.5), quantile(s, 0.75) - quantile(s, 0.25),
          quantile(f, 0.5), quantile(f, 0.75) - quantile(f, 0.25));
    }
  }

  /**
   * A detector that has learnt the sibling's last {@link #HISTORY_MS}, rescaled and moved
   * before {@code firstTimes[0]}, then the new series' first points.
   *
   * @param factory makes the fresh detector
   * @param siblingTimes the sibling's timestamps (ascending)
   * @param siblingValues its values
   * @param firstTimes the new series' first points' timestamps (at least one)
   * @param firstValues their values
   */
  public static StreamingDetector warmed(Supplier<StreamingDetector> factory,
      long[] siblingTimes, double[] siblingValues, long[] firstTimes, double[] firstValues) {
    if (firstTimes.length == 0 || firstTimes.length != firstValues.length
        || siblingTimes.length != siblingValues.length) {
      throw new IllegalArgumentException("the new series' first points and the sibling's"
          + " points need one value per timestamp, and at least one first point");
    }
    StreamingDetector d = factory.get();
    int n = siblingTimes.length;
    if (n > 0) {
      long last = siblingTimes[n - 1];
      long shift = last < firstTimes[0] ? 0
          : ((last - firstTimes[0]) / WEEK_MS + 1) * WEEK_MS;
      int from = n - 1;
      while (from > 0 && siblingTimes[from - 1] > last - HISTORY_MS) {
        from--;
      }
      int dayFrom = n - 1;
      while (dayFrom > from && siblingTimes[dayFrom - 1] > last - DAY_MS) {
        dayFrom--;
      }
      Rescaling map = Rescaling.between(Arrays.copyOfRange(siblingValues, dayFrom, n),
          firstValues);
      for (int i = from; i < n; i++) {
        if (Double.isFinite(siblingValues[i])) {
          d.process(siblingTimes[i] - shift, map.apply(siblingValues[i]));
        }
      }
    }
    for (int i = 0; i < firstTimes.length; i++) {
      d.process(firstTimes[i], firstValues[i]);
    }
    return d;
  }

  private static double[] sorted(double[] values) {
    double[] s = Arrays.stream(values).filter(Double::isFinite).toArray();
    Arrays.sort(s);
    return s;
  }

  private static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    double pos = q * (sorted.length - 1);
    int i = (int) pos;
    return i + 1 < sorted.length ? sorted[i] + (sorted[i + 1] - sorted[i]) * (pos - i)
        : sorted[i];
  }
}
