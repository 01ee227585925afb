package io.vigil.feature;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A derived series computed point by point from the raw one, from the past and present only:
 * {@code difference} (x_t − x_{t−1}) or {@code mean-k} (the mean of the last k values).
 */
public final class StreamingTransform {
  /** What the transform computes. */
  public enum Kind { DIFFERENCE, ROLLING_MEAN }

  private final Kind kind;
  private final double[] ring;
  private int filled;
  private int next;
  private double sum;

  private StreamingTransform(Kind kind, int length) {
    this.kind = kind;
    this.ring = new double[length];
  }

  /** x_t − x_{t−1}. */
  public static StreamingTransform difference() {
    return new StreamingTransform(Kind.DIFFERENCE, 1);
  }

  /** The mean of the last {@code k} values (fewer at the start). */
  public static StreamingTransform rollingMean(int k) {
    if (k < 2 || k > 1024) {
      throw new IllegalArgumentException("a rolling mean spans 2 to 1024 points, not " + k);
    }
    return new StreamingTransform(Kind.ROLLING_MEAN, k);
  }

  /** The name of the transform, e.g. {@code difference} or {@code mean-6}. */
  public String name() {
    return kind == Kind.DIFFERENCE ? "difference" : "mean-" + ring.length;
  }

  /** The derived value at this point, or NaN when it needs more history (first difference). */
  public double apply(double x) {
    if (kind == Kind.DIFFERENCE) {
      double out = filled == 0 ? Double.NaN : x - ring[0];
      ring[0] = x;
      filled = 1;
      return out;
    }
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

  /** Whether this is the first difference, whose expectations map back to the raw series. */
  public boolean isDifference() {
    return kind == Kind.DIFFERENCE;
  }

  /** The value to add back to a derived expectation to get one for the raw series. */
  public double offset() {
    return kind == Kind.DIFFERENCE && filled > 0 ? ring[0] : 0;
  }

  /** Writes kind, length and state. */
  public void write(DataOutput out) throws IOException {
    out.writeByte(kind.ordinal());
    out.writeInt(ring.length);
    out.writeInt(filled);
    out.writeInt(next);
    out.writeDouble(sum);
    for (int i = 0; i < filled; i++) {
      out.writeDouble(ring[i]);
    }
  }

  /** Reads what {@link #write} wrote. */
  public static StreamingTransform read(DataInput in) throws IOException {
    int k = in.readByte();
    if (k < 0 || k >= Kind.values().length) {
      throw new IOException("unknown transform " + k);
    }
    int length = in.readInt();
    if (length < 1 || length > 1024) {
      throw new IOException("a transform of length " + length);
    }
    StreamingTransform t = new StreamingTransform(Kind.values()[k], length);
    t.filled = in.readInt();
    t.next = in.readInt();
    t.sum = in.readDouble();
    if (t.filled < 0 || t.filled > length) {
      throw new IOException("a transform holding " + t.filled + " of " + length);
    }
    for (int i = 0; i < t.filled; i++) {
      t.ring[i] = in.readDouble();
    }
    return t;
  }
}
