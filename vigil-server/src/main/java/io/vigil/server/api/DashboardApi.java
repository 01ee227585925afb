package io.vigil.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.vigil.series.SeriesKey;
import io.vigil.series.Timestamps;
import io.vigil.server.alert.AlertStore;
import io.vigil.server.alert.AlertView;
import io.vigil.server.engine.DetectionEngine;
import io.vigil.server.engine.PointStore;
import io.vigil.server.engine.SeriesView;
import io.vigil.server.engine.StoredPoint;
import io.vigil.server.host.HostStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What the dashboard reads, shaped for a screen: which series are anomalous now, ranked; a
 * swim lane of entities × time; and a series' chart, downsampled so that it never carries
 * more buckets than the chart has pixels. Plain documented routes, open to any client.
 *
 * <ul>
 *   <li>{@code GET /api/v1/now?window=6h&q=&limit=50&offset=0}: the series with anomalies in
 *       the window ending now, highest probability first, each with when its anomalies began,
 *       its latest value against what was expected (with the metric's unit), and the alert
 *       open on it.
 *   <li>{@code GET /api/v1/swimlane?window=24h&buckets=48&groupBy=LABEL&limit=50}: one row per
 *       value of {@code groupBy} (or per series name without it), each cell the highest
 *       anomaly probability of its rows' series in that stretch of time.
 *   <li>{@code GET /api/v1/series/{id}/chart?from=&to=&width=800}: the values in at most
 *       {@code width} buckets (first, last, lowest and highest value, the band's widest
 *       extent and the highest probability of each), and the anomalies in the range.
 *   <li>{@code GET /api/v1/alerts/{id}/series}: the series an alert covers (at most 100).
 * </ul>
 */
public final class DashboardApi {
  /** Anomalies read for one ranking at most: beyond, the oldest of the window are left out. */
  static final int MAX_ANOMALIES = 100_000;
  private static final int MAX_WIDTH = 4_000;
  private static final int MAX_BUCKETS = 500;

  private final DetectionEngine engine;
  private final PointStore points;
  private final AlertStore alerts;
  private final Function<SeriesKey, String> units;
  private final HostStore hosts;
  private final double anomalyProbability;
  private final LongSupplier clock;

  /**
   * @param hosts where host rules keep their judged rows
   * @param anomalyProbability from which a host's row counts as anomalous
   */
  public DashboardApi(DetectionEngine engine, PointStore points, AlertStore alerts,
      Function<SeriesKey, String> units, HostStore hosts, double anomalyProbability,
      LongSupplier clock) {
    this.engine = engine;
    this.points = points;
    this.alerts = alerts;
    this.units = units;
    this.hosts = hosts;
    this.anomalyProbability = anomalyProbability;
    this.clock = clock;
  }

  public void configure(JavalinConfig c) {
    c.routes.get("/api/v1/now", this::now);
    c.routes.get("/api/v1/swimlane", this::swimlane);
    c.routes.get("/api/v1/series/{id}/chart", this::chart);
    c.routes.get("/api/v1/alerts/{id}/series", this::alertSeries);
  }

  /** The series an alert covers: its own for a per-series rule, its group's otherwise. */
  private void alertSeries(Context ctx) {
    String text = ctx.pathParam("id");
    long id;
    try {
      id = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ApiException(400, "id must be a number, was '" + text + "'");
    }
    AlertView a = alerts.alert(id).orElseThrow(() -> new ApiException(404, "no alert " + id));
    ArrayNode list = Json.MAPPER.createArrayNode();
    for (var info : engine.seriesInfos()) {
      if (covers(a, info.key())) {
        ObjectNode o = list.addObject().put("id", info.id());
        Json.key(info.key(), o);
        if (list.size() >= 100) {
          break;
        }
      }
    }
    ObjectNode out = Json.object();
    out.set("series", list);
    HttpApi.json(ctx, 200, out);
  }

  /** A series' anomalies in the window: the ranking's unit. */
  private static final class Hot {
    final long seriesId;
    double maxProbability;
    long firstMs = Long.MAX_VALUE;
    long lastMs = Long.MIN_VALUE;
    int anomalies;

    Hot(long seriesId) {
      this.seriesId = seriesId;
    }

    void add(StoredPoint p) {
      maxProbability = Math.max(maxProbability, p.assessment().probability());
      firstMs = Math.min(firstMs, p.timestampMs());
      lastMs = Math.max(lastMs, p.timestampMs());
      anomalies++;
    }
  }

  private void now(Context ctx) {
    Duration window = RequestParams.duration(ctx, "window", Duration.ofHours(6));
    long until = RequestParams.time(ctx, "until", clock.getAsLong());
    int limit = RequestParams.bounded(ctx, "limit", 50, 1, 1_000);
    int offset = RequestParams.bounded(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip()
        .toLowerCase(Locale.ROOT);
    long from = until - window.toMillis();
    Map<Long, Hot> hot = new HashMap<>();
    for (StoredPoint p : points.anomalies(null, from, until + 1, 0, MAX_ANOMALIES)) {
      hot.computeIfAbsent(p.seriesId(), Hot::new).add(p);
    }
    // Ranked and filtered on names alone; views (which read points) only for the page shown.
    List<Hot> ranked = new ArrayList<>();
    hot.values().stream()
        .sorted(Comparator.comparingDouble((Hot h) -> -h.maxProbability)
            .thenComparingLong(h -> -h.lastMs).thenComparingLong(h -> h.seriesId))
        .forEach(h -> engine.info(h.seriesId).ifPresent(info -> {
          if (q.isEmpty() || info.key().toString().toLowerCase(Locale.ROOT).contains(q)) {
            ranked.add(h);
          }
        }));
    List<AlertView> open = alerts.activeAlerts();
    List<NowBody.Entry> page = new ArrayList<>();
    for (Hot h : ranked.subList(Math.min(offset, ranked.size()),
        Math.min(ranked.size(), offset + limit))) {
      engine.view(h.seriesId).ifPresent(v -> page.add(entry(v, h, open)));
    }
    HttpApi.json(ctx, 200, Json.MAPPER.valueToTree(new NowBody(Timestamps.format(from),
        Timestamps.format(until), ranked.size(), page, hostEntries(from, until, q))));
  }

  /**
   * The hosts (of host rules) with anomalous rows in the window, most probable first, each
   * with the metrics that contributed most to its most anomalous row.
   */
  private List<NowBody.Host> hostEntries(long from, long until, String q) {
    Map<String, List<HostStore.HostRow>> byHost = new java.util.LinkedHashMap<>();
    for (HostStore.HostRow r : hosts.anomalousRows(from, until, anomalyProbability,
        MAX_ANOMALIES)) {
      if (q.isEmpty() || r.host().toLowerCase(Locale.ROOT).contains(q)
          || r.rule().toLowerCase(Locale.ROOT).contains(q)) {
        byHost.computeIfAbsent(r.rule() + "\u0000" + r.host(), k -> new ArrayList<>()).add(r);
      }
    }
    return byHost.values().stream().limit(50).map(rows -> {
      HostStore.HostRow top = rows.get(0); // rows come most probable first
      long since = rows.stream().mapToLong(HostStore.HostRow::timestampMs).min().orElseThrow();
      long last = rows.stream().mapToLong(HostStore.HostRow::timestampMs).max().orElseThrow();
      return new NowBody.Host(top.rule(), top.host(), top.probability(), rows.size(),
          Timestamps.format(since), since, Timestamps.format(last), last,
          top.contributors().stream().limit(3).map(c -> new HostBodies.Contributor(c.metric(),
              c.share())).toList());
    }).toList();
  }

  private NowBody.Entry entry(SeriesView v, Hot h, List<AlertView> open) {
    NowBody.OpenAlert alert = open.stream().filter(a -> covers(a, v.info().key())).findFirst()
        .map(a -> new NowBody.OpenAlert(a.id(), a.rule(), a.state().name()
            .toLowerCase(Locale.ROOT), a.text())).orElse(null);
    return new NowBody.Entry(SeriesBody.of(v), h.maxProbability, h.anomalies,
        Timestamps.format(h.firstMs), h.firstMs, Timestamps.format(h.lastMs), h.lastMs,
        units.apply(v.info().key()), alert);
  }

  /** Whether every label of {@code a} (but its name) is the series' own. */
  static boolean covers(AlertView a, SeriesKey key) {
    for (Map.Entry<String, String> l : a.labels().entrySet()) {
      String k = l.getKey();
      String have = k.equals("vigil_series") ? key.name() : key.labels().get(k);
      if (!k.equals("alertname") && !l.getValue().equals(have)) {
        return false;
      }
    }
    return true;
  }

  private void swimlane(Context ctx) {
    Duration window = RequestParams.duration(ctx, "window", Duration.ofHours(24));
    long until = RequestParams.time(ctx, "until", clock.getAsLong());
    int buckets = RequestParams.bounded(ctx, "buckets", 48, 1, MAX_BUCKETS);
    int limit = RequestParams.bounded(ctx, "limit", 50, 1, 1_000);
    String groupBy = ctx.queryParam("groupBy");
    long from = until - window.toMillis();
    double width = (double) window.toMillis() / buckets;
    Map<String, double[]> rows = new HashMap<>();
    Map<String, java.util.Set<Long>> members = new HashMap<>();
    Map<Long, String> entityOf = new HashMap<>();
    for (StoredPoint p : points.anomalies(null, from, until + 1, 0, MAX_ANOMALIES)) {
      String entity = entityOf.computeIfAbsent(p.seriesId(), id -> engine.info(id)
          .map(info -> groupBy == null || groupBy.isBlank() ? info.key().name()
              : info.key().labels().get(groupBy)).orElse(null));
      if (entity == null) {
        continue; // a series without the label is in no row
      }
      int b = (int) Math.min(buckets - 1, Math.max(0, (p.timestampMs() - from) / width));
      double[] cells = rows.computeIfAbsent(entity, e -> new double[buckets]);
      cells[b] = Math.max(cells[b], p.assessment().probability());
      members.computeIfAbsent(entity, e -> new java.util.TreeSet<>()).add(p.seriesId());
    }
    List<SwimlaneBody.Row> list = rows.entrySet().stream()
        .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -max(e.getValue()))
            .thenComparing(Map.Entry::getKey))
        .limit(limit)
        .map(e -> new SwimlaneBody.Row(e.getKey(), java.util.Arrays.stream(e.getValue())
            .boxed().toList(), List.copyOf(members.get(e.getKey()))))
        .toList();
    ObjectNode out = Json.MAPPER.valueToTree(new SwimlaneBody(Timestamps.format(from), from,
        Timestamps.format(until), until, (long) width,
        groupBy == null || groupBy.isBlank() ? null : groupBy, list));
    HttpApi.json(ctx, 200, out);
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static double max(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, x);
    }
    return m;
  }

  /** One chart bucket's summary. */
  private static final class Bucket {
    long firstMs;
    long lastMs;
    double first;
    double last;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double expected = Double.NaN;
    double lower = Double.POSITIVE_INFINITY;
    double upper = Double.NEGATIVE_INFINITY;
    double probability;
    int n;

    void add(StoredPoint p) {
      double v = p.value();
      if (n++ == 0) {
        firstMs = p.timestampMs();
        first = v;
      }
      lastMs = p.timestampMs();
      last = v;
      if (Double.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      var a = p.assessment();
      if (Double.isFinite(a.expected())) {
        expected = a.expected();
      }
      if (Double.isFinite(a.lower())) {
        lower = Math.min(lower, a.lower());
      }
      if (Double.isFinite(a.upper())) {
        upper = Math.max(upper, a.upper());
      }
      probability = Math.max(probability, a.probability());
    }
  }

  private void chart(Context ctx) {
    SeriesView v = RequestParams.seriesOf(engine, ctx.pathParam("id"));
    long id = v.info().id();
    int width = RequestParams.bounded(ctx, "width", 800, 10, MAX_WIDTH);
    long to = RequestParams.time(ctx, "to", v.lastTimestampMs() == Long.MIN_VALUE ? clock.getAsLong()
        : v.lastTimestampMs());
    long from = RequestParams.time(ctx, "from", Long.MIN_VALUE);
    if (from == Long.MIN_VALUE) {
      List<StoredPoint> first = points.points(id, Long.MIN_VALUE, to, 1);
      from = first.isEmpty() ? to : first.get(0).timestampMs();
    }
    if (from > to) {
      throw new ApiException(400, "from must not be after to");
    }
    long start = from;
    double span = Math.max(1, to - from + 1);
    Bucket[] buckets = new Bucket[width];
    points.scan(id, -1, from, to, p -> {
      int b = (int) Math.min(width - 1, (p.timestampMs() - start) * (double) width / span);
      (buckets[b] == null ? buckets[b] = new Bucket() : buckets[b]).add(p);
    });
    List<ChartBody.Bucket> list = new ArrayList<>();
    for (Bucket b : buckets) {
      if (b != null) {
        list.add(new ChartBody.Bucket(b.firstMs, b.lastMs, b.n, finite(b.first),
            finite(b.last), finite(b.min), finite(b.max), finite(b.expected), finite(b.lower),
            finite(b.upper), b.probability));
      }
    }
    List<StoredPoint> found = points.anomalies(id, from, to + 1, 0, 1_000);
    List<PointBody> anomalies = new ArrayList<>();
    for (int i = found.size() - 1; i >= 0; i--) {
      anomalies.add(PointBody.of(found.get(i)));
    }
    ObjectNode out = Json.MAPPER.valueToTree(new ChartBody(Json.series(v),
        units.apply(v.info().key()), from, to, width, list, anomalies));
    HttpApi.json(ctx, 200, out);
  }

}
