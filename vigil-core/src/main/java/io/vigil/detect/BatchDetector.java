package io.vigil.detect;

import java.util.List;

/**
 * A detector fitted on a batch of rows that scores one multivariate row at a time.
 *
 * <p>Implementations are immutable once fitted, so scores are deterministic and a detector can
 * be shared between threads.
 */
public interface BatchDetector {

  /** The algorithm's name as it appears in model files, e.g. {@code gaussian}. */
  String algorithm();

  /** The features a row must carry, in the order {@link #score} expects them. */
  List<String> featureNames();

  /**
   * The anomaly score of {@code row}: higher is more anomalous. The scale is the algorithm's
   * own (documented by each implementation); thresholds are chosen on that scale.
   *
   * @param row one finite value per feature, in {@link #featureNames()} order
   * @throws IllegalArgumentException when the row has the wrong length or a non-finite value
   */
  double score(double[] row);

  /**
   * How much each feature adds to the score of {@code row}, one value per feature in {@link
   * #featureNames()} order; larger means the feature deviates more. Used to explain an anomaly
   * and to pick the features to plot.
   */
  double[] contributions(double[] row);
}
