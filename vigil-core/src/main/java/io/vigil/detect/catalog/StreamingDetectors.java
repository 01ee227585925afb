package io.vigil.detect.catalog;

import io.vigil.detect.AbstractStreamingDetector;
import io.vigil.detect.DetectorDescriptor;
import io.vigil.detect.DetectorParameter;
import io.vigil.detect.DetectorState;
import io.vigil.detect.NestedStates;
import io.vigil.detect.StateReader;
import io.vigil.detect.StreamingDetector;
import io.vigil.detect.ensemble.CalibratedEnsemble;
import io.vigil.detect.gaussian.WindowedGaussian;
import io.vigil.detect.post.DeviationFilter;
import io.vigil.detect.post.RepeatSuppression;
import io.vigil.detect.post.SustainedSurprise;
import io.vigil.detect.rarity.RarityDetector;
import io.vigil.detect.rcf.OpenSearchRcf;
import io.vigil.detect.rcf.RandomCutForestDetector;
import io.vigil.detect.robust.RobustEwma;
import io.vigil.detect.seasonal.SeasonalDetector;
import io.vigil.detect.transform.TransformedDetector;
import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The built-in streaming detectors by name, from their {@link DetectorDescriptor}s: new ones
 * with default parameters, and restored ones from snapshots of any layout their descriptor
 * reads.
 */
public final class StreamingDetectors {

  /** The name of Vigil's default detector. */
  public static final String DEFAULT = "default";
  /** How long repeat alerts are suppressed by default. */
  static final double DEFAULT_SUPPRESSION_HOURS = 12;
  /**
   * How many points a sustained surprise spans by default: none. It was 30 (release 0.1.0,
   * chosen on NAB); left out since it lowered every corpus it was not chosen on but one
   * (README: leave-one-corpus-out).
   */
  static final int DEFAULT_SUSTAINED_WINDOW = 0;
  /**
   * A repeat within the suppression period passes when its deviation is this many times the
   * largest passed (see {@link RepeatSuppression}). Chosen by leave-one-corpus-out over 1 to 5:
   * 1.5 is best on the other four corpora in four folds of five (README).
   */
  static final double DEFAULT_ESCALATION = 1.5;

  /**
   * Every algorithm by name, the built-ins first in the order listed below, then plug-ins'.
   * Replaced whole when a plug-in registers, so readers never see a half-made map.
   */
  private static volatile Map<String, DetectorDescriptor> catalogue = new LinkedHashMap<>();

  static {
    add(defaultDescriptor());
    add(RarityDetector.DESCRIPTOR);
    for (SeasonalDetector.Kind kind : SeasonalDetector.Kind.values()) {
      add(SeasonalDetector.descriptor(kind));
    }
    add(RandomCutForestDetector.DESCRIPTOR);
    add(OpenSearchRcf.DESCRIPTOR);
    add(WindowedGaussian.DESCRIPTOR);
    add(RobustEwma.DESCRIPTOR);
    add(TransformedDetector.DESCRIPTOR);
    add(new DetectorDescriptor(CalibratedEnsemble.ALGORITHM,
        "the calibrated ensemble of rarity and seasonal: the smaller tail, Bonferroni-corrected",
        List.of(), p -> defaultEnsemble(), CalibratedEnsemble.STATE_VERSION,
        CalibratedEnsemble.READERS));
    add(RepeatSuppression.DESCRIPTOR);
    add(DeviationFilter.DESCRIPTOR);
    add(SustainedSurprise.DESCRIPTOR);
  }

  private StreamingDetectors() {}

  private static void add(DetectorDescriptor d) {
    if (catalogue.putIfAbsent(d.name(), d) != null) {
      throw new IllegalStateException("two detectors named " + d.name());
    }
  }

  /**
   * Adds a plug-in's algorithm to the catalogue: from then on specs, training, the service and
   * the benches know it by name, and its checkpoints restore.
   *
   * @throws IllegalArgumentException when the name is taken or not a valid detector name
   */
  public static synchronized void register(DetectorDescriptor d) {
    if (!d.name().matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("a detector name is lower-case letters, digits and"
          + " '-', starting with a letter; '" + d.name() + "' is not");
    }
    if (catalogue.containsKey(d.name())) {
      throw new IllegalArgumentException("a detector named '" + d.name()
          + "' already exists");
    }
    Map<String, DetectorDescriptor> next = new LinkedHashMap<>(catalogue);
    next.put(d.name(), d);
    catalogue = next;
  }

