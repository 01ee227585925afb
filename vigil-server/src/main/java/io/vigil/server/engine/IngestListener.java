package io.vigil.server.engine;

import io.vigil.series.SeriesKey;
import io.vigil.server.store.StoredPoint;

/** Told of every point once it is stored, in ingest order, under the engine's lock. */
@FunctionalInterface
public interface IngestListener {
  void stored(SeriesKey key, StoredPoint point);
}
