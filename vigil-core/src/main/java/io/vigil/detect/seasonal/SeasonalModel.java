package io.vigil.detect.seasonal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** A one-step forecaster for one candidate period, updated with clipped residuals. */
interface SeasonalModel {
  /** Starts from the mean of the warm-up points. */
  void start(double level);

  /** The value expected at {@code timestampMs}. */
  double forecast(long timestampMs);

  /**
   * Learns the point at {@code timestampMs}.
   *
   * @param value the value seen
   * @param clippedResidual value − forecast, clipped to a few robust σ so one wild point
   *     moves the model little
   */
  void update(long timestampMs, double value, double clippedResidual);

  /** Writes the state; phase offsets as floats, unvisited phases left out. */
  void write(DataOutput out) throws IOException;

  /**
   * Reads what {@link #write} wrote in the detector's layout {@code version}: 1 (release
   * 0.1.0) wrote every phase as a flag and a double.
   */
  void read(DataInput in, int version) throws IOException;
}
