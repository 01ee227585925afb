package io.vigil.server.model;

import io.vigil.model.series.LabelWindow;

/**
 * A user's verdict on a stretch of a series.
 *
 * @param id the store's number (0 before it is stored)
 * @param seriesId the series
 * @param fromMs first timestamp covered
 * @param toMs last timestamp covered (inclusive)
 * @param anomalous true for an incident, false for a stretch confirmed normal
 * @param verdict {@code true-positive}, {@code false-positive} or {@code missed}
 * @param alertId the alert the verdict was given on, or 0
 * @param note the user's words, or null
 * @param createdBy who gave it
 * @param createdMs when (server clock)
 */
public record FeedbackLabel(long id, long seriesId, long fromMs, long toMs, boolean anomalous,
    String verdict, long alertId, String note, String createdBy, long createdMs) {

  /** The stretch and verdict as training and scoring read them. */
  public LabelWindow window() {
    return new LabelWindow(fromMs, toMs, anomalous);
  }
}
