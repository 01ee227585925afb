package io.vigil.model.series;

import java.util.List;

/**
 * Every candidate's figures and the one chosen.
 *
 * @param metric the figure candidates were compared on: {@code f1} when the held-back part has
 *     a labelled incident, else {@code injected-f1}
 * @param candidates every candidate, in the order given
 * @param chosen the index of the best in {@code candidates}
 * @param fromMs the first point of the history
 * @param toMs the last point of the history
 * @param validationFromMs where the held-back part begins
 * @param points points in the history
 * @param dataSha256 SHA-256 of the history's timestamps and values, to tell later which data
 *     a model saw
 */
public record TrainingReport(String metric, List<CandidateReport> candidates, int chosen,
    long fromMs, long toMs, long validationFromMs, int points, String dataSha256) {
  public TrainingReport {
    candidates = List.copyOf(candidates);
  }

  /** The chosen candidate. */
  public CandidateReport best() {
    return candidates.get(chosen);
  }
}
