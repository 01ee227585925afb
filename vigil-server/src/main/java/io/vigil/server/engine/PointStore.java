package io.vigil.server.engine;

import io.vigil.server.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Points with their assessments, and the anomalies among them. */
public interface PointStore {
  /**
   * Stores {@code points} and {@code anomalies} (a subset of them) durably, all or none.
   *
   * @throws StoreException when they could not be stored; nothing was
   */
  void append(List<StoredPoint> points, List<StoredPoint> anomalies);

  /** A series' points with {@code fromMs <= timestamp < toMs}, oldest first, at most limit. */
  List<StoredPoint> points(long seriesId, long fromMs, long toMs, int limit);

  /**
   * A series' points numbered after {@code seq}, in order: what a checkpoint has not seen.
   * Holds them all in memory; {@link #scan} a history of unknown length instead.
   */
  default List<StoredPoint> pointsAfter(long seriesId, long seq) {
    List<StoredPoint> out = new ArrayList<>();
    scan(seriesId, seq, Long.MIN_VALUE, Long.MAX_VALUE, out::add);
    return out;
  }

  /**
   * Hands {@code visitor} a series' points numbered after {@code afterSeq} with
   * {@code fromMs <= timestamp <= toMs}, in number order, a page at a time: writers wait for
   * one page, not for the whole history, and a history of any length streams through. Points
   * stored during the scan are handed over too when they come after where it has reached.
   */
  void scan(long seriesId, long afterSeq, long fromMs, long toMs,
      Consumer<StoredPoint> visitor);

  /** The next free point number of a series (0 when it has none). */
  long nextSeq(long seriesId);

  /**
   * Anomalies with {@code fromMs <= timestamp < toMs} and at least {@code minProbability},
   * newest first, at most {@code limit}; of one series when {@code seriesId} is not null.
   */
  List<StoredPoint> anomalies(Long seriesId, long fromMs, long toMs, double minProbability,
      int limit);
}
