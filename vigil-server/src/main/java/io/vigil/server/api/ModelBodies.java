package io.vigil.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The model routes' other answers as they travel (training jobs, feedback labels, model
 * health, shadow comparisons), written by the service, read by {@code vigil model}, and
 * checked against {@code openapi.json} by {@code OpenApiTest}.
 */
public final class ModelBodies {
  private ModelBodies() {}

  /**
   * A training job ({@code components/schemas/TrainingJob}).
   *
   * @param error why it failed; absent otherwise
   * @param versions the versions it registered, with their reports
   * @param status where to poll; on the 202 of a job started in the background only
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Job(long job, String state, int series, int seriesDone, Progress progress,
      String error, List<ModelVersionBody> versions, String status) {}

  /** Points scored so far, of how many. */
  public record Progress(long points, long of) {}

  /**
   * A feedback label ({@code components/schemas/Label}).
   *
   * @param alertId the alert the verdict was on; absent otherwise
   * @param note the user's note; absent without one
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Label(long id, long seriesId, String from, String to, boolean anomalous,
      String verdict, Long alertId, String note, String by, String at) {}

  /**
   * A champion's health ({@code components/schemas/ModelHealth}); a figure not yet known is
   * null.
   *
   * @param lastPoint the series' latest point; absent before any
   */
  public record Health(long seriesId, long modelId, int version, String status,
      List<String> reasons, int points, Double alertRate, Double trainingAlertRate,
      Double drift, String lastTraining,
      @JsonInclude(JsonInclude.Include.NON_NULL) String lastPoint, long silentSeconds) {}

  /** A version in shadow against its champion ({@code components/schemas/ShadowComparison}). */
  public record Shadow(long fromSeq, int incidentPoints, Side champion, Side challenger) {}

  /** @param modelId null for the series' configured detector (no champion) */
  public record Side(Long modelId, double threshold, long points, long alerts,
      Double precision, Double recall, Double f1) {}

  /**
   * {@code POST /api/v1/series/{id}/retune}: the version registered with the threshold best on
   * the labels, and both thresholds' figures on the same points.
   */
  public record Retune(ModelVersionBody model, int points, int incidentPoints,
      boolean promoted, Figures before, Figures after) {}

  /** A threshold's figures on labelled points; a figure that cannot be computed is null. */
  public record Figures(double threshold, long alerts, Double precision, Double recall,
      Double f1) {}

  /** {@code GET /api/v1/series/{id}/threshold}: the threshold in force and the one proposed. */
  public record Previews(String detector, int points, String from, String to, Preview current,
      Preview proposed) {}

  /**
   * What a threshold would have done over the stored history.
   *
   * @param alertStartsMs when each alert would have begun, oldest first (at most 500)
   */
  public record Preview(double threshold, int alerts, long flaggedPoints, int incidents,
      int incidentsCaught, List<Long> alertStartsMs) {}

  /** {@code GET /api/v1/models/{id}/diff/{other}}: every field in which two versions differ. */
  public record Diff(long a, long b, List<Change> differences) {}

  /** A field of a version (dotted for nested ones) and its two values. */
  public record Change(String field, com.fasterxml.jackson.databind.JsonNode a,
      com.fasterxml.jackson.databind.JsonNode b) {}

  /**
   * A step of a series' model history: a promotion, rollback, shadow or unshadow.
   *
   * @param previousId the champion it replaced; absent when there was none
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Event(long versionId, String action, Long previousId, String by, String at) {}

  /** {@code GET /api/v1/series/{id}/models}: a series' versions, newest first, and history. */
  public record SeriesModels(long seriesId, List<ModelVersionBody> models, List<Event> history) {}
}
