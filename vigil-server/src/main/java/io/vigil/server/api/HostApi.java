package io.vigil.server.api;

import io.javalin.config.JavalinConfig;
import io.vigil.server.host.HostDetection;
import io.vigil.server.host.HostStore;
import java.util.List;

/** Host-level detection over HTTP: the hosts, and each one's judged rows. */
public final class HostApi {
  private final HostDetection hosts;

  public HostApi(HostDetection hosts) {
    this.hosts = hosts;
  }

  /** Registers the routes on {@code c}. */
  public void configure(JavalinConfig c) {
    c.routes.get("/api/v1/hosts", ctx -> HttpApi.json(ctx, 200, Json.MAPPER.valueToTree(
        new HostBodies.Hosts(hosts.hosts().stream().map(h -> new HostBodies.Host(h.rule(),
            h.host(), List.copyOf(h.metrics()), h.rows(),
            h.latest().map(HostBodies.Row::of).orElse(null))).toList()))));
    c.routes.get("/api/v1/hosts/{rule}/{host}/rows", ctx -> {
      String rule = ctx.pathParam("rule");
      String host = ctx.pathParam("host");
      List<HostStore.HostRow> rows = hosts.rows(rule, host, RequestParams.limit(ctx))
          .orElseThrow(() -> new ApiException(404, "no host " + host + " under host rule "
              + rule));
      HttpApi.json(ctx, 200, Json.MAPPER.valueToTree(new HostBodies.Rows(rows.stream()
          .map(HostBodies.Row::of).toList())));
    });
  }
}
