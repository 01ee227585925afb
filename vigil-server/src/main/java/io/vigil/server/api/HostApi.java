package io.vigil.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.vigil.series.Timestamps;
import io.vigil.server.host.HostDetection;
import io.vigil.server.store.HostStore;
import java.util.List;

/** Host-level detection over HTTP: the hosts, and each one's judged rows. */
public final class HostApi {
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
      List<HostStore.HostRow> rows = hosts.rows(rule, host, RequestParams.limit(ctx))
          .orElseThrow(() -> new ApiException(404, "no host " + host + " under host rule "
              + rule));
      HttpApi.json(ctx, 200, Json.object().set("rows", Json.array(rows.stream()
          .map(HostApi::row).toList())));
    });
  }

  /** A row: its time, verdict and the metrics that deviated most, with their shares. */
  static ObjectNode row(HostStore.HostRow r) {
    ObjectNode o = Json.object().put("timestamp", Timestamps.format(r.timestampMs()))
        .put("timestampMs", r.timestampMs()).put("status", r.status())
        .put("probability", r.probability());
    Json.number(o, "score", r.score());
    ArrayNode top = o.putArray("contributors");
    for (HostStore.Contributor c : r.contributors()) {
      top.addObject().put("metric", c.metric()).put("share", c.share());
    }
    return o;
  }
}
