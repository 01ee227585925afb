package io.vigil.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.vigil.series.DataFormatException;
import io.vigil.series.SeriesKey;
import io.vigil.series.TimeSeries;
import io.vigil.series.TimeSeriesCsvReader;
import io.vigil.series.Timestamps;
import io.vigil.server.ServerConfig;
import io.vigil.server.config.Durations;
import io.vigil.server.engine.ConflictingPointsException;
import io.vigil.server.engine.DetectionEngine;
import io.vigil.server.engine.IncomingPoint;
import io.vigil.server.engine.IngestResult;
import io.vigil.server.engine.MetricMetadata;
import io.vigil.server.engine.SeriesLimitException;
import io.vigil.server.engine.SeriesView;
import io.vigil.server.store.PointStore;
import io.vigil.server.store.StoreException;
import io.vigil.server.store.StoreHealth;
import io.vigil.server.store.StoredPoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes. Every answer is JSON (but {@code /metrics}); every refusal is
 * {@code {"error": message, "problems": [...]}} with a 4xx status that says whose fault it
 * was: 400 bad input, 404 unknown, 413 too large, 429 busy (with Retry-After), 503 the
 * store failed.
 */
public final class HttpApi {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
  private static final int DEFAULT_LIMIT = 10_000;
  private static final int MAX_LIMIT = 100_000;
  /**
   * The slowest a request body may arrive, on average from its start: far below any real
   * client (a 16 MB body would take 9 hours), far above a connection kept open a byte at a
   * time.
   */
  static final long MIN_REQUEST_BYTES_PER_SECOND = 512;

