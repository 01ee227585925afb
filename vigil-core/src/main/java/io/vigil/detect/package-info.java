/**
 * Detectors: models that give each observation an anomaly score, higher meaning more
 * anomalous. Algorithm families live in sub-packages ({@code gaussian}, ...).
 */
package io.vigil.detect;
