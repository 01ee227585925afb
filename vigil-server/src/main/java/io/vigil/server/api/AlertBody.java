package io.vigil.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.correlate.RootCause;
import java.util.List;
import java.util.Map;

/**
 * An alert as it travels ({@code components/schemas/Alert}; with its deliveries on {@code GET
 * /api/v1/alerts/{id}}), checked field by field against {@code openapi.json} by {@code
 * OpenApiTest}.
 *
 * @param firedAt when it fired; null while pending, or when it never did
 * @param endsAt when it ended; null while open
 * @param lastValue the incident's latest value; null when not a number
 * @param causes for an alert over several series, the series ranked by probable origin
 * @param deliveries every notification attempt, on the one-alert route only
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AlertBody(long id, String rule, String state, String summary,
    Map<String, String> labels, String startsAt, String firedAt, String endsAt,
    String lastAnomalyAt, double maxProbability, long anomalies, Double lastValue,
    Double lastExpected, String direction, List<RootCause.Cause> causes,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<Delivery> deliveries) {

  /** One notification attempt ({@code components/schemas/Delivery}). */
  public record Delivery(String notifier, String event, int attempt, String outcome,
      int httpStatus, String error, String at) {}

  /** A silence ({@code components/schemas/Silence}): alerts whose labels match are muted. */
  public record Silence(long id, Map<String, String> matchers, String startsAt, String endsAt,
      String comment) {}

  /** This alert with its deliveries. */
  public AlertBody withDeliveries(List<Delivery> list) {
    return new AlertBody(id, rule, state, summary, labels, startsAt, firedAt, endsAt,
        lastAnomalyAt, maxProbability, anomalies, lastValue, lastExpected, direction, causes,
        List.copyOf(list));
  }
}
