package io.vigil.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code GET /api/v1/swimlane} as it travels (checked against {@code openapi.json} by {@code
 * OpenApiTest}).
 *
 * @param bucketMs each cell's stretch of time
 * @param groupBy the label rows are values of; absent when rows are series names
 * @param rows the most anomalous first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SwimlaneBody(String from, long fromMs, String until, long untilMs, long bucketMs,
    String groupBy, List<Row> rows) {

  /**
   * @param cells the highest anomaly probability of each stretch, oldest first (0: none)
   * @param series the ids of the series in the row
   */
  public record Row(String entity, List<Double> cells, List<Long> series) {}
}
