package io.vigil.detect;

import io.vigil.feature.Standardisation;
import java.util.List;

/**
 * What every batch detector holds alike: its algorithm name, its feature names, and the check
 * that a row to score has one finite value per feature.
 */
public abstract class AbstractBatchDetector implements BatchDetector {
  private final String algorithm;
  private final List<String> featureNames;

  protected AbstractBatchDetector(String algorithm, List<String> featureNames) {
    this.algorithm = algorithm;
    this.featureNames = List.copyOf(featureNames);
  }

  @Override
  public final String algorithm() {
    return algorithm;
  }

  @Override
  public final List<String> featureNames() {
    return featureNames;
  }

  /**
   * @throws IllegalArgumentException naming the features when {@code row} has the wrong length,
   *     or the feature whose value is not finite
   */
  protected final void checkRow(double[] row) {
    Standardisation.checkRow(row, featureNames);
  }

  /** The sum of {@link #contributions}: the score of a detector whose terms are per feature. */
  protected final double sumOfContributions(double[] row) {
    double sum = 0;
    for (double c : contributions(row)) {
      sum += c;
    }
    return sum;
  }
}
