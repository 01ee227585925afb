package io.vigil.model;

import io.vigil.detect.gaussian.CovarianceType;
import io.vigil.detect.gaussian.MultivariateGaussian;
import io.vigil.detect.multi.MultivariateDetectors;
import io.vigil.threshold.ThresholdMethod;

/**
 * How to train a model.
 *
 * @param covariance diagonal (the study) or full; the Gaussian's only
 * @param thresholdMethod how to choose the threshold
 * @param steps sweep steps for {@link ThresholdMethod#F1_STEP_SWEEP} (the study uses 1000)
 * @param contamination the training fraction to flag for {@link ThresholdMethod#CONTAMINATION}
 * @param algorithm the detector: {@code gaussian} (the study), or {@code ensemble}, {@code knn},
 *     {@code range} or {@code autoencoder} (or {@code autoencoder:window=N}), fitted as {@code
 *     vigil bench multivariate} fits them
 */
public record TrainingOptions(CovarianceType covariance, ThresholdMethod thresholdMethod,
    int steps, double contamination, String algorithm) {

  /** The study's settings: diagonal covariance, 1000-step F1 sweep. */
  public static final TrainingOptions STUDY =
      new TrainingOptions(CovarianceType.DIAGONAL, ThresholdMethod.F1_STEP_SWEEP, 1000, 0.01);

  /** A Gaussian model's options. */
  public TrainingOptions(CovarianceType covariance, ThresholdMethod thresholdMethod, int steps,
      double contamination) {
    this(covariance, thresholdMethod, steps, contamination, MultivariateGaussian.ALGORITHM);
  }

  public TrainingOptions {
    if (!Detectors.ALGORITHMS.contains(MultivariateDetectors.algorithmOf(algorithm))) {
      throw new IllegalArgumentException("unknown algorithm '" + algorithm + "': a model holds"
          + " one of " + String.join(", ", Detectors.ALGORITHMS));
    }
    if (thresholdMethod == ThresholdMethod.F1_STEP_SWEEP
        && !algorithm.equals(MultivariateGaussian.ALGORITHM)) {
      throw new IllegalArgumentException("the " + thresholdMethod.id() + " threshold sweeps"
          + " equal steps in density, which only the gaussian has; for " + algorithm + " use "
          + ThresholdMethod.F1_EXACT.id() + " or " + ThresholdMethod.CONTAMINATION.id());
    }
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
    return new TrainingOptions(type, thresholdMethod, steps, contamination, algorithm);
  }

  /** These options with another threshold method. */
  public TrainingOptions withThresholdMethod(ThresholdMethod method) {
    return new TrainingOptions(covariance, method, steps, contamination, algorithm);
  }

  /** These options with another algorithm. */
  public TrainingOptions withAlgorithm(String name) {
    return new TrainingOptions(covariance, thresholdMethod, steps, contamination, name);
  }
}
