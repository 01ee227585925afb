package io.vigil.threshold;

import io.vigil.eval.ConfusionMatrix;

/**
 * A chosen threshold: a row is an anomaly when its score is strictly above {@code threshold}.
 *
 * @param method how it was chosen
 * @param threshold the cut on the detector's score scale
 * @param steps the number of sweep steps for {@link ThresholdMethod#F1_STEP_SWEEP}, else null
 * @param contamination the flagged fraction for {@link ThresholdMethod#CONTAMINATION}, else null
 * @param validation the decisions on the data the threshold was chosen on, against its labels;
 *     null when that data had no labels
 */
public record ThresholdChoice(
    ThresholdMethod method,
    double threshold,
    Integer steps,
    Double contamination,
    ConfusionMatrix validation) {

  public ThresholdChoice {
    if (Double.isNaN(threshold)) {
      throw new IllegalArgumentException("a threshold cannot be NaN");
    }
  }

  /** Whether {@code score} is flagged. */
  public boolean flags(double score) {
    return score > threshold;
  }
}
