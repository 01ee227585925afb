package io.vigil.server.engine;

import io.vigil.server.registry.ModelVersion;

/**
 * A series' champion model as monitoring sees it, over its most recent scored points.
 *
 * @param seriesId the series
 * @param version the champion
 * @param points recent scored points (up to 2,000)
 * @param alerts of them, how many reached the model's threshold
 * @param spread their probabilities in the bins of {@link
 *     io.vigil.model.series.ProbabilityHistogram}
 * @param lastArrivalMs when the series' latest point arrived (server clock; the load time
 *     after a restart)
 * @param lastTimestampMs the latest point's own timestamp (Long.MIN_VALUE: none)
 */
public record ModelMonitor(long seriesId, ModelVersion version, int points, int alerts,
    long[] spread, long lastArrivalMs, long lastTimestampMs) {}
