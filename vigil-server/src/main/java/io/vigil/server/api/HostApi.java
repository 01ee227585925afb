package io.vigil.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.vigil.detect.RowAssessment;
import io.vigil.server.host.HostDetection;
import io.vigil.series.Timestamps;
import java.util.List;
import java.util.Locale;

/** Host-level detection over HTTP: the hosts, and each one's judged rows. */
public final class HostApi {
  /** Metrics named per row: the largest shares of its deviation. */
  private static final int TOP = 5;

  private final HostDetection hosts;

  public HostApi(HostDetection hosts) {
    this.hosts = hosts;
  }

  /** Registers the routes on {@code c}. */
  public void configure(JavalinConfig c) {
    c.routes.get("/api/v1/hosts", ctx -> {
      ArrayNode out = Json.MAPPER.createArrayNode();
      for (HostDetection.HostView h : hosts.hosts()) {
        ObjectNode o = out.addObject().put("rule", h.rule()).put("host", h.host())
            .put("rows", h.rows());
        o.set("metrics", Json.MAPPER.valueToTree(h.metrics()));
        h.latest().ifPresent(r -> o.set("latest", row(r)));
      }
      HttpApi.json(ctx, 200, Json.object().set("hosts", out));
    });
    c.routes.get("/api/v1/hosts/{rule}/{host}/rows", ctx -> {
      String rule = ctx.pathParam("rule");
      String host = ctx.pathParam("host");
      List<HostDetection.Row> rows = hosts.rows(rule, host, HttpApi.limit(ctx))
          .orElseThrow(() -> new ApiException(404, "no host " + host + " under host rule "
              + rule));
      HttpApi.json(ctx, 200, Json.object().set("rows", Json.array(rows.stream()
          .map(HostApi::row).toList())));
    });
  }

  /** A row: its time, verdict and the metrics that deviated most, with their shares. */
  static ObjectNode row(HostDetection.Row r) {
    RowAssessment a = r.assessment();
    ObjectNode o = Json.object().put("timestamp", Timestamps.format(r.timestampMs()))
        .put("timestampMs", r.timestampMs())
        .put("status", a.status().name().toLowerCase(Locale.ROOT))
        .put("probability", a.probability());
    if (Double.isFinite(a.score())) {
      o.put("score", a.score());
    }
    ArrayNode top = o.putArray("contributors");
    double[] c = a.contributions();
    double total = 0;
    for (double v : c) {
      total += Math.max(0, v);
    }
    List<String> ranked = r.ranked();
    for (int i = 0; i < Math.min(TOP, ranked.size()); i++) {
      String metric = ranked.get(i);
      double share = total > 0 ? Math.max(0, c[r.metrics().indexOf(metric)]) / total : 0;
      top.addObject().put("metric", metric).put("share", share);
    }
    return o;
  }
}
