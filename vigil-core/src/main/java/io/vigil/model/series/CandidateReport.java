package io.vigil.model.series;

import io.vigil.detect.catalog.DetectorSpec;
import io.vigil.detect.DetectorState;

/**
 * One candidate detector, trained on a series' history and validated on its recent part.
 *
 * @param spec the detector
 * @param threshold a point is an anomaly when its probability is at least this
 * @param thresholdMethod how it was chosen: {@code f1-on-labels} or {@code default}
 * @param validationPoints points in the held-back part
 * @param validationAlerts of them, how many reached the threshold
 * @param labelledF1 F1 on the held-back part's labels; NaN when it has no labelled incident
 * @param precision precision there; NaN without labels
 * @param recall recall there; NaN without labels
 * @param injectedF1 F1 on the held-back part with spikes injected (see {@link
 *     SeriesModelTrainer}): how well it finds plain anomalies without raising others
 * @param validationSpread counts of the held-back part's probabilities (of points scored, not
 *     warming up) in the bins of {@link
 *     ProbabilityHistogram}: what live scores are compared with to see drift
 * @param state the detector after the whole history, ready to continue live
 */
public record CandidateReport(DetectorSpec spec, double threshold, String thresholdMethod,
    int validationPoints, int validationAlerts, double labelledF1, double precision,
    double recall, double injectedF1, long[] validationSpread, DetectorState state) {
  public CandidateReport {
    validationSpread = validationSpread.clone();
  }

  /** The figure {@code metric} names: {@code f1} (on labels) or {@code injected-f1}. */
  public double figure(String metric) {
    return metric.equals(SeriesModelTrainer.LABELLED_F1) ? labelledF1 : injectedF1;
  }
}
