package io.vigil.server.model;

import io.vigil.series.TimeSeries;
import io.vigil.server.engine.StoredPoint;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The latest points of a store scan, at most {@code capacity}, kept as timestamps, values and
 * numbers in plain arrays: training reads a history of any length through it while holding a
 * bounded window (a million points are 24 MB here, several times that as point objects). The
 * arrays grow as points come, so a short history costs little.
 */
final class LatestPoints implements Consumer<StoredPoint> {
  private final int capacity;
  private long[] t;
  private double[] v;
  private long[] seq;
  private int size;
  private int next; // where the next point goes once the ring is full

  LatestPoints(int capacity) {
    this.capacity = capacity;
    int initial = Math.min(1024, capacity);
    this.t = new long[initial];
    this.v = new double[initial];
    this.seq = new long[initial];
  }

  @Override
  public void accept(StoredPoint p) {
    if (size < capacity && size == t.length) {
      int grown = (int) Math.min(capacity, 2L * t.length);
      t = Arrays.copyOf(t, grown);
      v = Arrays.copyOf(v, grown);
      seq = Arrays.copyOf(seq, grown);
    }
    int at = size < capacity ? size++ : next;
    t[at] = p.timestampMs();
    v[at] = p.value();
    seq[at] = p.seq();
    next = (at + 1) % capacity;
  }

  /** Points kept. */
  int size() {
    return size;
  }

  /** The number of the latest point, -1 when none came. */
  long lastSeq() {
    return size == 0 ? -1 : seq[(next + capacity - 1) % capacity];
  }

  /** The kept points, oldest first, with their numbers as the series' line numbers. */
  TimeSeries series(String name) {
    int start = size < capacity ? 0 : next;
    long[] ts = new long[size];
    double[] vs = new double[size];
    long[] ns = new long[size];
    for (int i = 0; i < size; i++) {
      int at = (start + i) % t.length;
      ts[i] = t[at];
      vs[i] = v[at];
      ns[i] = seq[at];
    }
    return new TimeSeries(name, ts, vs, ns);
  }
}
