package io.vigil.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code GET /api/v1/series/{id}/chart} as it travels (checked against {@code openapi.json}
 * by {@code OpenApiTest}).
 *
 * @param series the series as {@code /api/v1/series} lists it
 * @param unit the metric's unit, when known
 * @param width the most buckets asked for
 * @param buckets the non-empty buckets, oldest first
 * @param anomalies the anomalies of the range, oldest first (at most 1,000)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChartBody(JsonNode series, String unit, long fromMs, long toMs, int width,
    List<Bucket> buckets, List<PointBody> anomalies) {

  /**
   * One bucket's points: their first and last times and values, lowest and highest value, the
   * last expected value, the band's lowest lower and highest upper bound, the highest
   * probability. A value that is not a number (no band yet) is null.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Bucket(long firstMs, long lastMs, int points, Double first, Double last,
      Double min, Double max, Double expected, Double lower, Double upper,
      double probability) {}
}
