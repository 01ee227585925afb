package io.vigil.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/report} as it travels: written by the service, read by {@code vigil
 * report}, and checked field by field against {@code openapi.json} ({@code OpenApiTest}), so
 * its field names are written once.
 *
 * @param from the period's start (RFC 3339)
 * @param until its end
 * @param alerts the alerts that began in it
 * @param feedback verdicts given on them
 * @param incidents the period's alerts, most probable first (at most 25)
 * @param noisiest the series with the most anomalies (at most 10)
 * @param models the champions' health, troubled first
 * @param forecasts the prediction rules' latest estimates, soonest crossing first
 */
public record ReportBody(String from, String until, Alerts alerts, Feedback feedback,
    List<Incident> incidents, List<NoisySeries> noisiest, List<Model> models,
    List<Forecast> forecasts) {

  /** Alert volume. */
  public record Alerts(int total, Map<String, Integer> byState, List<RuleCount> byRule) {}

  /** A rule's alerts. */
  public record RuleCount(String rule, int alerts) {}

  /** @param precision true over judged; null before any verdict */
  public record Feedback(int truePositives, int falsePositives, int missed, Double precision) {}

  /** @param verdict true-positive or false-positive; absent when none was given */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Incident(long id, String rule, String state, String startsAt, String summary,
      double maxProbability, String verdict) {}

  /** A series and its anomalies in the period. */
  public record NoisySeries(long id, String series, Map<String, String> labels, int anomalies,
      double maxProbability) {}

  /** A champion's health. */
  public record Model(long seriesId, int version, String spec, String status,
      List<String> reasons) {}

  /** @param secondsToCrossing expected seconds to the limit; null when not within the horizon */
  public record Forecast(String rule, String series, Map<String, String> labels,
      boolean reached, boolean firing, Double secondsToCrossing) {}
}
