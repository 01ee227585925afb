package io.vigil.server.registry;

import io.vigil.detect.DetectorState;

/**
 * A series' detector state after point {@code seq}.
 *
 * @param seriesId the series
 * @param seq the last point the state has learnt
 * @param state the snapshot
 */
public record Checkpoint(long seriesId, long seq, DetectorState state) {}
