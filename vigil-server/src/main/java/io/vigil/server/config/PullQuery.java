package io.vigil.server.config;

import java.net.URI;
import java.time.Duration;

/**
 * A PromQL query Vigil evaluates against a Prometheus' {@code query_range} API on an
 * interval, ingesting each result series as a Vigil series.
 *
 * @param prometheus the Prometheus base URL
 * @param query the PromQL expression
 * @param every how often to ask (each time for the range since the last answer)
 * @param step the resolution asked for
 * @param series the series name for results without a {@code __name__} (rate(), sum()...);
 *     null to use {@code __name__}
 * @param http trusted authorities, client certificate and Authorization header
 */
public record PullQuery(URI prometheus, String query, Duration every, Duration step,
    String series, OutboundHttp http) {
  /** With the JDK's trust and no Authorization header. */
  public PullQuery(URI prometheus, String query, Duration every, Duration step,
      String series) {
    this(prometheus, query, every, step, series, OutboundHttp.DEFAULT);
  }

  public PullQuery {
    java.util.Objects.requireNonNull(http, "http");
    if (!"http".equals(prometheus.getScheme()) && !"https".equals(prometheus.getScheme())) {
      throw new IllegalArgumentException("prometheus URL '" + prometheus + "' must be http or"
          + " https");
    }
    if (query == null || query.isBlank()) {
      throw new IllegalArgumentException("a pull needs a query");
    }
    if (every.compareTo(Duration.ofSeconds(1)) < 0 || step.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("every and step must be at least 1s");
    }
  }
}
