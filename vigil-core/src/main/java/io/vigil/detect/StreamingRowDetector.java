package io.vigil.detect;

import java.util.List;

/**
 * A detector over rows of several metrics of one entity (a host's CPU, latency, errors, ...)
 * that judges each new row from the past alone, then learns it: the streaming counterpart of
 * {@link BatchDetector}. The input rules are those of {@link StreamingDetector}: a row with a
 * NaN or infinite value, or older than the newest seen, is skipped and reported and never
 * changes state.
 *
 * <p>Not thread-safe: one detector serves one entity from one thread at a time.
 */
public interface StreamingRowDetector {

  /** The algorithm's name, e.g. {@code streaming-gaussian}. */
  String algorithm();

  /** The features a row must carry, in order. */
  List<String> featureNames();

  /**
   * Judges {@code row} from the past, then learns it.
   *
   * @throws IllegalArgumentException when the row does not have one value per feature
   */
  RowAssessment process(long timestampMs, double[] row);

  /** The complete state, for checkpoints. */
  DetectorState snapshot();
}
