package io.vigil.detect.post;

import io.vigil.detect.AbstractStreamingDetector;
import io.vigil.detect.Assessment;
import io.vigil.detect.DetectorDescriptor;
import io.vigil.detect.NestedStates;
import io.vigil.detect.StateReader;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;

/**
 * Suppresses repeat alerts: after a point's probability sets a new high, later points within
 * {@code periodMs} keep their probability only if they set a higher one; the rest get 0. One
 * incident then raises one alert (or a few, as it worsens), whatever threshold is applied to
 * the output, rather than an alert per point. The raw score is left as it was.
 *
 * <p>Escalation: a calibrated probability saturates near 1, so a jump from 4% CPU to 87% can
 * score below the smaller oddity that opened the period and would be hidden. With an
 * escalation factor {@code k > 0}, an alarm-level point ({@link Assessment#ALARM_PROBABILITY})
 * whose deviation from the expected value, in half-widths of its band, is more than {@code k}
 * times the largest deviation passed in the period passes too, at the period's peak
 * probability: it is at least as alarming as what set that peak.
 */
public final class RepeatSuppression extends AbstractStreamingDetector {
  /** The algorithm name. */
  public static final String ALGORITHM = "suppress-repeats";
  /** The snapshot layout version. */
  public static final int STATE_VERSION = 2;
  /** The wrapper as the catalogue lists it. */
  public static final DetectorDescriptor DESCRIPTOR = new DetectorDescriptor(ALGORITHM,
      "repeat alerts within a period suppressed", java.util.List.of(), null, STATE_VERSION,
      Map.of(1, (in, nested) -> read(in, nested, 1),
          STATE_VERSION, (in, nested) -> read(in, nested, STATE_VERSION)));

  private final AbstractStreamingDetector inner;
  private final long periodMs;
  private final double escalation;
  private double peak;
  private long peakTime = Long.MIN_VALUE;
  /** The largest deviation passed in the period, in band half-widths. */
  private double peakDeviation;

  /** Wraps {@code inner}, which it owns from now on; no escalation. */
  public RepeatSuppression(AbstractStreamingDetector inner, long periodMs) {
    this(inner, periodMs, 0);
  }

  /**
   * Wraps {@code inner}, which it owns from now on.
   *
   * @param escalation how many times the period's largest deviation a repeat must exceed to
   *     pass; 0 for never
   */
  public RepeatSuppression(AbstractStreamingDetector inner, long periodMs, double escalation) {
    if (periodMs < 0) {
      throw new IllegalArgumentException("the suppression period cannot be negative");
    }
    if (!(escalation >= 0 && escalation < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("the escalation factor must be finite and not"
          + " negative (0 for none), was " + escalation);
    }
    this.inner = inner;
    this.periodMs = periodMs;
    this.escalation = escalation;
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  protected Assessment assess(long timestampMs, double value) {
    Assessment a = inner.process(timestampMs, value);
    if (peakTime != Long.MIN_VALUE && timestampMs - peakTime > periodMs) {
      peak = 0;
      peakDeviation = 0;
    }
    double deviation = escalation > 0 ? deviation(a, value) : 0;
    if (a.probability() > peak) {
      peak = a.probability();
      peakTime = timestampMs;
      peakDeviation = Math.max(peakDeviation, deviation);
      return a;
    }
    if (escalation > 0 && a.probability() >= Assessment.ALARM_PROBABILITY
        && deviation > escalation * peakDeviation) {
      peakTime = timestampMs;
      peakDeviation = deviation;
      return a.withProbability(peak);
    }
    return a.probability() == 0 ? a : a.withProbability(0);
  }

  /** How far {@code value} is from the expected value, in half-widths of the band; 0 without one. */
  static double deviation(Assessment a, double value) {
    double halfWidth = (a.upper() - a.lower()) / 2;
    double d = Math.abs(value - a.expected()) / halfWidth;
    return halfWidth > 0 && Double.isFinite(d) ? d : 0;
  }

  @Override
  protected int stateVersion() {
    return STATE_VERSION;
  }

  @Override
  protected void writeState(DataOutput out) throws IOException {
    out.writeLong(periodMs);
    out.writeDouble(peak);
    out.writeLong(peakTime);
    out.writeDouble(escalation);
    out.writeDouble(peakDeviation);
    NestedStates.write(inner.snapshot(), out);
  }

  /**
   * Reads what {@link #writeState} wrote in layout {@code version}: 1 (release 0.1.0) had no
   * escalation, and a restored one still has none.
   */
  public static RepeatSuppression read(DataInput in, StateReader.StateRestorer nested,
      int version) throws IOException {
    long period = in.readLong();
    double peak = in.readDouble();
    long peakTime = in.readLong();
    double escalation = version >= 2 ? in.readDouble() : 0;
    double peakDeviation = version >= 2 ? in.readDouble() : 0;
    if (period < 0 || !(escalation >= 0 && escalation < Double.POSITIVE_INFINITY)
        || !(peakDeviation >= 0)) {
      throw new IOException("implausible repeat suppression: period " + period
          + " ms, escalation " + escalation + ", deviation " + peakDeviation);
    }
    var inner = NestedStates.restore(in, nested);
    RepeatSuppression d = new RepeatSuppression(inner, period, escalation);
    d.peak = peak;
    d.peakTime = peakTime;
    d.peakDeviation = peakDeviation;
    return d;
  }
}
