package io.vigil.server.engine;

import io.vigil.detect.Assessment;
import io.vigil.server.registry.ModelVersion;
import java.util.List;

/**
 * A candidate in shadow: its counts so far.
 *
 * @param version the candidate
 * @param points scored points since it went into shadow
 * @param alerts of them, how many reached its threshold
 * @param alertSeqs which (the first 100,000)
 * @param last what it said of the latest point (null: nothing yet)
 */
public record ShadowView(ModelVersion version, long points, long alerts, List<Long> alertSeqs,
    Assessment last) {}
