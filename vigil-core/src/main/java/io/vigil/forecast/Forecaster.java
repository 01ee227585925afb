package io.vigil.forecast;

/**
 * Learns a series point by point and forecasts from the last point learnt. Points must come
 * in time order at a roughly regular step; forecasts are made at that step.
 */
public interface Forecaster {
  /** The forecaster's name. */
  String name();

  /** Learns one point. */
  void learn(long timestampMs, double value);

  /** Points learnt so far. */
  long learnt();

  /** The fewest points it needs before {@link #forecast} may be called. */
  int minimumHistory();

  /**
   * The next {@code horizon} steps with intervals of the given coverage.
   *
   * @throws IllegalStateException with "not enough history: need N points" before
   *     {@link #minimumHistory} points
   */
  Forecast forecast(int horizon, double coverage);

  /** Its parameters and everything learnt; {@link Forecasters#restore} continues from it. */
  ForecasterState snapshot();
}
