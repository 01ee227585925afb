package io.vigil.feature;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** {@code mean-K}: the mean of the last K values (of fewer at the start). */
final class RollingMean extends StreamingTransform {
  private final double[] ring;
  private int filled;
  private int next;
  private double sum;

  RollingMean(int k) {
    this.ring = new double[k];
  }

  @Override
  public String name() {
    return "mean-" + ring.length;
  }

  @Override
  public double apply(long timestampMs, double x) {
    if (filled == ring.length) {
      sum -= ring[next];
    } else {
      filled++;
    }
    ring[next] = x;
    next = (next + 1) % ring.length;
    sum += x;
    if (next == 0) {
      sum = 0; // recompute once per cycle so rounding cannot drift
      for (int i = 0; i < filled; i++) {
        sum += ring[i];
      }
    }
    return sum / filled;
  }

  @Override
  Kind kind() {
    return Kind.ROLLING_MEAN;
  }

  @Override
  void writeState(DataOutput out) throws IOException {
    out.writeInt(ring.length);
    out.writeInt(filled);
    out.writeInt(next);
    out.writeDouble(sum);
    writeRing(out, ring, filled);
  }

  static RollingMean readState(DataInput in) throws IOException {
    RollingMean m = new RollingMean(readWindow(in, 2));
    m.filled = in.readInt();
    m.next = in.readInt();
    m.sum = in.readDouble();
    readRing(in, m.ring, m.filled, m.next, "rolling mean");
    return m;
  }
}