  /**
   * Vigil's default: the {@linkplain #defaultEnsemble default ensemble}, repeats within 12
   * hours suppressed; optionally ({@code sustainedWindow} above 0) combined with the rarity
   * of a sustained run of surprising points. Its snapshots carry the outermost wrapper's name
   * ({@code suppress-repeats}), so its readers are that wrapper's.
   */
  private static DetectorDescriptor defaultDescriptor() {
    return new DetectorDescriptor(DEFAULT,
        "the ensemble below, repeats within 12 h suppressed unless 1.5 times worse",
        List.of(new DetectorParameter("suppressHours", 0, 168, DEFAULT_SUPPRESSION_HOURS, false,
                "repeat alerts within this many hours are suppressed"),
            new DetectorParameter("sustainedWindow", 0, 1000, DEFAULT_SUSTAINED_WINDOW, true,
                "points a sustained surprise spans; below 2, none"),
            new DetectorParameter("escalation", 0, 100, DEFAULT_ESCALATION, false,
                "a repeat alert passes at this many times the period's largest deviation;"
                    + " 0, never")),
        p -> {
          int window = p.get("sustainedWindow").intValue();
          AbstractStreamingDetector ensemble = defaultEnsemble();
          return new RepeatSuppression(window < 2 ? ensemble
              : new SustainedSurprise(ensemble, window),
              Math.round(p.get("suppressHours") * 3_600_000L), p.get("escalation"));
        },
        RepeatSuppression.STATE_VERSION, RepeatSuppression.DESCRIPTOR.readers());
  }

  /**
   * The calibrated ensemble of the seasonal profile and value rarity (by hour of day): one
   * asks "is this far from what this phase of the cycle usually is", the other "has this
   * series ever looked like this at this hour". The expected value and band are the seasonal
   * forecast's, which follows a new level within hours; rarity's value quantiles would show
   * the old level for days.
   */
  static AbstractStreamingDetector defaultEnsemble() {
    return new CalibratedEnsemble(List.of(new SeasonalDetector(SeasonalDetector.Kind.PROFILE),
        new RarityDetector()));
  }

  /** The names of the detectors {@link #create} makes, the default first. */
  public static List<String> names() {
    return catalogue.values().stream().filter(DetectorDescriptor::creatable)
        .map(DetectorDescriptor::name).toList();
  }

  /** Every algorithm's descriptor, wrappers included. */
  public static List<DetectorDescriptor> descriptors() {
    return List.copyOf(catalogue.values());
  }

  /**
   * The descriptor of {@code algorithm}.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static DetectorDescriptor descriptor(String algorithm) {
    DetectorDescriptor d = catalogue.get(algorithm);
    if (d == null) {
      throw new IllegalArgumentException("unknown detector '" + algorithm + "': use one of "
          + String.join(", ", names()));
    }
    return d;
  }

  /**
   * A new detector with default parameters.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static StreamingDetector create(String algorithm) {
    DetectorDescriptor d = descriptor(algorithm);
    if (!d.creatable()) {
      throw new IllegalArgumentException("'" + algorithm + "' wraps another detector and is"
          + " not created on its own: use one of " + String.join(", ", names()));
    }
    return DetectorSpec.of(algorithm).create();
  }

  /**
   * The detector a snapshot describes, continuing exactly where the original was; a snapshot
   * of an earlier layout is read by that layout's reader.
   *
   * @throws IllegalArgumentException when the algorithm or version is unknown or the bytes are
   *     damaged
   */
  public static StreamingDetector restore(DetectorState state) {
    return restoreNested(state);
  }

  private static AbstractStreamingDetector restoreNested(DetectorState state) {
    DetectorDescriptor d = descriptor(state.algorithm());
    StateReader reader = d.readers().get(state.formatVersion());
    if (reader == null) {
      throw new IllegalArgumentException(state.algorithm() + " state version "
          + state.formatVersion() + " is not one this Vigil reads ("
          + d.readers().keySet().stream().sorted().map(String::valueOf)
              .collect(Collectors.joining(", ")) + ")");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state.bytes()))) {
      return AbstractStreamingDetector.restore(in, reader, StreamingDetectors::restoreNested,
          state.algorithm());
    } catch (IOException ex) {
      throw new IllegalArgumentException(state.algorithm() + " state is truncated or damaged",
          ex);
    }
  }

  /** Writes a (nested) snapshot: algorithm, version, length, bytes. */
  public static void write(DetectorState state, DataOutput out) throws IOException {
    NestedStates.write(state, out);
  }

  /** Reads what {@link #write} wrote. */
  public static DetectorState read(DataInput in) throws IOException {
    return NestedStates.read(in);
  }
}
