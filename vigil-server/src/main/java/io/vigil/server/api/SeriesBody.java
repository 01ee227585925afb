package io.vigil.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.detect.Assessment;
import io.vigil.series.Timestamps;
import io.vigil.server.engine.SeriesView;
import io.vigil.server.registry.ModelVersion;
import java.util.Locale;
import java.util.Map;

/**
 * A series with its latest assessment as it travels ({@code components/schemas/Series}),
 * checked field by field against {@code openapi.json} by {@code OpenApiTest}. A series
 * without points has a null {@code lastTimestamp} and no assessment fields; a figure that is
 * not a number is null.
 *
 * @param model the champion judging it; absent when it has none
 */
public record SeriesBody(long id, String series, Map<String, String> labels, String detector,
    @JsonInclude(JsonInclude.Include.NON_NULL) Model model, long points, String lastTimestamp,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double lastValue,
    @JsonInclude(JsonInclude.Include.NON_NULL) String status,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double score,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double probability,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double expected,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double lower,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double upper,
    @JsonInclude(JsonInclude.Include.NON_NULL) String direction) {

  /** The champion model judging a series. */
  public record Model(long id, int version, String spec, double threshold) {}

  /** The series as it travels. */
  public static SeriesBody of(SeriesView v) {
    ModelVersion c = v.champion();
    Model model = c == null ? null : new Model(c.id(), c.version(), c.spec().text(),
        c.threshold());
    Assessment a = v.last();
    var key = v.info().key();
    if (a == null) {
      return new SeriesBody(v.info().id(), key.name(), key.labels(), v.info().detector(), model,
          v.points(), null, null, null, null, null, null, null, null, null);
    }
    return new SeriesBody(v.info().id(), key.name(), key.labels(), v.info().detector(), model,
        v.points(), Timestamps.format(v.lastTimestampMs()), finite(v.lastValue()),
        a.status().name().toLowerCase(Locale.ROOT), finite(a.score()), a.probability(),
        finite(a.expected()), finite(a.lower()), finite(a.upper()),
        a.direction().name().toLowerCase(Locale.ROOT));
  }

  static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
