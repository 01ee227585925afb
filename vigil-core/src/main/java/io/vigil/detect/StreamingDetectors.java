package io.vigil.detect;

import io.vigil.detect.gaussian.WindowedGaussian;
import io.vigil.detect.robust.RobustEwma;
import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The built-in streaming detectors by name: new ones with default parameters, and restored
 * ones from snapshots.
 */
public final class StreamingDetectors {

  /** Reads a detector's parameters and state from a snapshot. */
  @FunctionalInterface
  interface Reader {
    AbstractStreamingDetector read(DataInput in) throws IOException;
  }

  private record Entry(Supplier<AbstractStreamingDetector> create, int version, Reader reader) {}

  private static final Map<String, Entry> BUILT_IN = new LinkedHashMap<>();

  static {
    BUILT_IN.put(WindowedGaussian.ALGORITHM,
        new Entry(() -> new WindowedGaussian(240), 1, WindowedGaussian::read));
    BUILT_IN.put(RobustEwma.ALGORITHM,
        new Entry(() -> new RobustEwma(0.02), 1, RobustEwma::read));
  }

  private StreamingDetectors() {}

  /** The names of the built-in detectors. */
  public static List<String> names() {
    return List.copyOf(BUILT_IN.keySet());
  }

  /**
   * A new detector with default parameters.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static StreamingDetector create(String algorithm) {
    return entry(algorithm).create().get();
  }

  /**
   * The detector a snapshot describes, continuing exactly where the original was.
   *
   * @throws IllegalArgumentException when the algorithm or version is unknown or the bytes are
   *     damaged
   */
  public static StreamingDetector restore(DetectorState state) {
    Entry e = entry(state.algorithm());
    if (state.formatVersion() != e.version()) {
      throw new IllegalArgumentException(state.algorithm() + " state version "
          + state.formatVersion() + " is not one this Vigil reads (" + e.version() + ")");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state.bytes()))) {
      var counters = AbstractStreamingDetector.Counters.read(in);
      AbstractStreamingDetector d = e.reader().read(in);
      if (in.available() != 0) {
        throw new IllegalArgumentException(state.algorithm() + " state has " + in.available()
            + " bytes too many: damaged");
      }
      d.restoreCounters(counters);
      return d;
    } catch (IOException ex) {
      throw new IllegalArgumentException(state.algorithm() + " state is truncated or damaged",
          ex);
    }
  }

  private static Entry entry(String algorithm) {
    Entry e = BUILT_IN.get(algorithm);
    if (e == null) {
      throw new IllegalArgumentException("unknown detector '" + algorithm + "': use one of "
          + String.join(", ", BUILT_IN.keySet()));
    }
    return e;
  }
}
