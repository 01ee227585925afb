package io.vigil.detect;

import java.util.Arrays;
import java.util.Objects;

/**
 * A streaming detector's complete state, compact and versioned: restoring it gives a detector
 * that continues exactly (bit for bit) where the original was.
 *
 * @param algorithm the detector's algorithm name, which picks the reader
 * @param formatVersion the layout of {@code bytes}; a reader refuses versions it does not know
 * @param bytes the state, in the algorithm's binary layout (parameters first)
 */
public record DetectorState(String algorithm, int formatVersion, byte[] bytes) {

  public DetectorState {
    Objects.requireNonNull(algorithm, "algorithm");
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The size of the state in bytes. */
  public int size() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DetectorState s && s.algorithm.equals(algorithm)
        && s.formatVersion == formatVersion && Arrays.equals(s.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(algorithm, formatVersion, Arrays.hashCode(bytes));
  }

  @Override
  public String toString() {
    return "DetectorState[" + algorithm + " v" + formatVersion + ", " + bytes.length + " bytes]";
  }
}
