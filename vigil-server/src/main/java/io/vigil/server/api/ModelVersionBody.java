package io.vigil.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A model version as it travels ({@code components/schemas/ModelVersion}): written by the
 * model routes, read by {@code vigil model}, checked field by field against {@code
 * openapi.json} by {@code OpenApiTest}.
 *
 * @param threshold a point is an anomaly when its probability is at least this
 * @param shadowFromSeq the first point it judges in the champion's shadow; absent when not
 * @param promoted in training results: whether it was made champion; absent elsewhere
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelVersionBody(long id, long seriesId, int version, String status, String spec,
    String algorithm, Map<String, Double> parameters, List<String> features, double threshold,
    String thresholdMethod, Training training, Validation validation, String createdBy,
    String createdAt, Long shadowFromSeq, Boolean promoted) {

  /** The data it was trained on. */
  public record Training(String from, String to, int points, long throughSeq,
      String dataSha256, String source, int labels) {}

  /**
   * @param figure the metric's value; null when it could not be computed
   * @param report every candidate's figures, where the route gives them
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Validation(String metric, Double figure, double alertRate, JsonNode report) {}

  /** This version marked promoted or not (training results). */
  public ModelVersionBody withPromoted(boolean p) {
    return new ModelVersionBody(id, seriesId, version, status, spec, algorithm, parameters,
        features, threshold, thresholdMethod, training, validation, createdBy, createdAt,
        shadowFromSeq, p);
  }

  /** This version with its training report. */
  public ModelVersionBody withReport(JsonNode report) {
    return new ModelVersionBody(id, seriesId, version, status, spec, algorithm, parameters,
        features, threshold, thresholdMethod, training, new Validation(validation.metric(),
            validation.figure(), validation.alertRate(), report), createdBy, createdAt,
        shadowFromSeq, promoted);
  }
}
