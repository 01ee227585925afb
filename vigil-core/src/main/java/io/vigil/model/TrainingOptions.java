package io.vigil.model;

import io.vigil.detect.gaussian.CovarianceType;
import io.vigil.threshold.ThresholdMethod;

/**
 * How to train a Gaussian model.
 *
 * @param covariance diagonal (the study) or full
 * @param thresholdMethod how to choose the threshold
 * @param steps sweep steps for {@link ThresholdMethod#F1_STEP_SWEEP} (the study uses 1000)
 * @param contamination the training fraction to flag for {@link ThresholdMethod#CONTAMINATION}
 */
public record TrainingOptions(
    CovarianceType covariance, ThresholdMethod thresholdMethod, int steps, double contamination) {

  /** The study's settings: diagonal covariance, 1000-step F1 sweep. */
  public static final TrainingOptions STUDY =
      new TrainingOptions(CovarianceType.DIAGONAL, ThresholdMethod.F1_STEP_SWEEP, 1000, 0.01);

  public TrainingOptions {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be at least 1, was " + steps);
    }
    if (!(contamination > 0 && contamination <= 0.5)) {
      throw new IllegalArgumentException(
          "contamination must be a fraction in (0, 0.5], was " + contamination);
    }
  }

  /** These options with another covariance. */
  public TrainingOptions withCovariance(CovarianceType type) {
    return new TrainingOptions(type, thresholdMethod, steps, contamination);
  }

  /** These options with another threshold method. */
  public TrainingOptions withThresholdMethod(ThresholdMethod method) {
    return new TrainingOptions(covariance, method, steps, contamination);
  }
}
