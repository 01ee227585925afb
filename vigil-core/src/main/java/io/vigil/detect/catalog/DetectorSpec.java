package io.vigil.detect.catalog;

import io.vigil.detect.AbstractStreamingDetector;
import io.vigil.detect.DetectorDescriptor;
import io.vigil.detect.DetectorParameter;
import io.vigil.detect.StreamingDetector;
import io.vigil.detect.transform.TransformedDetector;
import io.vigil.feature.StreamingTransform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A streaming detector as a model names it: an algorithm, its parameters, and the features
 * it reads instead of the raw value. The same spec builds the same detector in training and
 * live, so a feature is computed identically in both.
 *
 * <p>Parameters are those of the algorithm's {@link DetectorDescriptor} (see
 * {@link StreamingDetectors#descriptors()}), with their ranges and defaults.
 * Features, applied in order, are those {@link StreamingTransform#parse} names: changes
 * ({@code difference}, {@code rate}, {@code counter-rate}), rolling statistics ({@code mean-K},
 * {@code std-K}) and departures from the hour's usual value ({@code time-of-day},
 * {@code time-of-week}).
 *
 * @param algorithm one of {@link StreamingDetectors#names()}
 * @param parameters the algorithm's parameters; missing ones take their defaults
 * @param features derived inputs, applied in order; empty for the raw value
 */
public record DetectorSpec(String algorithm, Map<String, Double> parameters,
    List<String> features) {

  /**
   * Checks everything and fills in the defaults.
   *
   * @throws IllegalArgumentException naming the unknown algorithm, parameter or feature, or
   *     the parameter out of range, with what is allowed
   */
  public DetectorSpec {
    if (!StreamingDetectors.names().contains(algorithm)) {
      throw new IllegalArgumentException("unknown algorithm '" + algorithm + "': use one of "
          + String.join(", ", StreamingDetectors.names()));
    }
    Map<String, DetectorParameter> known = new TreeMap<>();
    StreamingDetectors.descriptor(algorithm).parameters().forEach(p -> known.put(p.name(), p));
    Map<String, Double> resolved = new TreeMap<>();
    known.forEach((name, p) -> resolved.put(name, p.byDefault()));
    for (Map.Entry<String, Double> e : parameters.entrySet()) {
      DetectorParameter p = known.get(e.getKey());
      if (p == null) {
        throw new IllegalArgumentException(algorithm + " has no parameter '" + e.getKey()
            + "'" + (known.isEmpty() ? "; it takes none"
                : "; its parameters: " + String.join(", ", known.keySet())));
      }
      double v = e.getValue();
      if (!(v >= p.min() && v <= p.max()) || (p.integer() && v != Math.rint(v))) {
        throw new IllegalArgumentException(algorithm + " parameter " + e.getKey() + " must be "
            + (p.integer() ? "a whole number " : "") + "from " + fmt(p.min()) + " to "
            + fmt(p.max()) + ", was " + fmt(v));
      }
      resolved.put(e.getKey(), v);
    }
    parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(resolved));
    features = List.copyOf(features);
    for (String f : features) {
      StreamingTransform.parse(f); // validates
    }
  }

  /** The algorithm with its default parameters on the raw value. */
  public static DetectorSpec of(String algorithm) {
    return new DetectorSpec(algorithm, Map.of(), List.of());
  }

  /**
   * A spec from its text form, {@code algorithm[:name=value,...][+feature...]}, for example
   * {@code robust-ewma:alpha=0.05+difference} or {@code windowed-gaussian:window=500}.
   *
   * @throws IllegalArgumentException naming what is wrong in the text
   */
  public static DetectorSpec parse(String text) {
    String[] parts = text.strip().split("\\+", -1);
    String head = parts[0];
    int colon = head.indexOf(':');
    String algorithm = colon < 0 ? head : head.substring(0, colon);
    Map<String, Double> parameters = new LinkedHashMap<>();
    if (colon >= 0) {
      for (String assignment : head.substring(colon + 1).split(",", -1)) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("'" + text + "': parameter '" + assignment
              + "' must be name=value");
        }
        String name = assignment.substring(0, eq).strip();
        String value = assignment.substring(eq + 1).strip();
        try {
          parameters.put(name, Double.parseDouble(value));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("'" + text + "': parameter " + name
              + " must be a number, was '" + value + "'");
        }
      }
    }
    List<String> features = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      features.add(parts[i].strip());
    }
    return new DetectorSpec(algorithm.strip(), parameters, features);
  }

  /** The text form {@link #parse} reads, every parameter written out. */
  public String text() {
    StringBuilder b = new StringBuilder(algorithm);
    String sep = ":";
    for (Map.Entry<String, Double> e : parameters.entrySet()) {
      b.append(sep).append(e.getKey()).append('=').append(fmt(e.getValue()));
      sep = ",";
    }
    features.forEach(f -> b.append('+').append(f));
    return b.toString();
  }

  /** A new detector of this spec, as yet untrained. */
  public StreamingDetector create() {
    AbstractStreamingDetector d =
        StreamingDetectors.descriptor(algorithm).factory().apply(parameters);
    List<String> reversed = new ArrayList<>(features);
    java.util.Collections.reverse(reversed);
    for (String f : reversed) {
      d = new TransformedDetector(StreamingTransform.parse(f), d);
    }
    return d;
  }

  private static String fmt(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
