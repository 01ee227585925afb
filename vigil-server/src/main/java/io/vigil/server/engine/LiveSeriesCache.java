package io.vigil.server.engine;

import io.vigil.series.SeriesKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The series in memory, by key and by id, least recently used first: the engine's entity
 * cache. It only keeps and orders them; the engine decides what to load and checkpoints what
 * leaves. Only the engine touches it, under the engine's lock.
 */
final class LiveSeriesCache {
  private final int capacity;
  /** Access order: a lookup by key counts as a use. */
  private final LinkedHashMap<SeriesKey, LiveSeries> byKey =
      new LinkedHashMap<>(16, 0.75f, true);
  private final Map<Long, LiveSeries> byId = new HashMap<>();
  private long evicted;

  LiveSeriesCache(int capacity) {
    this.capacity = capacity;
  }

  /** The series named {@code key}, counted as used, or null. */
  LiveSeries get(SeriesKey key) {
    return byKey.get(key);
  }

  /** The series with {@code id}, or null; not counted as a use. */
  LiveSeries byId(long id) {
    return byId.get(id);
  }

  boolean contains(SeriesKey key) {
    return byKey.containsKey(key);
  }

  /** Holds {@code s}, most recently used; returns it. */
  LiveSeries put(LiveSeries s) {
    byKey.put(s.info.key(), s);
    byId.put(s.info.id(), s);
    return s;
  }

  void remove(LiveSeries s) {
    byKey.remove(s.info.key());
    byId.remove(s.info.id());
  }

  int size() {
    return byKey.size();
  }

  /** Every series held, least recently used first. */
  Collection<LiveSeries> all() {
    return byKey.values();
  }

  /**
   * The series used longest ago beyond the capacity, that may leave: not those with
   * candidates in shadow, whose shadows would have to be replayed.
   */
  List<LiveSeries> beyondCapacity() {
    List<LiveSeries> out = new ArrayList<>();
    int excess = byKey.size() - capacity;
    for (var it = byKey.values().iterator(); it.hasNext() && out.size() < excess; ) {
      LiveSeries s = it.next();
      if (s.shadows.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  /** Lets {@code leaving} go, counted as evictions. */
  void evict(List<LiveSeries> leaving) {
    leaving.forEach(this::remove);
    evicted += leaving.size();
  }

  /** How many series have left for want of room since the start. */
  long evicted() {
    return evicted;
  }
}
