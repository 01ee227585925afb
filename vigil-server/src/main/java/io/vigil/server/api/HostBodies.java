package io.vigil.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.series.Timestamps;
import io.vigil.server.host.HostStore;
import java.util.List;

/**
 * Host-level detection's answers as they travel, checked against {@code openapi.json} by
 * {@code OpenApiTest}.
 */
public final class HostBodies {
  private HostBodies() {}

  /** {@code GET /api/v1/hosts}. */
  public record Hosts(List<Host> hosts) {}

  /**
   * A host of a host rule.
   *
   * @param rows rows judged since the start
   * @param latest its latest row; absent before any
   */
  public record Host(String rule, String host, List<String> metrics, long rows,
      @JsonInclude(JsonInclude.Include.NON_NULL) Row latest) {}

  /** {@code GET /api/v1/hosts/{rule}/{host}/rows}. */
  public record Rows(List<Row> rows) {}

  /**
   * A judged row ({@code components/schemas/HostRow}).
   *
   * @param score the squared Mahalanobis distance; null while warming up
   * @param contributors the metrics with the largest shares of the deviation, largest first
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Row(String timestamp, long timestampMs, String status, double probability,
      Double score, List<Contributor> contributors) {

    /** A stored row as it travels. */
    public static Row of(HostStore.HostRow r) {
      return new Row(Timestamps.format(r.timestampMs()), r.timestampMs(), r.status(),
          r.probability(), Double.isFinite(r.score()) ? r.score() : null,
          r.contributors().stream().map(c -> new Contributor(c.metric(), c.share())).toList());
    }
  }

  /** A metric's share of a row's deviation. */
  public record Contributor(String metric, double share) {}
}
