package io.vigil.server.registry;

import io.vigil.detect.catalog.DetectorSpec;

/**
 * One registered model of a series.
 *
 * @param id the registry's number for it (0 before it is registered)
 * @param seriesId the series it models
 * @param version its number among the series' versions: 1, 2, ... (0 before registration)
 * @param spec algorithm, parameters and features
 * @param threshold a point is an anomaly when its probability is at least this
 * @param thresholdMethod how the threshold was chosen ({@code f1-on-labels},
 *     {@code default}, {@code f1-on-feedback})
 * @param window what it was trained on
 * @param validation how it did on held-back data
 * @param createdBy who trained it
 * @param createdMs when (server clock)
 * @param status candidate, champion or retired
 * @param shadowFromSeq the first point it judged in shadow, or -1 when not in shadow
 */
public record ModelVersion(long id, long seriesId, int version, DetectorSpec spec,
    double threshold, String thresholdMethod, TrainingWindow window, Validation validation,
    String createdBy, long createdMs, Status status, long shadowFromSeq) {

  /** Where a version stands. */
  public enum Status { CANDIDATE, CHAMPION, RETIRED }

  /**
   * The data a version was trained on.
   *
   * @param fromMs its first timestamp
   * @param toMs its last timestamp
   * @param points how many points
   * @param throughSeq the last stored point of the series the trained state has learnt, -1
   *     when none: switching to the version replays the stored points after it
   * @param dataSha256 SHA-256 of its timestamps and values
   * @param source {@code store} (the series' stored history), {@code csv} (uploaded), or
   *     {@code feedback} (a retuned threshold over the live state)
   * @param labels how many label windows it was trained with
   */
  public record TrainingWindow(long fromMs, long toMs, int points, long throughSeq,
      String dataSha256, String source, int labels) {}

  /**
   * How a version did on the held-back part of its training data.
   *
   * @param metric the figure candidates were compared on ({@code f1} or {@code injected-f1})
   * @param figure this version's value of it
   * @param alertRate the share of held-back points it flagged: what its live alert rate is
   *     compared with
   * @param spread its held-back probabilities in the bins of {@link
   *     io.vigil.model.series.ProbabilityHistogram}: what live probabilities are compared with
   *     to see drift
   * @param reportJson every candidate's figures, as the training report gave them
   */
  public record Validation(String metric, double figure, double alertRate, long[] spread,
      String reportJson) {
    public Validation {
      spread = spread.clone();
    }
  }

  /** The same version in shadow from point {@code fromSeq} on (-1: out of shadow). */
  public ModelVersion shadowFrom(long fromSeq) {
    return new ModelVersion(id, seriesId, version, spec, threshold, thresholdMethod, window,
        validation, createdBy, createdMs, status, fromSeq);
  }

  /** Whether it runs in shadow next to the champion. */
  public boolean inShadow() {
    return shadowFromSeq >= 0;
  }
}
