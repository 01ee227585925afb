package io.vigil.server.model;

import io.vigil.model.series.TrainingReport;
import io.vigil.server.registry.ModelVersion;

/**
 * What training one series produced.
 *
 * @param version the registered version (the best candidate)
 * @param report every candidate's figures; null for a job rebuilt from the job log (the
 *     version keeps them as its validation report)
 * @param championCandidate the index in the report of the candidate with the champion's spec,
 *     -1 when the series had no champion
 * @param promoted whether it was promoted automatically (it beat the champion's spec on the
 *     report's metric and automatic promotion is on)
 */
public record TrainingOutcome(ModelVersion version, TrainingReport report,
    int championCandidate, boolean promoted) {}
