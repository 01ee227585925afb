package io.vigil.detect;

import io.vigil.detect.gaussian.WindowedGaussian;
import io.vigil.detect.ensemble.CalibratedEnsemble;
import io.vigil.detect.post.DeviationFilter;
import io.vigil.detect.post.RepeatSuppression;
import io.vigil.detect.post.SustainedSurprise;
import io.vigil.detect.rarity.RarityDetector;
import io.vigil.detect.rcf.OpenSearchRcf;
import io.vigil.detect.rcf.RandomCutForestDetector;
import io.vigil.detect.seasonal.SeasonalDetector;
import io.vigil.detect.robust.RobustEwma;
import io.vigil.feature.StreamingTransform;
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

  /** The name of Vigil's default detector. */
  public static final String DEFAULT = "default";
  /** How long repeat alerts are suppressed by default. */
  static final long DEFAULT_SUPPRESSION_MS = 12 * 3600_000L;
  /** How many points a sustained surprise spans by default. */
  static final int DEFAULT_SUSTAINED_WINDOW = 30;

  /** create is null for wrappers that exist only inside a restored pipeline. */
  private record Entry(Supplier<AbstractStreamingDetector> create, int version, Reader reader) {}

  private static final Map<String, Entry> BUILT_IN = new LinkedHashMap<>();

  static {
    // The default pipeline snapshots under its outermost wrapper's name (suppress-repeats);
    // this entry names what create() builds, its reader mirrors that wrapper's.
    BUILT_IN.put(DEFAULT, new Entry(StreamingDetectors::defaultDetector,
        RepeatSuppression.STATE_VERSION, RepeatSuppression::read));
    BUILT_IN.put(RarityDetector.ALGORITHM,
        new Entry(RarityDetector::new, RarityDetector.STATE_VERSION, RarityDetector::read));
    for (SeasonalDetector.Kind kind : SeasonalDetector.Kind.values()) {
      BUILT_IN.put(kind.algorithm(), new Entry(() -> new SeasonalDetector(kind),
          SeasonalDetector.STATE_VERSION, in -> SeasonalDetector.read(kind, in)));
    }
    BUILT_IN.put(RandomCutForestDetector.ALGORITHM, new Entry(RandomCutForestDetector::new,
        RandomCutForestDetector.STATE_VERSION, RandomCutForestDetector::read));
    BUILT_IN.put(OpenSearchRcf.ALGORITHM, new Entry(OpenSearchRcf::new,
        OpenSearchRcf.STATE_VERSION, OpenSearchRcf::read));
    BUILT_IN.put(WindowedGaussian.ALGORITHM,
        new Entry(() -> new WindowedGaussian(240), WindowedGaussian.STATE_VERSION,
            WindowedGaussian::read));
    BUILT_IN.put(RobustEwma.ALGORITHM,
        new Entry(() -> new RobustEwma(0.02), RobustEwma.STATE_VERSION, RobustEwma::read));
    BUILT_IN.put(TransformedDetector.ALGORITHM, new Entry(
        () -> new TransformedDetector(StreamingTransform.parse("difference"), new RobustEwma(0.02)),
        TransformedDetector.STATE_VERSION, TransformedDetector::read));
    BUILT_IN.put(CalibratedEnsemble.ALGORITHM, new Entry(StreamingDetectors::defaultEnsemble,
        CalibratedEnsemble.STATE_VERSION, CalibratedEnsemble::read));
    BUILT_IN.put(RepeatSuppression.ALGORITHM,
        new Entry(null, RepeatSuppression.STATE_VERSION, RepeatSuppression::read));
    BUILT_IN.put(DeviationFilter.ALGORITHM,
        new Entry(null, DeviationFilter.STATE_VERSION, DeviationFilter::read));
    BUILT_IN.put(SustainedSurprise.ALGORITHM,
        new Entry(null, SustainedSurprise.STATE_VERSION, SustainedSurprise::read));
  }

  private StreamingDetectors() {}

  /**
   * Vigil's default detector: the {@linkplain #defaultEnsemble default ensemble}, combined
   * with the rarity of a sustained run of surprising points, repeats within 12 hours
   * suppressed.
   */
  static AbstractStreamingDetector defaultDetector() {
    return new RepeatSuppression(
        new SustainedSurprise(defaultEnsemble(), DEFAULT_SUSTAINED_WINDOW),
        DEFAULT_SUPPRESSION_MS);
  }

  /**
   * The calibrated ensemble of value rarity (by hour of day) and the seasonal profile: one
   * asks "has this series ever looked like this at this hour", the other "is this far from
   * what this phase of the cycle usually is".
   */
  static AbstractStreamingDetector defaultEnsemble() {
    return new CalibratedEnsemble(List.of(new RarityDetector(),
        new SeasonalDetector(SeasonalDetector.Kind.PROFILE)));
  }

  /** The names of the detectors {@link #create} makes, the default first. */
  public static List<String> names() {
    return BUILT_IN.entrySet().stream().filter(e -> e.getValue().create() != null)
        .map(Map.Entry::getKey).toList();
  }

  /**
   * A new detector with default parameters.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static StreamingDetector create(String algorithm) {
    Entry e = entry(algorithm);
    if (e.create() == null) {
      throw new IllegalArgumentException("'" + algorithm + "' wraps another detector and is"
          + " not created on its own: use one of " + String.join(", ", names()));
    }
    return e.create().get();
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

  /** Writes a (nested) snapshot: algorithm, version, length, bytes. */
  public static void write(DetectorState state, java.io.DataOutput out) throws IOException {
    out.writeUTF(state.algorithm());
    out.writeInt(state.formatVersion());
    byte[] bytes = state.bytes();
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  /** Reads what {@link #write} wrote. */
  public static DetectorState read(DataInput in) throws IOException {
    String algorithm = in.readUTF();
    int version = in.readInt();
    int length = in.readInt();
    if (length < 0 || length > 64 << 20) {
      throw new IOException("a nested state of " + length + " bytes");
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new DetectorState(algorithm, version, bytes);
  }

  private static Entry entry(String algorithm) {
    Entry e = BUILT_IN.get(algorithm);
    if (e == null) {
      throw new IllegalArgumentException("unknown detector '" + algorithm + "': use one of "
          + String.join(", ", names()));
    }
    return e;
  }
}
