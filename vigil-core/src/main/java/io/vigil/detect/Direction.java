package io.vigil.detect;

/** Which way a point deviates from what was expected. */
public enum Direction {
  /** Within the expected band, or no expectation yet. */
  NONE,
  /** Above the expected value. */
  SPIKE,
  /** Below the expected value. */
  DIP;

  /** The direction of {@code value} against {@code expected}, NONE when equal or unknown. */
  public static Direction of(double value, double expected) {
    if (!(value != expected) || Double.isNaN(expected)) {
      return NONE;
    }
    return value > expected ? SPIKE : DIP;
  }
}
