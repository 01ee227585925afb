package io.vigil.server.config;

/**
 * Series the selector matches get this detector.
 *
 * @param match which series
 * @param detector a built-in detector name
 */
public record DetectorRule(SeriesSelector match, String detector) {}
