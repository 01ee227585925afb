package io.vigil.server.pull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.series.SeriesKey;
import io.vigil.server.config.PullQuery;
import io.vigil.server.engine.IncomingPoint;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runs one {@link PullQuery}: asks {@code /api/v1/query_range} for the range since its last
 * answer (the first time, one interval back), turns each result series into Vigil points, and
 * hands them to the sink. Non-finite values are left out; a failed request is retried on the
 * next tick for the same range, so nothing is skipped while Prometheus is away.
 */
public final class PromQlPuller {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PullQuery pull;
  private final Consumer<List<IncomingPoint>> sink;
  private final LongSupplier clock;
  private final HttpClient http;
  private long nextStartMs = Long.MIN_VALUE;

  public PromQlPuller(PullQuery pull, Consumer<List<IncomingPoint>> sink, LongSupplier clock) {
    this.pull = pull;
    this.http = pull.http().client();
    this.sink = sink;
    this.clock = clock;
  }

  /**
   * Asks once and ingests the answer.
   *
   * @return the points ingested
   * @throws IOException when Prometheus cannot be asked or answers with an error
   */
  public synchronized int pullOnce() throws IOException, InterruptedException {
    long step = pull.step().toMillis();
    long end = clock.getAsLong() / step * step;
    if (nextStartMs == Long.MIN_VALUE) {
      nextStartMs = end - pull.every().toMillis();
    }
    long start = nextStartMs;
    if (start > end) {
      return 0;
    }
    String base = pull.prometheus().toString().replaceAll("/+$", "");
    URI uri = URI.create(base + "/api/v1/query_range?query="
        + URLEncoder.encode(pull.query(), StandardCharsets.UTF_8) + "&start=" + seconds(start)
        + "&end=" + seconds(end) + "&step=" + seconds(step));
    HttpResponse<String> r = http.send(pull.http().authorize(HttpRequest.newBuilder(uri))
        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body = JSON.readTree(r.body());
    if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
      throw new IOException(pull.query() + ": Prometheus answered " + r.statusCode() + ": "
          + body.path("error").asText(r.body()));
    }
    List<IncomingPoint> points = new ArrayList<>();
    for (JsonNode result : body.path("data").path("result")) {
      Map<String, String> labels = new TreeMap<>();
      result.path("metric").properties().forEach(e -> labels.put(e.getKey(),
          e.getValue().asText()));
      String name = labels.remove("__name__");
      if (pull.series() != null) {
        name = pull.series();
      }
      if (name == null) {
        throw new IOException(pull.query() + ": a result has no __name__; give the pull a"
            + " series name");
      }
      SeriesKey key = SeriesKey.of(name, labels);
      for (JsonNode v : result.path("values")) {
        double value = parse(v.get(1).asText());
        if (Double.isFinite(value)) {
          points.add(new IncomingPoint(key, Math.round(v.get(0).asDouble() * 1000), value));
        }
      }
    }
    if (!points.isEmpty()) {
      sink.accept(points);
    }
    nextStartMs = end + step;
    return points.size();
  }

  private static double parse(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static String seconds(long ms) {
    return ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format(java.util.Locale.ROOT,
        "%.3f", ms / 1000.0);
  }
}
