package io.vigil.eval;

/**
 * How well a detector's flags and scores match labels: the confusion counts, precision,
 * recall and F1 of the flags, and the threshold-free PR-AUC of the scores.
 *
 * @param rows rows evaluated
 * @param anomalies rows labelled 1
 * @param flagged rows flagged
 * @param truePositives anomalies flagged
 * @param falsePositives normal rows flagged
 * @param falseNegatives anomalies missed
 * @param trueNegatives normal rows not flagged
 * @param precision TP/(TP+FP), 0 when nothing is flagged
 * @param recall TP/(TP+FN), 0 when there are no anomalies
 * @param f1 harmonic mean of precision and recall, 0 without a true positive
 * @param prAuc average precision of the scores ({@link AveragePrecision}); null when no row is
 *     labelled 1, where it is undefined
 */
public record Evaluation(
    long rows,
    long anomalies,
    long flagged,
    long truePositives,
    long falsePositives,
    long falseNegatives,
    long trueNegatives,
    double precision,
    double recall,
    double f1,
    Double prAuc) {

  /**
   * Evaluates scores against labels with the rule "flagged when score &gt; threshold".
   *
   * @param scores one score per row, higher is more anomalous
   * @param labels 1 for an anomaly, 0 for normal, one per row
   */
  public static Evaluation of(double[] scores, int[] labels, double threshold) {
    boolean[] flags = new boolean[scores.length];
    for (int i = 0; i < scores.length; i++) {
      flags[i] = scores[i] > threshold;
    }
    ConfusionMatrix m = ConfusionMatrix.of(flags, labels);
    long anomalies = m.truePositives() + m.falseNegatives();
    return new Evaluation(m.total(), anomalies, m.flagged(), m.truePositives(),
        m.falsePositives(), m.falseNegatives(), m.trueNegatives(), m.precision(), m.recall(),
        m.f1(), anomalies == 0 ? null : AveragePrecision.of(scores, labels));
  }
}
