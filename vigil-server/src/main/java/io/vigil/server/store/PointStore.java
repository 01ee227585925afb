package io.vigil.server.store;

import java.util.List;

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

  /** A series' points numbered after {@code seq}, in order: what a checkpoint has not seen. */
  List<StoredPoint> pointsAfter(long seriesId, long seq);

  /** The next free point number of a series (0 when it has none). */
  long nextSeq(long seriesId);

  /**
   * Anomalies with {@code fromMs <= timestamp < toMs} and at least {@code minProbability},
   * newest first, at most {@code limit}; of one series when {@code seriesId} is not null.
   */
  List<StoredPoint> anomalies(Long seriesId, long fromMs, long toMs, double minProbability,
      int limit);
}
