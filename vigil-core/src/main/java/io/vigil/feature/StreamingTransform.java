package io.vigil.feature;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A derived series computed point by point from the raw one, from the past and present only,
 * so training over stored history and live scoring compute it identically. A detector judges
 * the derived value; where the derivation can be undone ({@link #toRaw}), its expectation is
 * mapped back onto the raw series.
 *
 * <p>Features by name ({@link #parse}):
 * <ul>
 *   <li>{@code difference}: x_t − x_{t−1};
 *   <li>{@code rate}: (x_t − x_{t−1}) / seconds between them, for gauges;
 *   <li>{@code counter-rate}: the same for a monotonic counter, where a fall is a restart from
 *       zero (as Prometheus's {@code rate} reads counters);
 *   <li>{@code mean-K}, {@code std-K}: the mean or standard deviation of the last K points;
 *   <li>{@code time-of-day}, {@code time-of-week}: the value less what this hour of the day
 *       (or of the week) usually is, optionally in a zone ({@code time-of-day@Europe/Berlin});
 *       UTC otherwise.
 * </ul>
 *
 * <p>Snapshots start with a kind byte whose first two values keep the layout of the first
 * release (difference and mean), so stored checkpoints still restore.
 */
public abstract sealed class StreamingTransform
    permits Differencing, RollingMean, RollingDeviation, HourlyBaseline {
  /** The largest window of {@code mean-K} and {@code std-K}. */
  public static final int MAX_WINDOW = 1024;

  /** The features {@link #parse} reads, as an error message lists them. */
  public static final String KNOWN = "difference, rate, counter-rate, mean-K, std-K (K from 2"
      + " to " + MAX_WINDOW + "), time-of-day or time-of-week (optionally @zone, e.g."
      + " time-of-day@Europe/Berlin)";

  private static final Pattern WINDOWED = Pattern.compile("(mean|std)-(\\d{1,4})");
  private static final Pattern HOURLY = Pattern.compile("time-of-(day|week)(?:@(.+))?");

  /** Snapshot kinds; the order is the stored byte and must never change. */
  enum Kind { DIFFERENCE, ROLLING_MEAN, RATE, COUNTER_RATE, ROLLING_STD, TIME_OF_DAY, TIME_OF_WEEK }

  private double rawBase = Double.NaN;
  private double rawSlope = Double.NaN;

  /**
   * The transform a feature names.
   *
   * @throws IllegalArgumentException naming the feature and listing the known ones
   */
  public static StreamingTransform parse(String feature) {
    switch (feature) {
      case "difference": return new Differencing(Kind.DIFFERENCE);
      case "rate": return new Differencing(Kind.RATE);
      case "counter-rate": return new Differencing(Kind.COUNTER_RATE);
      default: break;
    }
    Matcher w = WINDOWED.matcher(feature);
    if (w.matches()) {
      int k = Integer.parseInt(w.group(2));
      if (k < 2 || k > MAX_WINDOW) {
        throw new IllegalArgumentException("feature '" + feature + "': K must be from 2 to "
            + MAX_WINDOW);
      }
      return w.group(1).equals("mean") ? new RollingMean(k) : new RollingDeviation(k);
    }
    Matcher h = HOURLY.matcher(feature);
    if (h.matches()) {
      ZoneId zone = ZoneOffset.UTC;
      if (h.group(2) != null) {
        try {
          zone = ZoneId.of(h.group(2));
        } catch (DateTimeException e) {
          throw new IllegalArgumentException("feature '" + feature + "': unknown time zone '"
              + h.group(2) + "' (use a region such as Europe/Berlin or America/New_York)");
        }
      }
      return new HourlyBaseline(h.group(1).equals("day") ? Kind.TIME_OF_DAY
          : Kind.TIME_OF_WEEK, zone);
    }
    throw new IllegalArgumentException("unknown feature '" + feature + "': use " + KNOWN);
  }

  /** The feature's name as {@link #parse} reads it, e.g. {@code rate} or {@code mean-6}. */
  public abstract String name();

  /**
   * The derived value at this point, then learns it; NaN while it needs more history (the
   * first difference, an hour of the day not seen yet).
   */
  public abstract double apply(long timestampMs, double x);

  /**
   * A derived value of the point last applied, mapped back onto the raw series; NaN where the
   * feature cannot be undone (a rolling mean or deviation).
   */
  public final double toRaw(double derived) {
    return rawBase + rawSlope * derived;
  }

  /** Records how the point just applied maps back: raw = base + slope × derived. */
  protected final void mapsBack(double base, double slope) {
    rawBase = base;
    rawSlope = slope;
  }

  /** Writes the kind, then the state. */
  public final void write(DataOutput out) throws IOException {
    out.writeByte(kind().ordinal());
    writeState(out);
  }

  abstract Kind kind();

  abstract void writeState(DataOutput out) throws IOException;

  /** Reads what {@link #write} wrote. */
  public static StreamingTransform read(DataInput in) throws IOException {
    int k = in.readByte();
    if (k < 0 || k >= Kind.values().length) {
      throw new IOException("unknown transform " + k);
    }
    Kind kind = Kind.values()[k];
    return switch (kind) {
      case DIFFERENCE, RATE, COUNTER_RATE -> Differencing.readState(kind, in);
      case ROLLING_MEAN -> RollingMean.readState(in);
      case ROLLING_STD -> RollingDeviation.readState(in);
      case TIME_OF_DAY, TIME_OF_WEEK -> HourlyBaseline.readState(kind, in);
    };
  }

  /** Reads a window length written by a windowed transform, checking it. */
  static int readWindow(DataInput in, int min) throws IOException {
    int length = in.readInt();
    if (length < min || length > MAX_WINDOW) {
      throw new IOException("a transform of length " + length);
    }
    return length;
  }

  /** Writes the first {@code filled} values of a window's ring. */
  static void writeRing(DataOutput out, double[] ring, int filled) throws IOException {
    for (int i = 0; i < filled; i++) {
      out.writeDouble(ring[i]);
    }
  }

  /** Reads what {@link #writeRing} wrote, once {@code filled} and {@code next} are checked. */
  static void readRing(DataInput in, double[] ring, int filled, int next, String what)
      throws IOException {
    if (filled < 0 || filled > ring.length || next < 0 || next >= ring.length) {
      throw new IOException("a " + what + " holding " + filled + " of " + ring.length);
    }
    for (int i = 0; i < filled; i++) {
      ring[i] = in.readDouble();
    }
  }
}
