package io.vigil.server.engine;

import io.vigil.series.SeriesKey;

/** Told of every point once it is stored, in ingest order, under the engine's lock. */
@FunctionalInterface
public interface IngestListener {
  /**
   * @param modelThreshold the threshold of the series' champion model, which decides what is
   *     an anomaly for that series; NaN when it has none
   */
  void stored(SeriesKey key, StoredPoint point, double modelThreshold);

  /** This listener, then {@code next}. */
  default IngestListener andThen(IngestListener next) {
    return (key, point, threshold) -> {
      stored(key, point, threshold);
      next.stored(key, point, threshold);
    };
  }
}
