package io.vigil.feature;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Change from the previous point: {@code difference} (x_t − x_{t−1}), {@code rate} (the same
 * per second) and {@code counter-rate} (per second, where a fall means the counter restarted
 * from zero, so the increase is the new value itself).
 */
final class Differencing extends StreamingTransform {
  private final Kind kind;
  private boolean seen;
  private double previous;
  private long previousMs;

  Differencing(Kind kind) {
    this.kind = kind;
  }

  @Override
  public String name() {
    return switch (kind) {
      case RATE -> "rate";
      case COUNTER_RATE -> "counter-rate";
      default -> "difference";
    };
  }

  @Override
  public double apply(long timestampMs, double x) {
    boolean had = seen;
    double before = previous;
    double seconds = (timestampMs - previousMs) / 1000.0;
    seen = true;
    previous = x;
    previousMs = timestampMs;
    if (!had) {
      return Double.NaN;
    }
    if (kind == Kind.DIFFERENCE) {
      mapsBack(before, 1);
      return x - before;
    }
    if (seconds <= 0) {
      return Double.NaN; // a second value at the same instant has no rate; it is the new base
    }
    double base = kind == Kind.COUNTER_RATE && x < before ? 0 : before;
    mapsBack(base, seconds);
    return (x - base) / seconds;
  }

  @Override
  Kind kind() {
    return kind;
  }

  @Override
  void writeState(DataOutput out) throws IOException {
    if (kind == Kind.DIFFERENCE) { // the first release's layout: a one-value ring
      out.writeInt(1);
      out.writeInt(seen ? 1 : 0);
      out.writeInt(0);
      out.writeDouble(0);
      if (seen) {
        out.writeDouble(previous);
      }
      return;
    }
    out.writeBoolean(seen);
    out.writeDouble(previous);
    out.writeLong(previousMs);
  }

  static Differencing readState(Kind kind, DataInput in) throws IOException {
    Differencing d = new Differencing(kind);
    if (kind == Kind.DIFFERENCE) {
      readWindow(in, 1);
      int filled = in.readInt();
      in.readInt();
      in.readDouble();
      if (filled < 0 || filled > 1) {
        throw new IOException("a difference holding " + filled + " values");
      }
      d.seen = filled == 1;
      if (d.seen) {
        d.previous = in.readDouble();
      }
      return d;
    }
    d.seen = in.readBoolean();
    d.previous = in.readDouble();
    d.previousMs = in.readLong();
    return d;
  }
}
