package io.vigil.server.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.detect.Assessment;
import io.vigil.series.SeriesKey;
import io.vigil.server.alert.PredictiveEvaluator;
import io.vigil.server.engine.DetectionEngine;
import io.vigil.server.engine.SeriesView;
import io.vigil.server.model.ModelHealth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code /metrics}: Vigil's own health through Micrometer, then, per series, the latest
 * anomaly probability, expected value and band, labelled with the series' own name (as
 * {@code vigil_series}) and labels, so Grafana can draw the band and Prometheus can alert on
 * the probability. The per-series families are written directly: a Micrometer gauge per
 * series would cost a registry entry each for values the engine already holds.
 */
public final class ServerMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final Counter pointsIngested = Counter.builder("vigil_points_ingested")
      .description("Points stored with their assessment").register(registry);
  final Counter duplicates = Counter.builder("vigil_points_duplicate")
      .description("Points left out because their series already had them (retries)")
      .register(registry);
  final Counter anomalies = Counter.builder("vigil_anomalies")
      .description("Points stored as anomalies").register(registry);
  final Counter rejected = Counter.builder("vigil_ingest_rejected")
      .description("Ingest requests refused for bad input").register(registry);
  final Counter overloaded = Counter.builder("vigil_ingest_overloaded")
      .description("Ingest requests refused with 429 while busy").register(registry);
  final Counter samplesStale = Counter.builder("vigil_remote_write_samples_dropped")
      .tag("reason", "stale").description("Remote-write samples left out: staleness markers"
          + " (a series is gone) or NaN and infinite values (no detector learns from them)")
      .register(registry);
  final Counter samplesNotFinite = Counter.builder("vigil_remote_write_samples_dropped")
      .tag("reason", "not_finite").description("Remote-write samples left out: staleness"
          + " markers (a series is gone) or NaN and infinite values (no detector learns from"
          + " them)").register(registry);
  /** Counts rows deleted by retention, by kind (points, events, alerts). */
  public void retentionDeleted(String kind, long rows) {
    Counter.builder("vigil_retention_deleted").tag("kind", kind)
        .description("Rows deleted because they were older than the retention setting")
        .register(registry).increment(rows);
  }

  final Counter storeErrors = Counter.builder("vigil_store_errors")
      .description("Requests that failed because the store failed").register(registry);
  final Timer ingestTime = Timer.builder("vigil_ingest_duration")
      .description("Detection and durable storage of one ingest request")
      .publishPercentiles(0.5, 0.99).register(registry);
  final AtomicInteger inFlight = new AtomicInteger();

  private java.util.function.Supplier<List<PredictiveEvaluator.Estimate>> estimates =
      List::of;
  private java.util.function.Supplier<List<ModelHealth>> models = List::of;

  /** Adds whether the store can write ({@code vigil_store_writable}) and its free space. */
  public void store(io.vigil.server.store.StoreHealth store) {
    Gauge.builder("vigil_store_writable", store, s -> s.writeFailure() == null ? 1 : 0)
        .description("1 while the store's last write succeeded, 0 after a failed one (disk"
            + " full, I/O error) until one succeeds again").register(registry);
    Gauge.builder("vigil_store_free_bytes", store, io.vigil.server.store.StoreHealth::freeBytes)
        .description("Bytes free on the store's file system").register(registry);
  }

  /** Adds the health of every series' champion model ({@code vigil_model_*}). */
  public void models(java.util.function.Supplier<List<ModelHealth>> health) {
    this.models = health;
  }

  /**
   * Adds the predictive rules' estimates ({@code vigil_forecast_crossing_seconds}) and their
   * evaluation queue.
   */
  public void predictions(PredictiveEvaluator predictive) {
    this.estimates = predictive::estimates;
    Gauge.builder("vigil_prediction_queue", predictive, PredictiveEvaluator::pending)
        .description("Predictive evaluations waiting or running").register(registry);
    Gauge.builder("vigil_prediction_dropped", predictive, PredictiveEvaluator::dropped)
        .description("Predictive evaluations dropped because the queue was full")
        .register(registry);
  }

  /** Metrics over {@code engine}. */
  public ServerMetrics(DetectionEngine engine) {
    Gauge.builder("vigil_ingest_in_flight", inFlight, AtomicInteger::get)
        .description("Ingest requests being served or waiting for the engine")
        .register(registry);
    Gauge.builder("vigil_series", engine, DetectionEngine::seriesTotal)
        .description("Series known").register(registry);
    Gauge.builder("vigil_series_in_memory", engine, DetectionEngine::seriesInMemory)
        .description("Series whose detectors are in memory").register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder("vigil_series_evicted", engine,
        DetectionEngine::evictions).description("Series dropped from memory (checkpointed),"
            + " restored on their next point").register(registry);
    new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
  }

  /** Counts what an ingest stored. */
  public void recordIngest(io.vigil.server.engine.IngestResult r) {
    pointsIngested.increment(r.accepted());
    duplicates.increment(r.duplicates());
    anomalies.increment(r.anomalies().size());
  }

  /** The exposition text: Vigil's health, then every series' latest assessment. */
  public String scrape(DetectionEngine engine) {
    StringBuilder b = new StringBuilder(registry.scrape());
    var views = engine.liveViews(); // a scrape must work while the store cannot
    family(b, "vigil_anomaly_probability", "Anomaly probability of the series' newest point",
        views, Assessment::probability);
    family(b, "vigil_expected_value", "The value the detector expected", views,
        Assessment::expected);
    family(b, "vigil_expected_lower", "The lower edge of the normal band", views,
        Assessment::lower);
    family(b, "vigil_expected_upper", "The upper edge of the normal band", views,
        Assessment::upper);
    b.append("# HELP vigil_forecast_crossing_seconds Expected seconds until the series reaches"
        + " a prediction rule's limit\n# TYPE vigil_forecast_crossing_seconds gauge\n");
    for (PredictiveEvaluator.Estimate e : estimates.get()) {
      if (!Double.isNaN(e.secondsToCrossing())) {
        String l = labels(e.key());
        b.append("vigil_forecast_crossing_seconds").append(l, 0, l.length() - 1)
            .append(",rule=\"").append(SeriesKey.escape(e.rule())).append("\"} ")
            .append(e.secondsToCrossing()).append('\n');
      }
    }
    modelFamilies(b, views);
    return b.toString();
  }

  /** One family per monitored figure, each champion's series labels plus its model id. */
  private void modelFamilies(StringBuilder b, List<SeriesView> views) {
    List<ModelHealth> all = models.get();
    if (all.isEmpty()) {
      return;
    }
    Map<Long, SeriesKey> keys = new java.util.HashMap<>();
    views.forEach(v -> keys.put(v.info().id(), v.info().key()));
    modelFamily(b, "vigil_model_alert_rate", "Share of the champion's recent points flagged",
        all, keys, ModelHealth::alertRate);
    modelFamily(b, "vigil_model_training_alert_rate", "Share flagged on its validation data",
        all, keys, ModelHealth::trainingAlertRate);
    modelFamily(b, "vigil_model_score_drift", "Population stability index of recent"
        + " probabilities against the validation data's", all, keys, ModelHealth::drift);
    modelFamily(b, "vigil_model_last_training_timestamp_seconds", "When the champion was"
        + " trained", all, keys, h -> h.lastTrainingMs() / 1000.0);
    modelFamily(b, "vigil_model_silent_seconds", "Seconds since the series' last point", all,
        keys, h -> h.silentMs() / 1000.0);
    modelFamily(b, "vigil_model_healthy", "1 when the champion is healthy, 0 when degraded",
        all, keys, h -> h.status().equals("ok") ? 1 : 0);
  }

  private static void modelFamily(StringBuilder b, String name, String help,
      List<ModelHealth> all, Map<Long, SeriesKey> keys,
      java.util.function.ToDoubleFunction<ModelHealth> f) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(" gauge\n");
    for (ModelHealth h : all) {
      SeriesKey key = keys.get(h.seriesId());
      double value = f.applyAsDouble(h);
      if (key == null || Double.isNaN(value)) {
        continue;
      }
      String l = labels(key);
      b.append(name).append(l, 0, l.length() - 1).append(",model_id=\"")
          .append(h.version().id()).append("\"} ").append(value).append('\n');
    }
  }

  private static void family(StringBuilder b, String name, String help,
      java.util.List<SeriesView> views, java.util.function.ToDoubleFunction<Assessment> f) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(" gauge\n");
    for (SeriesView v : views) {
      if (v.last() == null) {
        continue;
      }
      double value = f.applyAsDouble(v.last());
      if (Double.isNaN(value)) {
        continue;
      }
      b.append(name).append(labels(v.info().key())).append(' ').append(value).append(' ')
          .append(v.lastTimestampMs()).append('\n');
    }
  }

  private static String labels(SeriesKey key) {
    StringBuilder b = new StringBuilder("{vigil_series=\"").append(key.name()).append('"');
    for (Map.Entry<String, String> e : key.labels().entrySet()) {
      if (!e.getKey().equals("vigil_series")) {
        b.append(',').append(e.getKey()).append("=\"").append(SeriesKey.escape(e.getValue()))
            .append('"');
      }
    }
    return b.append('}').toString();
  }
}
