package io.vigil.eval.nab;

/**
 * A detector's NAB score under one profile.
 *
 * @param profile the weights
 * @param threshold the global score threshold that maximised the raw score (1.1: detect
 *     nothing)
 * @param raw the corpus score S(θ)
 * @param normalized 100·(S − S_null)/(S_perfect − S_null): 0 detects nothing, 100 is perfect
 * @param windowsDetected windows with at least one detection
 * @param windows windows in the corpus
 * @param falsePositiveRows detected rows outside every window
 */
public record NabScore(NabProfile profile, double threshold, double raw, double normalized,
    int windowsDetected, int windows, long falsePositiveRows) {}
