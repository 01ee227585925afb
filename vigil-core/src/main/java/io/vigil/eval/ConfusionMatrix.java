package io.vigil.eval;

/**
 * Counts of a binary detector's decisions against 0/1 labels, where 1 (anomaly) is the
 * positive class.
 *
 * @param truePositives anomalies that were flagged
 * @param falsePositives normal rows that were flagged (false alarms)
 * @param falseNegatives anomalies that were missed
 * @param trueNegatives normal rows that were not flagged
 */
public record ConfusionMatrix(
    long truePositives, long falsePositives, long falseNegatives, long trueNegatives) {

  public ConfusionMatrix {
    if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0 || trueNegatives < 0) {
      throw new IllegalArgumentException("counts cannot be negative");
    }
  }

  /**
   * Compares flags with labels.
   *
   * @param flagged whether each row was flagged as anomalous
   * @param labels 1 for a labelled anomaly, 0 for normal, one per row
   */
  public static ConfusionMatrix of(boolean[] flagged, int[] labels) {
    if (flagged.length != labels.length) {
      throw new IllegalArgumentException(
          flagged.length + " flags but " + labels.length + " labels");
    }
    long tp = 0;
    long fp = 0;
    long fn = 0;
    long tn = 0;
    for (int i = 0; i < flagged.length; i++) {
      boolean anomaly = labels[i] == 1;
      if (flagged[i]) {
        if (anomaly) {
          tp++;
        } else {
          fp++;
        }
      } else if (anomaly) {
        fn++;
      } else {
        tn++;
      }
    }
    return new ConfusionMatrix(tp, fp, fn, tn);
  }

  /** Rows counted. */
  public long total() {
    return truePositives + falsePositives + falseNegatives + trueNegatives;
  }

  /** Rows flagged. */
  public long flagged() {
    return truePositives + falsePositives;
  }

  /** Fraction of flags that are real anomalies: TP/(TP+FP); 0 when nothing was flagged. */
  public double precision() {
    return flagged() == 0 ? 0.0 : (double) truePositives / flagged();
  }

  /** Fraction of anomalies flagged: TP/(TP+FN); 0 when there are no anomalies. */
  public double recall() {
    long positives = truePositives + falseNegatives;
    return positives == 0 ? 0.0 : (double) truePositives / positives;
  }

  /**
   * Harmonic mean of precision and recall, 2TP/(2TP+FP+FN); 0 when nothing was found (no true
   * positive), where the ratio form would be 0/0.
   */
  public double f1() {
    return truePositives == 0
        ? 0.0
        : 2.0 * truePositives / (2.0 * truePositives + falsePositives + falseNegatives);
  }
}
