package io.vigil.server.engine;

import java.util.List;

/**
 * What became of a batch, once stored.
 *
 * @param accepted points stored (every point of the batch but the duplicates)
 * @param skipped of those, points not learnt (older than their series' newest)
 * @param anomalies the points at or above the anomaly probability
 * @param duplicates points left out because their series already had them (a retry)
 */
public record IngestResult(int accepted, int skipped, List<StoredPoint> anomalies,
    int duplicates) {}
