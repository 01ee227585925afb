/**
 * Choosing the score above which a row is an anomaly: by F1 on labelled validation data, or
 * by an expected contamination rate when there are no labels.
 */
package io.vigil.threshold;
