package io.vigil.detect;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What a streaming row detector concluded about one row of several metrics, judged from the
 * rows before it.
 *
 * @param status whether the row was scored, or skipped and why (the rules of {@link
 *     Assessment.Status})
 * @param score the detector's raw score on its own scale; 0 when not scored
 * @param probability the anomaly probability in [0, 1], calibrated against the detector's own
 *     recent scores; 0 when not scored
 * @param contributions how much each feature adds to the score, in the detector's feature
 *     order; empty when not scored
 */
public record RowAssessment(Assessment.Status status, double score, double probability,
    double[] contributions) {

  private static final double[] NONE = new double[0];

  public RowAssessment {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1], was " + probability);
    }
    contributions = contributions.clone();
  }

  /** The assessment of a row that was not scored. */
  public static RowAssessment unscored(Assessment.Status status) {
    return new RowAssessment(status, 0, 0, NONE);
  }

  @Override
  public double[] contributions() {
    return contributions.clone();
  }

  /** The names of the features in order of contribution, largest first. */
  public List<String> rankedFeatures(List<String> featureNames) {
    if (contributions.length == 0) {
      return List.of();
    }
    return IntStream.range(0, contributions.length).boxed()
        .sorted(Comparator.comparingDouble((Integer j) -> -contributions[j]))
        .map(featureNames::get).toList();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RowAssessment r && r.status == status
        && Double.compare(r.score, score) == 0 && Double.compare(r.probability, probability) == 0
        && Arrays.equals(r.contributions, contributions);
  }

  @Override
  public int hashCode() {
    return 31 * Double.hashCode(score) + Arrays.hashCode(contributions);
  }

  @Override
  public String toString() {
    return "RowAssessment[" + status + ", score " + score + ", p " + probability
        + ", contributions " + Arrays.toString(contributions) + "]";
  }
}
