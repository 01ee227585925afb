package io.vigil.threshold;

/**
 * A threshold for data without labels: the cut that flags a given fraction of the training
 * rows, the "contamination" a user expects in their history (as scikit-learn's outlier
 * detectors call it).
 */
public final class ContaminationThreshold {

  private ContaminationThreshold() {}

  /**
   * The threshold that flags {@code floor(fraction·n)} of {@code scores} (fewer when scores tie
   * at the cut, since a tie is flagged together or not at all).
   *
   * @param scores training scores, higher is more anomalous
   * @param fraction in (0, 0.5]
   * @param labels labels to report the choice against, or null
   */
  public static ThresholdChoice choose(double[] scores, double fraction, int[] labels) {
    if (!(fraction > 0 && fraction <= 0.5)) {
      throw new IllegalArgumentException(
          "contamination must be a fraction in (0, 0.5], was " + fraction);
    }
    RankedScores ranked = new RankedScores(scores, labels);
    int k = (int) Math.floor(fraction * ranked.size());
    double threshold;
    if (k == 0) {
      threshold = ranked.highest(); // nothing in training is flagged; only a more extreme row
    } else if (k == ranked.size()) {
      threshold = Math.nextDown(ranked.lowest());
    } else {
      threshold = F1ThresholdSearch.cutBetween(ranked.get(k - 1), ranked.get(k));
    }
    return new ThresholdChoice(ThresholdMethod.CONTAMINATION, threshold, null, fraction,
        labels == null ? null : ranked.confusion(ranked.countAbove(threshold)));
  }
}
