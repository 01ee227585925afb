package io.vigil.detect;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Everything Vigil knows about one streaming algorithm, in one place: its name, what it asks,
 * its parameters with their ranges and defaults, how to make one, and how to read each layout
 * of its state it has ever written. The catalogue of detectors and detector specs are built
 * from these, so a new detector is its package plus one line in the catalogue.
 *
 * @param name the algorithm name specs and snapshots use
 * @param summary what it asks of a point, one line
 * @param parameters its parameters; empty when it has none
 * @param factory makes one from resolved parameters (every parameter present); null for a
 *     wrapper that only exists inside a restored pipeline
 * @param stateVersion the layout it writes now
 * @param readers the layouts it reads, by version: the current one and every earlier one
 */
public record DetectorDescriptor(String name, String summary, List<DetectorParameter> parameters,
    Function<Map<String, Double>, AbstractStreamingDetector> factory, int stateVersion,
    Map<Integer, StateReader> readers) {

  public DetectorDescriptor {
    parameters = List.copyOf(parameters);
    readers = Map.copyOf(new TreeMap<>(readers));
    if (!readers.containsKey(stateVersion)) {
      throw new IllegalArgumentException(name + " cannot read the state version it writes");
    }
  }

  /** A detector without parameters that has only ever written one layout. */
  public static DetectorDescriptor simple(String name, String summary,
      java.util.function.Supplier<AbstractStreamingDetector> create, int version,
      StateReader reader) {
    return new DetectorDescriptor(name, summary, List.of(), p -> create.get(), version,
        Map.of(version, reader));
  }

  /** A wrapper: read from snapshots only, never created on its own. */
  public static DetectorDescriptor wrapper(String name, String summary, int version,
      StateReader reader) {
    return new DetectorDescriptor(name, summary, List.of(), null, version,
        Map.of(version, reader));
  }

  /** Whether {@link #factory} can make one. */
  public boolean creatable() {
    return factory != null;
  }
}
