package io.vigil.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Threshold-free figures of an anomaly score against 0/1 labels in time order: ROC-AUC, the
 * best point-wise F1 and the best event-level F1 over every threshold. Average precision
 * (PR-AUC) is {@link AveragePrecision}.
 *
 * <p>Event-level F1 is the composite F1 of Garg et al. (2022, "An evaluation of anomaly
 * detection and diagnosis in multivariate time series"): recall counts labelled events
 * (maximal runs of 1s), an event found when at least one of its rows is flagged, so a long
 * fault counts once and not by its length; precision stays point-wise, so flagging at random
 * is not rewarded. This is deliberately not "point-adjusted" F1, which marks a whole event
 * found when any one row of it is flagged and lets random scores look state-of-the-art.
 *
 * <p>Rows with equal scores are flagged together at every threshold, so no figure depends on
 * the order of ties.
 */
public final class ScoreRanking {
  private final double[] scores;
  private final int[] labels;
  private final Integer[] descending;

  /**
   * @param scores one finite score per row, higher meaning more anomalous
   * @param labels 1 for a labelled anomaly, 0 for normal, in the rows' time order
   * @throws IllegalArgumentException when lengths differ, a score is not finite, a label is not
   *     0 or 1, or there are no anomalies or no normal rows
   */
  public ScoreRanking(double[] scores, int[] labels) {
    if (scores.length != labels.length) {
      throw new IllegalArgumentException(scores.length + " scores but " + labels.length
          + " labels");
    }
    long positives = 0;
    for (int i = 0; i < scores.length; i++) {
      if (!Double.isFinite(scores[i])) {
        throw new IllegalArgumentException("score of row " + (i + 1) + " is not finite: "
            + scores[i]);
      }
      if (labels[i] != 0 && labels[i] != 1) {
        throw new IllegalArgumentException("label of row " + (i + 1) + " is " + labels[i]
            + ", not 0 or 1");
      }
      positives += labels[i];
    }
    if (positives == 0 || positives == scores.length) {
      throw new IllegalArgumentException("ranking figures need both anomalous and normal rows;"
          + " found " + positives + " anomalous of " + scores.length);
    }
    this.scores = scores.clone();
    this.labels = labels.clone();
    this.descending = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
    Arrays.sort(descending, Comparator.comparingDouble((Integer i) -> this.scores[i]).reversed());
  }

  /**
   * The area under the ROC curve: the probability that a random anomalous row outscores a
   * random normal one, ties counting half (the Mann-Whitney U statistic over its maximum).
   */
  public double rocAuc() {
    long positivesAbove = 0;
    long negatives = 0;
    double won = 0;
    int i = 0;
    while (i < descending.length) {
      double level = scores[descending[i]];
      long groupPositives = 0;
      long groupNegatives = 0;
      while (i < descending.length && scores[descending[i]] == level) {
        if (labels[descending[i++]] == 1) {
          groupPositives++;
        } else {
          groupNegatives++;
        }
      }
      // Each normal row here loses to every anomaly above it and ties with those level with it.
      won += groupNegatives * (positivesAbove + 0.5 * groupPositives);
      positivesAbove += groupPositives;
      negatives += groupNegatives;
    }
    return won / ((double) positivesAbove * negatives);
  }

  /** The best point-wise F1 over every threshold. */
  public double bestF1() {
    return sweep(false);
  }

  /** The best event-level (composite) F1 over every threshold. */
  public double bestEventF1() {
    return sweep(true);
  }

  /** Number of labelled events: maximal runs of rows labelled 1. */
  public int eventCount() {
    return Arrays.stream(eventIds()).max().orElse(-1) + 1;
  }

  private int[] eventIds() {
    int[] ids = new int[labels.length];
    int next = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == 1) {
        ids[i] = i > 0 && labels[i - 1] == 1 ? ids[i - 1] : next++;
      } else {
        ids[i] = -1;
      }
    }
    return ids;
  }

  private double sweep(boolean byEvent) {
    int[] events = eventIds();
    int eventTotal = eventCount();
    boolean[] found = new boolean[eventTotal];
    long positives = Arrays.stream(labels).filter(l -> l == 1).count();
    long tp = 0;
    long flagged = 0;
    int eventsFound = 0;
    double best = 0;
    int i = 0;
    while (i < descending.length) {
      double level = scores[descending[i]];
      while (i < descending.length && scores[descending[i]] == level) {
        int row = descending[i++];
        flagged++;
        if (labels[row] == 1) {
          tp++;
          if (!found[events[row]]) {
            found[events[row]] = true;
            eventsFound++;
          }
        }
      }
      double precision = (double) tp / flagged;
      double recall = byEvent ? (double) eventsFound / eventTotal : (double) tp / positives;
      if (precision + recall > 0) {
        best = Math.max(best, 2 * precision * recall / (precision + recall));
      }
    }
    return best;
  }
}
