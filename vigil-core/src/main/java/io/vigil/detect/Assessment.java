package io.vigil.detect;

/**
 * What a streaming detector concluded about one point, judged from the points before it.
 *
 * @param status whether the point was scored, or skipped and why
 * @param score the detector's raw score, on its own scale (higher is more anomalous); 0 when
 *     skipped
 * @param probability the anomaly probability in [0, 1], calibrated against the detector's own
 *     recent scores so one threshold (say 0.99) means the same on every series
 * @param expected the value the detector expected; NaN until it has an expectation
 * @param lower the lower edge of the normal band; NaN until known
 * @param upper the upper edge of the normal band; NaN until known
 * @param direction spike (above expected) or dip (below)
 */
public record Assessment(Status status, double score, double probability, double expected,
    double lower, double upper, Direction direction) {

  /** How a point was handled. */
  public enum Status {
    /** Scored against a learnt baseline, then learnt. */
    SCORED,
    /** Learnt, but too little history to judge: probability 0. */
    WARMING_UP,
    /** Not learnt: the value was NaN or infinite. */
    SKIPPED_NOT_FINITE,
    /** Not learnt: older than a point already seen. */
    SKIPPED_OUT_OF_ORDER;

    /** Whether the point was left out of the detector's state. */
    public boolean skipped() {
      return this == SKIPPED_NOT_FINITE || this == SKIPPED_OUT_OF_ORDER;
    }
  }

  /**
   * Vigil's operating threshold: the anomaly probability at which a point is an alarm unless a
   * rule or a trained model says otherwise (the service's default {@code anomalyProbability}).
   */
  public static final double ALARM_PROBABILITY = 0.999;

  public Assessment {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1], was " + probability);
    }
  }

  /** The assessment of a point that was not learnt. */
  public static Assessment skipped(Status status) {
    return new Assessment(status, 0, 0, Double.NaN, Double.NaN, Double.NaN, Direction.NONE);
  }

  /** The assessment of a point learnt during warm-up, with the expectation so far. */
  public static Assessment warmingUp(double expected) {
    return new Assessment(Status.WARMING_UP, 0, 0, expected, Double.NaN, Double.NaN,
        Direction.NONE);
  }

  /** This assessment with another probability (post-processing). */
  public Assessment withProbability(double p) {
    return new Assessment(status, score, p, expected, lower, upper, direction);
  }
}