  private final ServerConfig config;
  private final DetectionEngine engine;
  private final PointStore points;
  private final ServerMetrics metrics;
  private final PointBatchParser parser;
  private final RemoteWriteDecoder remoteWrite;
  private final Semaphore ingestSlots;
  private final MetricMetadata metadata;
  private final StoreHealth health;
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
    this.metadata = metadata;
    this.config = config;
    this.engine = engine;
    this.points = points;
    this.metrics = metrics;
    this.parser = new PointBatchParser(config.maxPointsPerRequest());
    this.remoteWrite = new RemoteWriteDecoder((int) Math.min(Integer.MAX_VALUE,
        4 * config.maxBodyBytes()), config.maxPointsPerRequest());
    this.ingestSlots = new Semaphore(config.maxConcurrentIngests());
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
    c.routes.post("/api/v1/points", this::ingest);
    c.routes.post("/api/v1/write", this::remoteWrite);
    c.routes.post("/api/v1/import", this::importCsv);
    c.routes.get("/api/v1/series", this::listSeries);
    c.routes.get("/api/v1/series/{id}/points", this::seriesPoints);
    c.routes.get("/api/v1/anomalies", this::anomalies);
    c.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
        .result(metrics.scrape(engine)));
    c.routes.get("/openapi.json", this::openApi);
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
    c.routes.exception(io.vigil.server.store.TamperedModelException.class, (e, ctx) -> {
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

  private void ingest(Context ctx) throws InterruptedException {
    withIngestSlot(ctx, () -> {
      String type = ctx.contentType();
      if (type != null && !type.startsWith("application/json")) {
        throw new ApiException(415, "Content-Type must be application/json, was " + type);
      }
      IngestResult r = store(rejecting(() -> parser.parse(ctx.bodyAsBytes())));
      ObjectNode out = Json.object().put("accepted", r.accepted()).put("skipped", r.skipped())
          .put("duplicates", r.duplicates());
      out.set("anomalies", Json.array(r.anomalies().stream().map(this::anomaly).toList()));
      json(ctx, 200, out);
    });
  }

  /** Prometheus remote write: answers 204 once stored, as Prometheus expects. */
  private void remoteWrite(Context ctx) throws InterruptedException {
    withIngestSlot(ctx, () -> {
      RemoteWriteDecoder.Decoded d = rejecting(() -> remoteWrite.decode(ctx.bodyAsBytes()));
      metrics.samplesStale.increment(d.stale());
      metrics.samplesNotFinite.increment(d.droppedNotFinite());
      d.metadata().forEach(metadata::describe);
      store(d.points());
      ctx.status(204);
    });
  }

  /**
   * History for one series as CSV ({@code timestamp,value} header), named by the query:
   * {@code ?series=cpu&label=host:a&label=env:prod}. Checked whole first; stored in batches of
   * the request point limit.
   */
  private void importCsv(Context ctx) throws InterruptedException {
    withIngestSlot(ctx, () -> {
      SeriesKey key = rejecting(() -> importKey(ctx));
      TimeSeries series = rejecting(() -> {
        try {
          return TimeSeriesCsvReader.read(new java.io.StringReader(ctx.body()), "body");
        } catch (DataFormatException e) {
          throw new ApiException(400, e.getMessage());
        } catch (IOException e) {
          throw new ApiException(400, "the body could not be read: " + e.getMessage());
        }
      });
      int accepted = 0;
      int skipped = 0;
      int duplicates = 0;
      int anomalies = 0;
      int chunk = config.maxPointsPerRequest();
      for (int from = 0; from < series.size(); from += chunk) {
        List<IncomingPoint> batch = new java.util.ArrayList<>();
        for (int i = from; i < Math.min(series.size(), from + chunk); i++) {
          batch.add(new IncomingPoint(key, series.timestampsMs()[i], series.values()[i]));
        }
        IngestResult r = store(batch);
        accepted += r.accepted();
        skipped += r.skipped();
        duplicates += r.duplicates();
        anomalies += r.anomalies().size();
      }
      json(ctx, 200, Json.object().put("accepted", accepted).put("skipped", skipped)
          .put("duplicates", duplicates).put("anomalies", anomalies));
    });
  }

  /** The series a query names: {@code ?series=NAME&label=NAME:VALUE...}. */
  static SeriesKey importKey(Context ctx) {
    String name = ctx.queryParam("series");
    if (name == null) {
      throw new ApiException(400, "name the series: ?series=NAME[&label=NAME:VALUE...]");
    }
    java.util.Map<String, String> labels = new java.util.TreeMap<>();
    for (String l : ctx.queryParams("label")) {
      int colon = l.indexOf(':');
      if (colon <= 0) {
        throw new ApiException(400, "label '" + l + "' must be NAME:VALUE");
      }
      labels.put(l.substring(0, colon), l.substring(colon + 1));
    }
    try {
      return SeriesKey.of(name, labels);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, e.getMessage());
    }
  }

  private <T> T rejecting(java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (ApiException e) {
      metrics.rejected.increment();
      throw e;
    }
  }

  private IngestResult store(List<IncomingPoint> batch) {
    IngestResult r = metrics.ingestTime.record(() -> engine.ingest(batch));
    metrics.recordIngest(r);
    return r;
  }

  /**
   * Runs {@code body} holding one of the ingest slots, or answers 429 when none is free. The
   * request body is read first, without a slot: a slow client holds its own connection, not
   * a slot every other client needs (8 connections sending a byte every 2 s once blocked all
   * ingest), and Jetty closes one slower than {@link #MIN_REQUEST_BYTES_PER_SECOND}.
   */
  private void withIngestSlot(Context ctx, Runnable body) throws InterruptedException {
    ctx.bodyAsBytes();
    if (!ingestSlots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
      metrics.overloaded.increment();
      ctx.header("Retry-After", "1");
      throw new ApiException(429, "busy: " + config.maxConcurrentIngests()
          + " ingest requests in flight; retry after a second");
    }
    metrics.inFlight.incrementAndGet();
    try {
      body.run();
    } finally {
      metrics.inFlight.decrementAndGet();
      ingestSlots.release();
    }
  }

  /** An anomaly as the API shows it: its series, then the point and its assessment. */
  private ObjectNode anomaly(StoredPoint p) {
    SeriesKey key = engine.view(p.seriesId()).orElseThrow().info().key();
    ObjectNode o = Json.key(key, Json.object().put("seriesId", p.seriesId()));
    o.setAll(Json.point(p));
    o.remove("status");
    o.remove("score");
    return o;
  }

  /**
   * Series by id, a page at a time: {@code ?limit=N} (10,000 by default) from after
   * {@code ?after=ID}; {@code next} is the {@code after} of the next page, absent on the last.
   */
  private void listSeries(Context ctx) {
    int limit = limit(ctx);
    long after = 0;
    String a = ctx.queryParam("after");
    if (a != null) {
      try {
        after = Long.parseLong(a);
      } catch (NumberFormatException e) {
        throw new ApiException(400, "after must be a series id (a whole number), was '" + a
            + "'");
      }
    }
    List<SeriesView> page = engine.views(after, limit);
    ObjectNode out = Json.object();
    out.set("series", Json.array(page.stream().map(Json::series).toList()));
    if (page.size() == limit) {
      out.put("next", page.get(page.size() - 1).info().id());
    }
    json(ctx, 200, out);
  }

  private void seriesPoints(Context ctx) {
    SeriesView v = seriesOf(ctx.pathParam("id"));
    long from = time(ctx, "from", Long.MIN_VALUE);
    long to = time(ctx, "to", Long.MAX_VALUE);
    int limit = limit(ctx);
    ObjectNode out = Json.object();
    out.set("series", Json.series(v));
    out.set("points", Json.array(points.points(v.info().id(), from, to, limit).stream()
        .map(Json::point).toList()));
    json(ctx, 200, out);
  }

  private void anomalies(Context ctx) {
    Long series = null;
    String s = ctx.queryParam("series");
    if (s != null) {
      series = seriesOf(s).info().id();
    }
    double min = 0;
    String m = ctx.queryParam("minProbability");
    if (m != null) {
      try {
        min = Double.parseDouble(m);
      } catch (NumberFormatException e) {
        min = Double.NaN;
      }
      if (!(min >= 0 && min <= 1)) {
        throw new ApiException(400, "minProbability must be a number in [0, 1], was '" + m
            + "'");
      }
    }
    List<StoredPoint> found = points.anomalies(series, time(ctx, "from", Long.MIN_VALUE),
        time(ctx, "to", Long.MAX_VALUE), min, limit(ctx));
    ObjectNode out = Json.object();
    out.set("anomalies", Json.array(found.stream().map(this::anomaly).toList()));
    json(ctx, 200, out);
  }

  private SeriesView seriesOf(String id) {
    return seriesOf(engine, id);
  }

  /** The series a path or query names by id: 400 when it is not a number, 404 unknown. */
  static SeriesView seriesOf(DetectionEngine engine, String id) {
    long n;
    try {
      n = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new ApiException(400, "series id must be a number, was '" + id + "'");
    }
    return engine.view(n).orElseThrow(() -> new ApiException(404, "no series " + n));
  }

  static long time(Context ctx, String param, long otherwise) {
    String t = ctx.queryParam(param);
    if (t == null || t.isBlank()) {
      return otherwise;
    }
    try {
      return Timestamps.parseMillis(t);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, param + ": " + e.getMessage());
    }
  }

  /** A positive duration query parameter ({@code 30d}, {@code 2h}), or {@code otherwise}. */
  static Duration duration(Context ctx, String param, Duration otherwise) {
    String text = ctx.queryParam(param);
    if (text == null) {
      return otherwise;
    }
    try {
      Duration d = Durations.parse(text);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("must be positive");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, param + ": " + e.getMessage());
    }
  }

  static int limit(Context ctx) {
    String l = ctx.queryParam("limit");
    if (l == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(l);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ApiException(400, "limit must be an integer from 1 to " + MAX_LIMIT + ", was '"
        + l + "'");
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
