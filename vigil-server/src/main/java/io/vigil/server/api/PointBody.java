package io.vigil.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.detect.Assessment;
import io.vigil.series.Timestamps;
import io.vigil.server.engine.StoredPoint;
import java.util.Locale;

/**
 * A stored point with its assessment as it travels ({@code components/schemas/Point}),
 * checked field by field against {@code openapi.json} by {@code OpenApiTest}. A figure that is
 * not a number (no band while warming up) is null.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PointBody(String timestamp, long timestampMs, double value, String status,
    Double score, double probability, Double expected, Double lower, Double upper,
    String direction) {

  /** The point as it travels. */
  public static PointBody of(StoredPoint p) {
    Assessment a = p.assessment();
    return new PointBody(Timestamps.format(p.timestampMs()), p.timestampMs(), p.value(),
        a.status().name().toLowerCase(Locale.ROOT), finite(a.score()), a.probability(),
        finite(a.expected()), finite(a.lower()), finite(a.upper()),
        a.direction().name().toLowerCase(Locale.ROOT));
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
