package io.vigil.detect.post;

import io.vigil.detect.DetectorDescriptor;
import io.vigil.detect.AbstractStreamingDetector;
import io.vigil.detect.Assessment;
import io.vigil.detect.NestedStates;
import io.vigil.detect.StateReader;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Suppresses repeat alerts: after a point's probability sets a new high, later points within
 * {@code periodMs} keep their probability only if they set a higher one; the rest get 0. One
 * incident then raises one alert (or a few, as it worsens), whatever threshold is applied to
 * the output, rather than an alert per point. The raw score is left as it was.
 */
public final class RepeatSuppression extends AbstractStreamingDetector {
  /** The algorithm name. */
  public static final String ALGORITHM = "suppress-repeats";
  /** The snapshot layout version. */
  public static final int STATE_VERSION = 1;
  /** The wrapper as the catalogue lists it. */
  public static final DetectorDescriptor DESCRIPTOR = DetectorDescriptor.wrapper(ALGORITHM,
      "repeat alerts within a period suppressed", STATE_VERSION, RepeatSuppression::read);

  private final AbstractStreamingDetector inner;
  private final long periodMs;
  private double peak;
  private long peakTime = Long.MIN_VALUE;

  /** Wraps {@code inner}, which it owns from now on. */
  public RepeatSuppression(AbstractStreamingDetector inner, long periodMs) {
    if (periodMs < 0) {
      throw new IllegalArgumentException("the suppression period cannot be negative");
    }
    this.inner = inner;
    this.periodMs = periodMs;
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
    }
    if (a.probability() > peak) {
      peak = a.probability();
      peakTime = timestampMs;
      return a;
    }
    return a.probability() == 0 ? a : a.withProbability(0);
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
    NestedStates.write(inner.snapshot(), out);
  }

  /** Reads what {@link #writeState} wrote. */
  public static RepeatSuppression read(DataInput in, StateReader.StateRestorer nested) throws IOException {
    long period = in.readLong();
    double peak = in.readDouble();
    long peakTime = in.readLong();
    var inner = NestedStates.restore(in, nested);
    RepeatSuppression d = new RepeatSuppression(inner, period);
    d.peak = peak;
    d.peakTime = peakTime;
    return d;
  }
}
