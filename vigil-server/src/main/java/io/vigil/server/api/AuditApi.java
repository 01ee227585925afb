package io.vigil.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.vigil.series.Timestamps;
import io.vigil.server.security.ApiTokens;
import io.vigil.server.security.AuditStore;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The audit log: every request that changes something and every refused request (401, 403)
 * is appended, with who (the token's name, or {@code anonymous} on an open 127.0.0.1
 * service), its role, what and where, from where, and the status. Accepted points and remote
 * writes are the data plane, counted in {@code /metrics} rather than logged row by row (an
 * audit row per ingest batch would double the writes). {@code GET /api/v1/audit} (admin)
 * shows the newest rows and whether the chain holds.
 */
public final class AuditApi {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AuditApi.class);
  private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final Set<String> DATA_PLANE = Set.of("/api/v1/points", "/api/v1/write");

  private final AuditStore audit;
  private final LongSupplier clock;

  public AuditApi(AuditStore audit, LongSupplier clock) {
    this.audit = audit;
    this.clock = clock;
  }

  /** Registers the recording after every request, and the route. */
  public void configure(JavalinConfig c) {
    c.routes.after(this::record);
    c.routes.get("/api/v1/audit", ctx -> {
      List<AuditStore.AuditEntry> rows = audit.latest(RequestParams.limit(ctx));
      var broken = AuditStore.firstBroken(audit.all());
      HttpApi.json(ctx, 200, Json.MAPPER.valueToTree(new AuditBody(broken.isEmpty(),
          broken.isPresent() ? broken.getAsLong() : null,
          rows.stream().map(AuditApi::entry).toList())));
    });
  }

  private void record(Context ctx) {
    String method = ctx.method().name();
    int status = ctx.statusCode();
    boolean refused = status == 401 || status == 403;
    if (!refused && (!CHANGING.contains(method)
        || (DATA_PLANE.contains(ctx.path()) && status < 400))) {
      return;
    }
    Object t = ctx.attribute(AccessGuard.TOKEN);
    String who = t instanceof ApiTokens.Token token ? token.name()
        : status == 401 ? "unauthenticated" : "anonymous";
    String role = t instanceof ApiTokens.Token token ? token.role().label() : "none";
    try {
      audit.append(clock.getAsLong(), who, role, method, ctx.path(), ctx.ip(), status);
    } catch (io.vigil.server.store.StoreException e) {
      // The request has been answered for; its row is lost, loudly (the store cannot write,
      // which /healthz reports too).
      LOG.error("AUDIT ROW LOST: {} {} by {} ({}), status {}: {}", method, ctx.path(), who,
          role, status, e.getMessage());
    }
  }

  private static AuditBody.Entry entry(AuditStore.AuditEntry e) {
    return new AuditBody.Entry(e.id(), Timestamps.format(e.atMs()), e.who(), e.role(),
        e.method(), e.target(), e.remote(), e.status(), e.hash());
  }
}
