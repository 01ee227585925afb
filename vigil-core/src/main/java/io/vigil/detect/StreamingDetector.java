package io.vigil.detect;

/**
 * A detector for one metric that judges each new point from the past alone, then learns it.
 *
 * <p>Input rules, the same for every detector (see {@link AbstractStreamingDetector}): a NaN
 * or infinite value is skipped and reported ({@link Assessment.Status#SKIPPED_NOT_FINITE}); a
 * point older than the newest seen is skipped and reported ({@link
 * Assessment.Status#SKIPPED_OUT_OF_ORDER}); a repeated timestamp is a new observation at the
 * same time; a gap is simply a longer step between points (detectors that use time of day read
 * it from the timestamp, so a gap does not shift their season). A skipped point never changes
 * state.
 *
 * <p>Not thread-safe: one detector serves one series from one thread at a time.
 */
public interface StreamingDetector {

  /** The algorithm's name, e.g. {@code windowed-gaussian}. */
  String algorithm();

  /** Judges the point from the past, then learns it. */
  Assessment process(long timestampMs, double value);

  /** The complete state, for checkpoints; the catalogue ({@code io.vigil.detect.catalog.StreamingDetectors.restore}) reverses it. */
  DetectorState snapshot();
}
