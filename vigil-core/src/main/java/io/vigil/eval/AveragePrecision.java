package io.vigil.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The area under the precision-recall curve as average precision: {@code Σ (Rₖ − Rₖ₋₁)·Pₖ}
 * over the distinct score thresholds from the highest down, the step-wise sum that
 * scikit-learn's {@code average_precision_score} computes. Rows with equal scores enter
 * together, so the result does not depend on their order. It is preferred to a trapezoidal
 * area, which interpolates precision linearly and over-states it.
 *
 * <p>Unlike ROC-AUC it ignores true negatives, so the many normal rows of a metric cannot
 * make a poor detector look good; a detector that ranks at random scores about the anomaly
 * rate.
 */
public final class AveragePrecision {

  private AveragePrecision() {}

  /**
   * @param scores one anomaly score per row, higher meaning more anomalous; finite
   * @param labels 1 for a labelled anomaly, 0 for normal
   * @throws IllegalArgumentException when there is no row labelled 1 (the curve is undefined),
   *     the lengths differ, or a score is not finite
   */
  public static double of(double[] scores, int[] labels) {
    if (scores.length != labels.length) {
      throw new IllegalArgumentException(scores.length + " scores but " + labels.length
          + " labels");
    }
    long positives = Arrays.stream(labels).filter(l -> l == 1).count();
    if (positives == 0) {
      throw new IllegalArgumentException("average precision needs at least one row labelled 1");
    }
    for (double s : scores) {
      if (!Double.isFinite(s)) {
        throw new IllegalArgumentException("scores must be finite, found " + s);
      }
    }
    Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
    double area = 0;
    double previousRecall = 0;
    long tp = 0;
    long fp = 0;
    int i = 0;
    while (i < order.length) {
      double score = scores[order[i]];
      while (i < order.length && scores[order[i]] == score) {
        if (labels[order[i]] == 1) {
          tp++;
        } else {
          fp++;
        }
        i++;
      }
      double recall = (double) tp / positives;
      area += (recall - previousRecall) * tp / (tp + fp);
      previousRecall = recall;
    }
    return area;
  }
}
