package io.vigil.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * {@code GET /api/v1/now} as it travels, checked against {@code openapi.json} by {@code
 * OpenApiTest}.
 *
 * @param total series with anomalies in the window (all pages)
 * @param entries this page of them, most probable first
 * @param hosts hosts of host rules with anomalous rows in the window
 */
public record NowBody(String from, String until, int total, List<Entry> entries,
    List<Host> hosts) {

  /**
   * A series (its fields as {@code /api/v1/series} gives them) with its anomalies in the
   * window.
   *
   * @param unit the metric's unit, when known
   * @param alert the alert open on it, if any
   */
  public record Entry(@JsonUnwrapped SeriesBody series, double maxProbability, int anomalies,
      String since, long sinceMs, String lastAnomaly, long lastAnomalyMs,
      @JsonInclude(JsonInclude.Include.NON_NULL) String unit,
      @JsonInclude(JsonInclude.Include.NON_NULL) OpenAlert alert) {}

  /** An open alert covering a series. */
  public record OpenAlert(long id, String rule, String state, String summary) {}

  /**
   * A host and its anomalous rows in the window.
   *
   * @param contributors the metrics that deviated most in its most anomalous row
   */
  public record Host(String rule, String host, double maxProbability, int rows, String since,
      long sinceMs, String lastAnomaly, long lastAnomalyMs,
      List<HostBodies.Contributor> contributors) {}
}
