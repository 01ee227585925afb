/**
 * Relationships between the series of one entity: lagged and rolling correlation (which series
 * leads which), and the ranking of the probable origin when several go anomalous together.
 */
package io.vigil.correlate;
