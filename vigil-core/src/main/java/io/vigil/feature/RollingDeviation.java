package io.vigil.feature;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * {@code std-K}: the sample standard deviation of the last K values, so a detector sees a
 * series turn jittery even when its level holds. Kept by Welford's sliding update (stable for
 * a large mean with a small spread, where sum-of-squares loses every digit) and recomputed in
 * two passes once per cycle so rounding cannot build up.
 */
final class RollingDeviation extends StreamingTransform {
  private final double[] ring;
  private int filled;
  private int next;
  private double mean;
  private double m2;

  RollingDeviation(int k) {
    this.ring = new double[k];
  }

  @Override
  public String name() {
    return "std-" + ring.length;
  }

  @Override
  public double apply(long timestampMs, double x) {
    if (filled == ring.length) {
      double old = ring[next];
      double newMean = mean + (x - old) / filled;
      m2 += (x - old) * (x - newMean + old - mean);
      mean = newMean;
    } else {
      filled++;
      double delta = x - mean;
      mean += delta / filled;
      m2 += delta * (x - mean);
    }
    ring[next] = x;
    next = (next + 1) % ring.length;
    if (next == 0) {
      recompute();
    }
    return filled < 2 ? Double.NaN : Math.sqrt(Math.max(0, m2) / (filled - 1));
  }

  private void recompute() {
    double s = 0;
    for (int i = 0; i < filled; i++) {
      s += ring[i];
    }
    mean = s / filled;
    m2 = 0;
    for (int i = 0; i < filled; i++) {
      double d = ring[i] - mean;
      m2 += d * d;
    }
  }

  @Override
  Kind kind() {
    return Kind.ROLLING_STD;
  }

  @Override
  void writeState(DataOutput out) throws IOException {
    out.writeInt(ring.length);
    out.writeInt(filled);
    out.writeInt(next);
    out.writeDouble(mean);
    out.writeDouble(m2);
    writeRing(out, ring, filled);
  }

  static RollingDeviation readState(DataInput in) throws IOException {
    RollingDeviation d = new RollingDeviation(readWindow(in, 2));
    d.filled = in.readInt();
    d.next = in.readInt();
    d.mean = in.readDouble();
    d.m2 = in.readDouble();
    readRing(in, d.ring, d.filled, d.next, "rolling deviation");
    return d;
  }
}
