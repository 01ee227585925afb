package io.vigil.threshold;

import io.vigil.eval.ConfusionMatrix;

/**
 * Picks the threshold that maximises F1 on labelled validation scores.
 *
 * <p>Two searches. {@link #densityStepSweep} is the seed study's: the threshold ε on the
 * density p steps from min(p) to max(p) in equal steps and a row is flagged when p &lt; ε; the
 * scores here are {@code -ln p}, so the sweep runs on {@code exp(-score)} rescaled by the
 * highest density (no underflow) and is mapped back to the score scale. {@link #exact} tries
 * every distinct cut between validation scores and so finds the best F1 validation data
 * allows; its threshold sits midway between the last flagged and the first unflagged score, so
 * it is not tied to one validation point.
 *
 * <p>Ties in F1 keep the threshold met first: the smallest ε (fewest alarms) in both searches.
 */
public final class F1ThresholdSearch {

  private F1ThresholdSearch() {}

  /**
   * The study's sweep: ε = min(p) + k·(max(p) − min(p))/steps for k = 0..steps.
   *
   * @param scores negative log-densities (nats), one per validation row
   * @param labels 1 for an anomaly, 0 for normal; at least one 1
   * @param steps the number of steps (the study uses 1000)
   */
  public static ThresholdChoice densityStepSweep(double[] scores, int[] labels, int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be at least 1, was " + steps);
    }
    RankedScores ranked = ranked(scores, labels);
    double lowScore = ranked.lowest();
    // Densities relative to the highest density: r = p / max(p) = exp(lowScore - score).
    double rMin = Math.exp(lowScore - ranked.highest());
    double step = (1.0 - rMin) / steps;
    double bestThreshold = Double.POSITIVE_INFINITY;
    ConfusionMatrix best = ranked.confusion(0);
    for (int k = 0; k <= steps; k++) {
      double epsilonRelative = rMin + k * step;
      if (!(epsilonRelative > 0)) {
        continue; // ε = 0 flags nothing
      }
      double threshold = lowScore - Math.log(epsilonRelative);
      ConfusionMatrix m = ranked.confusion(ranked.countAbove(threshold));
      if (m.f1() > best.f1()) {
        best = m;
        bestThreshold = threshold;
      }
    }
    if (best.truePositives() == 0) {
      throw new IllegalArgumentException("no step of the " + steps + "-step density sweep flags"
          + " a labelled anomaly (they all have the highest density); use the f1-exact search");
    }
    return new ThresholdChoice(ThresholdMethod.F1_STEP_SWEEP, bestThreshold, steps, null, best);
  }

  /**
   * The best F1 over every distinct cut of the validation scores.
   *
   * @param scores anomaly scores, higher is more anomalous, one per validation row
   * @param labels 1 for an anomaly, 0 for normal; at least one 1
   */
  public static ThresholdChoice exact(double[] scores, int[] labels) {
    RankedScores ranked = ranked(scores, labels);
    int n = ranked.size();
    double bestThreshold = Double.POSITIVE_INFINITY;
    ConfusionMatrix best = ranked.confusion(0);
    int k = 0;
    while (k < n) {
      double score = ranked.get(k);
      while (k < n && ranked.get(k) == score) {
        k++; // flag every row with this score together
      }
      ConfusionMatrix m = ranked.confusion(k);
      if (m.f1() > best.f1()) {
        best = m;
        bestThreshold = k < n ? cutBetween(score, ranked.get(k)) : Math.nextDown(score);
      }
    }
    return new ThresholdChoice(ThresholdMethod.F1_EXACT, bestThreshold, null, null, best);
  }

  /** A threshold t with {@code above > t >= below}, midway when the doubles allow. */
  static double cutBetween(double above, double below) {
    double mid = below + (above - below) / 2;
    return mid < above ? mid : below;
  }

  private static RankedScores ranked(double[] scores, int[] labels) {
    if (labels == null) {
      throw new IllegalArgumentException("F1 threshold selection needs labels");
    }
    RankedScores ranked = new RankedScores(scores, labels);
    if (ranked.positives() == 0) {
      throw new IllegalArgumentException("F1 threshold selection needs at least one row"
          + " labelled 1 (anomaly) in the validation data");
    }
    return ranked;
  }
}
