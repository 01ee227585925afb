package io.vigil.detect;

import java.io.DataInput;
import java.io.IOException;

/**
 * Reads one layout version of a detector's state (after the counters every snapshot starts
 * with). A detector that wraps others restores them through {@code nested}, so detector
 * packages need not know each other.
 */
@FunctionalInterface
public interface StateReader {
  AbstractStreamingDetector read(DataInput in, StateRestorer nested) throws IOException;

  /** Restores a nested detector from its state, whatever its algorithm. */
  @FunctionalInterface
  interface StateRestorer {
    AbstractStreamingDetector restore(DetectorState state);
  }
}
