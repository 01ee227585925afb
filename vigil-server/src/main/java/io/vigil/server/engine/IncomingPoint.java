package io.vigil.server.engine;

import io.vigil.series.SeriesKey;

/**
 * A validated point on its way in.
 *
 * @param key its series
 * @param timestampMs its timestamp, epoch milliseconds
 * @param value a finite value
 */
public record IncomingPoint(SeriesKey key, long timestampMs, double value) {
  public IncomingPoint {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite, was " + value);
    }
  }
}
