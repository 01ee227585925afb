package io.vigil.server.config;

/**
 * Series the selector matches get this detector.
 *
 * @param match which series
 * @param detector a detector spec
 * @param warmStart whether a new matching series starts from a sibling's history (the series
 *     of the same name with the most labels in common; {@link io.vigil.detect.warm.WarmStart})
 */
public record DetectorRule(SeriesSelector match, String detector, boolean warmStart) {

  /** Without warm start. */
  public DetectorRule(SeriesSelector match, String detector) {
    this(match, detector, false);
  }
}
