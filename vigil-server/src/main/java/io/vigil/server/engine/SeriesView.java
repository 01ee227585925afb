package io.vigil.server.engine;

import io.vigil.detect.Assessment;
import io.vigil.server.registry.ModelVersion;

/**
 * A series as the engine sees it now.
 *
 * @param info the stored series
 * @param points points stored so far
 * @param lastTimestampMs the newest learnt point's timestamp (Long.MIN_VALUE: none yet)
 * @param lastValue its value
 * @param last what the detector said of it (null: none yet)
 * @param champion the model version judging it, or null for its configured detector
 */
public record SeriesView(SeriesInfo info, long points, long lastTimestampMs, double lastValue,
    Assessment last, ModelVersion champion) {}
