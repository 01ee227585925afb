package io.vigil.server.engine;

import io.vigil.series.SeriesKey;
import io.vigil.series.Timestamps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds, before a batch is detected, the points its series already have: what a client
 * resends after a timeout or a 503 must not be stored twice. As Prometheus does, a point with
 * the timestamp of one already stored (or earlier in the batch) is a duplicate when the value
 * is the same, bit for bit (left out and counted), and a conflict when it is not (the batch is
 * refused, naming it). A point older than its series' newest but at a new timestamp is not a
 * retry: it is stored as before (and left out of learning by the detector).
 *
 * <p>The common case costs one comparison a point: only points not newer than their series'
 * newest are looked up, in the batch and then in the store, one range scan per series.
 */
final class RetriedPoints {
  /** Which points to leave out, and the conflicts. */
  record Verdict(boolean[] duplicate, int duplicates, List<String> conflicts) {}

  private static final class Running {
    final LiveSeries series;
    long lastMs;
    double lastValue;
    /** This batch's points of the series by time, built at its first older point. */
    Map<Long, Double> inBatch;

    Running(LiveSeries s) {
      series = s;
      lastMs = s.lastTimestampMs;
      lastValue = s.lastValue;
    }
  }

  private static final int MAX_LISTED = 20;

  private RetriedPoints() {}

  /**
   * @param seriesOf each point's series, in memory
   */
  static Verdict judge(List<IncomingPoint> batch, Function<SeriesKey, LiveSeries> seriesOf,
      PointStore store) {
    boolean[] duplicate = new boolean[batch.size()];
    java.util.TreeMap<Integer, String> conflicts = new java.util.TreeMap<>();
    Map<SeriesKey, Running> running = new HashMap<>();
    // Older points to look up in the store: series id to (batch index, time) pairs.
    Map<Long, List<long[]>> older = new HashMap<>();
    int duplicates = 0;
    for (int i = 0; i < batch.size(); i++) {
      IncomingPoint p = batch.get(i);
      Running r = running.computeIfAbsent(p.key(), k -> new Running(seriesOf.apply(k)));
      long t = p.timestampMs();
      if (t > r.lastMs) {
        r.lastMs = t;
        r.lastValue = p.value();
        if (r.inBatch != null) {
          r.inBatch.put(t, p.value());
        }
        continue;
      }
      if (r.inBatch == null) {
        r.inBatch = new HashMap<>();
        for (int j = 0; j < i; j++) {
          if (batch.get(j).key().equals(p.key()) && !duplicate[j]) {
            r.inBatch.putIfAbsent(batch.get(j).timestampMs(), batch.get(j).value());
          }
        }
      }
      Double before = t == r.lastMs && !r.inBatch.containsKey(t) ? (Double) r.lastValue
          : r.inBatch.get(t);
      if (before != null) {
        if (same(before, p.value())) {
          duplicate[i] = true;
          duplicates++;
        } else {
          conflicts.put(i, conflict(i, p, before));
        }
        continue;
      }
      r.inBatch.put(t, p.value());
      older.computeIfAbsent(r.series.info.id(), id -> new ArrayList<>()).add(new long[] {i, t});
    }
    for (Map.Entry<Long, List<long[]>> e : older.entrySet()) {
      Set<Long> wanted = new HashSet<>();
      long from = Long.MAX_VALUE;
      long to = Long.MIN_VALUE;
      for (long[] it : e.getValue()) {
        wanted.add(it[1]);
        from = Math.min(from, it[1]);
        to = Math.max(to, it[1]);
      }
      Map<Long, Double> stored = new HashMap<>();
      store.scan(e.getKey(), -1, from, to, sp -> {
        if (wanted.contains(sp.timestampMs())) {
          stored.putIfAbsent(sp.timestampMs(), sp.value());
        }
      });
      for (long[] it : e.getValue()) {
        int i = (int) it[0];
        Double before = stored.get(it[1]);
        if (before == null) {
          continue;
        }
        if (same(before, batch.get(i).value())) {
          duplicate[i] = true;
          duplicates++;
        } else {
          conflicts.put(i, conflict(i, batch.get(i), before));
        }
      }
    }
    List<String> listed = new ArrayList<>();
    for (String c : conflicts.values()) {
      if (listed.size() == MAX_LISTED) {
        listed.add("... and " + (conflicts.size() - MAX_LISTED) + " more");
        break;
      }
      listed.add(c);
    }
    return new Verdict(duplicate, duplicates, listed);
  }

  private static boolean same(double a, double b) {
    return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
  }

  private static String conflict(int i, IncomingPoint p, double before) {
    return "[" + i + "]: " + p.key() + " already has the value " + before + " at "
        + Timestamps.format(p.timestampMs()) + "; this point says " + p.value();
  }
}
