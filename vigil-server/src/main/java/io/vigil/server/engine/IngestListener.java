package io.vigil.server.engine;

import io.vigil.series.SeriesKey;
import io.vigil.server.store.StoredPoint;

/** Told of every point once it is stored, in ingest order, under the engine's lock. */
@FunctionalInterface
public interface IngestListener {
  void stored(SeriesKey key, StoredPoint point);

  /** This listener, then {@code next}. */
  default IngestListener andThen(IngestListener next) {
    return (key, point) -> {
      stored(key, point);
      next.stored(key, point);
    };
  }
}
