package io.vigil.threshold;

import io.vigil.eval.ConfusionMatrix;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Scores sorted from most to least anomalous with running counts of labelled anomalies, so the
 * confusion matrix of any threshold costs one binary search instead of a pass over the data.
 */
final class RankedScores {
  /** Scores, highest first. */
  private final double[] descending;
  /** {@code positivesAbove[k]}: rows labelled 1 among the k highest scores. */
  private final long[] positivesAbove;
  private final long positives;

  RankedScores(double[] scores, int[] labels) {
    if (labels != null && labels.length != scores.length) {
      throw new IllegalArgumentException(scores.length + " scores but " + labels.length
          + " labels");
    }
    if (scores.length == 0) {
      throw new IllegalArgumentException("no scores to choose a threshold from");
    }
    Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
    descending = new double[scores.length];
    positivesAbove = new long[scores.length + 1];
    for (int k = 0; k < order.length; k++) {
      double s = scores[order[k]];
      if (!Double.isFinite(s)) {
        throw new IllegalArgumentException("scores must be finite, found " + s);
      }
      descending[k] = s;
      positivesAbove[k + 1] = positivesAbove[k] + (labels != null && labels[order[k]] == 1 ? 1 : 0);
    }
    positives = positivesAbove[scores.length];
  }

  int size() {
    return descending.length;
  }

  long positives() {
    return positives;
  }

  double highest() {
    return descending[0];
  }

  double lowest() {
    return descending[descending.length - 1];
  }

  /** The k-th highest score, 0-based. */
  double get(int k) {
    return descending[k];
  }

  /** How many scores are strictly above {@code threshold}. */
  int countAbove(double threshold) {
    int lo = 0;
    int hi = descending.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (descending[mid] > threshold) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The confusion matrix when the {@code flagged} highest scores are flagged. */
  ConfusionMatrix confusion(int flagged) {
    long tp = positivesAbove[flagged];
    long fp = flagged - tp;
    long fn = positives - tp;
    long tn = descending.length - flagged - fn;
    return new ConfusionMatrix(tp, fp, fn, tn);
  }
}
