package io.vigil.server.engine;

import io.vigil.server.store.StoredPoint;
import java.util.List;

/**
 * What became of a batch, once stored.
 *
 * @param accepted points stored (every point of the batch)
 * @param skipped of those, points not learnt (older than their series' newest)
 * @param anomalies the points at or above the anomaly probability
 */
public record IngestResult(int accepted, int skipped, List<StoredPoint> anomalies) {}
