package io.vigil.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.vigil.series.DataFormatException;
import io.vigil.series.SeriesKey;
import io.vigil.series.TimeSeries;
import io.vigil.series.TimeSeriesCsvReader;
import io.vigil.server.config.ServerConfig;
import io.vigil.server.engine.DetectionEngine;
import io.vigil.server.engine.IncomingPoint;
import io.vigil.server.engine.IngestResult;
import io.vigil.server.engine.MetricMetadata;
import io.vigil.server.engine.PointStore;
import io.vigil.server.engine.SeriesView;
import io.vigil.server.engine.StoredPoint;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The points routes: ingest (JSON, Prometheus remote write, CSV import), the series, their
 * points and the anomalies. A batch is answered once stored with every point's assessment;
 * at most {@code maxConcurrentIngests} are in flight, the rest get 429.
 */
final class PointsApi {
  private final ServerConfig config;
  private final DetectionEngine engine;
  private final PointStore points;
  private final ServerMetrics metrics;
  private final MetricMetadata metadata;
  private final PointBatchParser parser;
  private final RemoteWriteDecoder remoteWrite;
  private final Semaphore ingestSlots;

  PointsApi(ServerConfig config, DetectionEngine engine, PointStore points,
      ServerMetrics metrics, MetricMetadata metadata) {
    this.config = config;
    this.engine = engine;
    this.points = points;
    this.metrics = metrics;
    this.metadata = metadata;
    this.parser = new PointBatchParser(config.maxPointsPerRequest());
    this.remoteWrite = new RemoteWriteDecoder((int) Math.min(Integer.MAX_VALUE,
        4 * config.maxBodyBytes()), config.maxPointsPerRequest());
    this.ingestSlots = new Semaphore(config.maxConcurrentIngests());
  }

  void configure(JavalinConfig c) {
    c.routes.post("/api/v1/points", this::ingest);
    c.routes.post("/api/v1/write", this::remoteWrite);
    c.routes.post("/api/v1/import", this::importCsv);
    c.routes.get("/api/v1/series", this::listSeries);
    c.routes.get("/api/v1/series/{id}/points", this::seriesPoints);
    c.routes.get("/api/v1/anomalies", this::anomalies);
  }

  private void ingest(Context ctx) throws InterruptedException {
    withIngestSlot(ctx, () -> {
      String type = ctx.contentType();
      if (type != null && !type.startsWith("application/json")) {
        throw new ApiException(415, "Content-Type must be application/json, was " + type);
      }
      IngestResult r = store(rejecting(() -> parser.parse(ctx.bodyAsBytes())));
      HttpApi.json(ctx, 200, Json.MAPPER.valueToTree(new AnomalyBody.Ingested(r.accepted(),
          r.skipped(), r.duplicates(), r.anomalies().stream().map(this::anomaly).toList())));
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
      HttpApi.json(ctx, 200, Json.object().put("accepted", accepted).put("skipped", skipped)
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
  private AnomalyBody anomaly(StoredPoint p) {
    // The series' name alone: no view, which would read its points.
    return AnomalyBody.of(p, engine.info(p.seriesId()).orElseThrow().key());
  }

  /**
   * Series by id, a page at a time: {@code ?limit=N} (10,000 by default) from after
   * {@code ?after=ID}; {@code next} is the {@code after} of the next page, absent on the last.
   */
  private void listSeries(Context ctx) {
    int limit = RequestParams.limit(ctx);
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
    HttpApi.json(ctx, 200, out);
  }

  private void seriesPoints(Context ctx) {
    SeriesView v = seriesOf(ctx.pathParam("id"));
    long from = RequestParams.time(ctx, "from", Long.MIN_VALUE);
    long to = RequestParams.time(ctx, "to", Long.MAX_VALUE);
    int limit = RequestParams.limit(ctx);
    ObjectNode out = Json.object();
    out.set("series", Json.series(v));
    out.set("points", Json.array(points.points(v.info().id(), from, to, limit).stream()
        .map(Json::point).toList()));
    HttpApi.json(ctx, 200, out);
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
    List<StoredPoint> found = points.anomalies(series, RequestParams.time(ctx, "from", Long.MIN_VALUE),
        RequestParams.time(ctx, "to", Long.MAX_VALUE), min, RequestParams.limit(ctx));
    ObjectNode out = Json.object();
    out.set("anomalies", Json.MAPPER.valueToTree(found.stream().map(this::anomaly).toList()));
    HttpApi.json(ctx, 200, out);
  }

  private SeriesView seriesOf(String id) {
    return RequestParams.seriesOf(engine, id);
  }
}
