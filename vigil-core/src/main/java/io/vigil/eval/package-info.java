/**
 * Measuring detectors against labels: confusion counts, precision, recall, F1 and the area
 * under the precision-recall curve.
 */
package io.vigil.eval;
