package io.vigil.model;

/**
 * Where a model came from.
 *
 * @param trainingData the data the detector was fitted on
 * @param validationData the labelled data the threshold was chosen on; null without one
 * @param trainedAt when training finished, ISO-8601 UTC
 * @param vigilVersion the Vigil version that trained it
 * @param javaVersion the Java runtime that trained it
 */
public record Provenance(
    DataFingerprint trainingData,
    DataFingerprint validationData,
    String trainedAt,
    String vigilVersion,
    String javaVersion) {}
