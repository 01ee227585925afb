package io.vigil.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.series.SeriesKey;
import io.vigil.series.Timestamps;
import io.vigil.server.engine.StoredPoint;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An anomaly as it travels ({@code components/schemas/Anomaly}): the point, its series and
 * what was expected; checked against {@code openapi.json} by {@code OpenApiTest}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AnomalyBody(long seriesId, String series, Map<String, String> labels,
    String timestamp, long timestampMs, double value, double probability, Double expected,
    Double lower, Double upper, String direction) {

  /** The anomaly {@code p} of the series {@code key}. */
  public static AnomalyBody of(StoredPoint p, SeriesKey key) {
    var a = p.assessment();
    return new AnomalyBody(p.seriesId(), key.name(), key.labels(),
        Timestamps.format(p.timestampMs()), p.timestampMs(), p.value(), a.probability(),
        SeriesBody.finite(a.expected()), SeriesBody.finite(a.lower()),
        SeriesBody.finite(a.upper()), a.direction().name().toLowerCase(Locale.ROOT));
  }

  /** An ingest request's answer ({@code components/schemas/IngestResult}). */
  public record Ingested(long accepted, long skipped, long duplicates,
      List<AnomalyBody> anomalies) {}
}
