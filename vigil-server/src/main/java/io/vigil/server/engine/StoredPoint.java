package io.vigil.server.engine;

import io.vigil.detect.Assessment;

/**
 * A point as sent, with what its series' detector concluded.
 *
 * @param seriesId the series
 * @param seq the point's number within its series, in arrival order from 0
 * @param timestampMs the point's own timestamp
 * @param value the value sent
 * @param assessment the detector's conclusion
 */
public record StoredPoint(long seriesId, long seq, long timestampMs, double value,
    Assessment assessment) {}
