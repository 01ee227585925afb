package io.vigil.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.vigil.server.config.ServerConfig;
import io.vigil.server.engine.ConflictingPointsException;
import io.vigil.server.engine.DetectionEngine;
import io.vigil.server.engine.MetricMetadata;
import io.vigil.server.engine.PointStore;
import io.vigil.server.engine.SeriesLimitException;
import io.vigil.server.store.StoreException;
import io.vigil.server.store.StoreHealth;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP layer's frame: the browser and access guards every request passes, the points
 * routes ({@link PointsApi}), health, {@code /metrics}, {@code /openapi.json}, and how every
 * failure is answered. Every answer is JSON (but {@code /metrics}); every refusal is
 * {@code {"error": message, "problems": [...]}} with a 4xx status that says whose fault it
 * was: 400 bad input, 404 unknown, 413 too large, 429 busy (with Retry-After), 503 the
 * store failed.
 */
public final class HttpApi {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
  /**
   * The slowest a request body may arrive, on average from its start: far below any real
   * client (a 16 MB body would take 9 hours), far above a connection kept open a byte at a
   * time.
   */
  static final long MIN_REQUEST_BYTES_PER_SECOND = 512;

  private final ServerConfig config;
  private final DetectionEngine engine;
  private final ServerMetrics metrics;
  private final StoreHealth health;
  private final PointsApi pointsApi;
  private final io.vigil.server.security.ApiTokens tokens;

  /**
   * @param health whether the store can write
   * @param metadata where remote write's metric metadata is recorded
   * @param tokens the API tokens: once one exists, every request needs one
   */
  public HttpApi(ServerConfig config, DetectionEngine engine, PointStore points,
      StoreHealth health, ServerMetrics metrics, MetricMetadata metadata,
      io.vigil.server.security.ApiTokens tokens) {
    this.tokens = tokens;
    this.health = health;
    this.config = config;
    this.engine = engine;
    this.metrics = metrics;
    this.pointsApi = new PointsApi(config, engine, points, metrics, metadata);
  }

  /**
   * 200 {@code {"status": "ok"}} while the store can write; 503 {@code {"status": "store
   * cannot write", "reason": ...}} from a failed write until one succeeds again (the
   * background probe retries every second), so a load balancer stops sending and an
   * operator sees why. Free space is reported either way.
   */
  private void health(Context ctx) {
    String failure = health.writeFailure();
    ObjectNode o = Json.object().put("status", failure == null ? "ok" : "store cannot write");
    if (failure != null) {
      o.put("reason", failure);
    }
    o.put("storeFreeBytes", health.freeBytes());
    json(ctx, failure == null ? 200 : 503, o);
  }

  /** Whether {@code host} is a loopback address, which only this machine can reach. */
  public static boolean loopback(String host) {
    return BrowserGuard.isLoopback(host);
  }

  /** Registers the routes and error handling on {@code c}. */
  public void configure(JavalinConfig c) {
    c.http.maxRequestSize = config.maxBodyBytes();
    c.jetty.modifyHttpConfiguration(h -> h.setMinRequestDataRate(MIN_REQUEST_BYTES_PER_SECOND));
    BrowserGuard guard = new BrowserGuard(config.host(), config.browser());
    c.routes.before(guard::check);
    AccessGuard access = new AccessGuard(tokens,
        new io.vigil.server.security.FailedLogins(System::currentTimeMillis));
    c.routes.before(access::check);
    pointsApi.configure(c);
    c.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
        .result(metrics.scrape(engine)));
    c.routes.get("/openapi.json", this::openApi);
    c.routes.get("/api/v1/whoami", this::whoami);
    c.routes.get("/healthz", this::health);
    c.routes.get("/readyz", this::health);
    c.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(),
        e.problems()));
    c.routes.exception(SeriesLimitException.class, (e, ctx) -> {
      metrics.rejected.increment();
      error(ctx, 400, e.getMessage(), List.of());
    });
    c.routes.exception(ConflictingPointsException.class, (e, ctx) -> {
      metrics.rejected.increment();
      error(ctx, 400, e.getMessage(), e.problems());
    });
    c.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
        e.getMessage(), List.of()));
    // Jetty's refusals while reading a request (a body slower than the minimum rate: 408) are
    // the client's doing: said in words with their status, not logged as failures.
    c.routes.exception(org.eclipse.jetty.http.HttpException.RuntimeException.class,
        (e, ctx) -> error(ctx, e.getCode(), e.getCode() == 408
            ? "the request body arrived slower than " + MIN_REQUEST_BYTES_PER_SECOND
                + " bytes a second; nothing of it was kept"
            : "bad request: " + e.getReason(), List.of()));
    c.routes.exception(io.vigil.server.registry.TamperedModelException.class, (e, ctx) -> {
      LOG.error("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
      error(ctx, 409, e.getMessage(), List.of());
    });
    c.routes.exception(StoreException.class, (e, ctx) -> {
      metrics.storeErrors.increment();
      LOG.error("store failure", e);
      error(ctx, 503, "the store failed, nothing of this request was kept: " + e.getMessage(),
          List.of());
    });
    c.routes.exception(Exception.class, (e, ctx) -> {
      // The body names no Java class or message: those are for the log, not for clients.
      String reference = Long.toHexString(java.util.concurrent.ThreadLocalRandom.current()
          .nextLong() >>> 16);
      LOG.error("unexpected failure {} on {} {}", reference, ctx.method(), ctx.path(), e);
      error(ctx, 500, "internal error " + reference + " (the server log has its details)",
          List.of());
    });
  }

  /**
   * Who the request acts as: its token's name and role, or, on a service without tokens,
   * anonymous with every role. The dashboard offers only what the role may do.
   */
  private void whoami(Context ctx) {
    Object t = ctx.attribute(AccessGuard.TOKEN);
    ObjectNode o = Json.object();
    if (t instanceof io.vigil.server.security.ApiTokens.Token token) {
      o.put("name", token.name()).put("role", token.role().label()).put("open", false);
    } else {
      o.put("name", "anonymous").put("role", io.vigil.server.security.Role.ADMIN.label())
          .put("open", true);
    }
    json(ctx, 200, o);
  }

  private void openApi(Context ctx) throws IOException {
    try (InputStream in = HttpApi.class.getResourceAsStream("/openapi.json")) {
      if (in == null) {
        throw new IOException("openapi.json is missing from the jar");
      }
      ctx.contentType("application/json").result(new String(in.readAllBytes(),
          StandardCharsets.UTF_8));
    }
  }

  private static void error(Context ctx, int status, String message, List<String> problems) {
    if (status != 413) {
      // A request refused before its body was read (415, 429) must still have it read:
      // otherwise the connection is closed under a client that is still sending, and it
      // sees a reset instead of the answer. (A body over the limit is not read at all.)
      try {
        ctx.bodyAsBytes();
      } catch (RuntimeException ignored) {
        // the answer below is what matters
      }
    }
    ObjectNode o = Json.object().put("error", message);
    o.set("problems", Json.MAPPER.valueToTree(problems));
    json(ctx, status, o);
  }

  static void json(Context ctx, int status, ObjectNode body) {
    ctx.status(status).contentType("application/json").result(body.toString());
  }
}
