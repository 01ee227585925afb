/**
 * Seasonal detectors: a forecast from the series' daily, weekly or hourly shape (the period
 * found from the data), and the point's distance from it.
 */
package io.vigil.detect.seasonal;
