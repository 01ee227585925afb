package io.vigil.server;

import io.javalin.Javalin;
import io.vigil.detect.catalog.DetectorSpec;
import io.vigil.server.alert.Alert;
import io.vigil.server.alert.AlertEvaluator;
import io.vigil.server.alert.AlertStore;
import io.vigil.server.alert.AlertView;
import io.vigil.server.alert.Dispatcher;
import io.vigil.server.alert.IncidentOrigin;
import io.vigil.server.alert.PredictiveEvaluator;
import io.vigil.server.api.AlertApi;
import io.vigil.server.api.BehaviourApi;
import io.vigil.server.api.ForecastApi;
import io.vigil.server.api.HttpApi;
import io.vigil.server.api.ModelApi;
import io.vigil.server.api.ServerMetrics;
import io.vigil.server.config.PullQuery;
import io.vigil.server.config.ServerConfig;
import io.vigil.server.config.VigilConfig;
import io.vigil.server.engine.DetectionEngine;
import io.vigil.server.engine.MetricMetadata;
import io.vigil.server.forecast.SeriesForecaster;
import io.vigil.server.model.Models;
import io.vigil.server.pull.PromQlPuller;
import io.vigil.server.registry.ModelRegistry;
import io.vigil.server.store.sql.SqlStores;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: store, engine, alerting and HTTP API wired together. {@link #start}
 * opens the store, restores every series' detector (checkpoint plus replay) and the open
 * alerts, then listens; {@link #stop} stops listening, checkpoints every series and closes
 * the store.
 */
public final class VigilServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VigilServer.class);
  private static final long SWEEP_SECONDS = 15;
  private static final long REFRESH_SECONDS = 60;

  private final SqlStores stores;
  private final DetectionEngine engine;
  private final Dispatcher dispatcher;
  private final PredictiveEvaluator predictive;
  private final Models models;
  private final ScheduledExecutorService background;
  private final Javalin http;
  private final io.vigil.server.host.HostDetection hosts;
  private final RetentionPass retention;
  private boolean stopped;

  private VigilServer(SqlStores stores, DetectionEngine engine, Dispatcher dispatcher,
      PredictiveEvaluator predictive, Models models, ScheduledExecutorService background,
      Javalin http, io.vigil.server.host.HostDetection hosts, RetentionPass retention) {
    this.hosts = hosts;
    this.retention = retention;
    this.predictive = predictive;
    this.models = models;
    this.stores = stores;
    this.engine = engine;
    this.dispatcher = dispatcher;
    this.background = background;
    this.http = http;
  }

  /** Starts a server with no alerting and one detector for every series. */
  public static VigilServer start(ServerConfig config) {
    return start(VigilConfig.of(config));
  }

  /**
   * Starts a server.
   *
   * @throws IllegalArgumentException for an unknown detector
   * @throws io.vigil.server.store.StoreException when the store cannot be opened
   */
  public static VigilServer start(VigilConfig vigil) {
    ServerConfig config = vigil.server();
    try {
      DetectorSpec.parse(config.detector());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("detector '" + config.detector() + "': "
          + e.getMessage(), e);
    }
    SqlStores stores = SqlStores.open(config.store(), config.dataDir(), config.minFreeBytes());
    var store = stores.series();
    var points = stores.points();
    PredictiveEvaluator predictive = null;
    Models models = null;
    ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "vigil-background");
      t.setDaemon(true);
      return t;
    });
    try {
      AlertStore alerts = stores.alerts();
      var base = new java.util.concurrent.atomic.AtomicReference<>(config.scheme() + "://"
          + config.host() + ":" + config.port());
      Dispatcher dispatcher = new Dispatcher(vigil.notifiers(), alerts,
          System::currentTimeMillis, base::get);
      MetricMetadata metadata = new MetricMetadata();
      AlertEvaluator evaluator = new AlertEvaluator(vigil.alerts(), alerts, dispatcher,
          System::currentTimeMillis, new IncidentOrigin(points), metadata::unit);
      SeriesForecaster forecaster = new SeriesForecaster(points);
      predictive = new PredictiveEvaluator(vigil.predictions(), alerts, dispatcher,
          forecaster, System::currentTimeMillis);
      closeOrphans(vigil, alerts, dispatcher);
      java.nio.file.Path keyFile = modelKeyFile(config);
      boolean keyIsNew = !java.nio.file.Files.exists(keyFile);
      ModelRegistry registry = stores.registry(modelKey(keyFile), keyIsNew);
      java.util.function.Function<io.vigil.series.SeriesKey, String> detectorFor =
          key -> vigil.detectorFor(key, metadata.isCounter(key));
      io.vigil.server.host.HostDetection hosts =
          new io.vigil.server.host.HostDetection(vigil.hosts(),
              stores.hosts(), evaluator::storedWithCauses);
      DetectionEngine engine = new DetectionEngine(store, points, stores.checkpoints(), registry,
          System::currentTimeMillis, detectorFor, config.anomalyProbability(),
          config.checkpointEvery(), evaluator.andThen(predictive).andThen(hosts),
          config.maxSeries(), config.seriesInMemory());
      engine.warmStartWith(new io.vigil.server.engine.WarmStarter(store, points,
          vigil::warmStartFor));
      // Nothing is loaded now: each series is restored (checkpoint plus replay) on its next
      // point, so a start takes as long with a million series as with one.
      LOG.info("{} series in {}; up to {} held in memory", engine.seriesTotal(),
          config.store().embedded() ? config.dataDir() : config.store(),
          config.seriesInMemory());
      models = Models.create(engine, store, points, alerts, registry,
          stores.labels(), stores.trainingJobs(), vigil.models(),
          config.anomalyProbability(), System::currentTimeMillis);
      ServerMetrics metrics = new ServerMetrics(engine);
      metrics.store(stores.health());
      metrics.models(models::health);
      io.vigil.server.security.ApiTokens tokens = new io.vigil.server.security.ApiTokens(
          stores.tokens(), System::currentTimeMillis);
      if (!io.vigil.server.api.HttpApi.loopback(config.host()) && !tokens.any()) {
        throw new IllegalArgumentException("Vigil will not listen on " + config.host()
            + " without authentication: anyone who can reach it could change it. Create a"
            + " token first (vigil token create --name NAME --role admin --data-dir "
            + config.dataDir() + "), or listen on 127.0.0.1");
      }
      HttpApi api = new HttpApi(config, engine, points, stores.health(), metrics, metadata, tokens);
      AlertApi alertApi = new AlertApi(alerts);
      ForecastApi forecastApi = new ForecastApi(engine, forecaster, predictive);
      BehaviourApi behaviourApi = new BehaviourApi(stores.events(),
          vigil.eventPrivacy(), config.maxPointsPerRequest());
      ModelApi modelApi = new ModelApi(models, engine, store, detectorFor);
      io.vigil.server.api.HostApi hostApi = new io.vigil.server.api.HostApi(hosts);
      io.vigil.server.api.AuditApi auditApi = new io.vigil.server.api.AuditApi(
          stores.audit(), System::currentTimeMillis);
      io.vigil.server.security.TlsEndpoint tls = config.tls() == null ? null
          : new io.vigil.server.security.TlsEndpoint(config.tls().certificate(),
              config.tls().key());
      io.vigil.server.api.DashboardApi dashboardApi = new io.vigil.server.api.DashboardApi(engine,
          points, alerts, metadata::unit, stores.hosts(),
          config.anomalyProbability(), System::currentTimeMillis);
      // Final copies for the report's lambda (the originals are assigned inside this try).
      AlertStore alertStore = alerts;
      Models modelSet = models;
      PredictiveEvaluator predictions = predictive;
      io.vigil.server.model.LabelStore labelStore = stores.labels();
      io.vigil.server.api.ReportApi reportApi = new io.vigil.server.api.ReportApi((from, until)
          -> io.vigil.server.report.OperationsReport.of(from, until, alertStore, points,
              labelStore, engine, modelSet::health, predictions::estimates),
          System::currentTimeMillis);
      Javalin http = Javalin.create(c -> {
        c.jetty.host = config.host();
        c.jetty.port = config.port();
        if (tls != null) {
          // The only connector: with TLS configured nothing is served in clear.
          c.jetty.addConnector((server, plain) ->
              tls.connector(server, plain, config.host(), config.port()));
        }
        c.startup.showJavalinBanner = false;
        api.configure(c);
        alertApi.configure(c);
        forecastApi.configure(c);
        behaviourApi.configure(c);
        modelApi.configure(c);
        hostApi.configure(c);
        auditApi.configure(c);
        dashboardApi.configure(c);
        reportApi.configure(c);
        // The dashboard: static files from the jar, served to anyone (they hold no data; the
        // API calls they make need a token like any other client's).
        c.staticFiles.add(files -> {
          files.hostedPath = "/";
          files.directory = "/dashboard";
          files.location = io.javalin.http.staticfiles.Location.CLASSPATH;
          files.headers = DASHBOARD_HEADERS;
        });
        c.staticFiles.enableWebjars();
      });
      http.start();
      base.set(config.scheme() + "://" + config.host() + ":" + http.port());
      if (tls != null) {
        background.scheduleWithFixedDelay(() -> run("TLS certificate reload",
            tls::reloadIfChanged), 60, 60, TimeUnit.SECONDS);
      }
      background.scheduleWithFixedDelay(() -> run("filing logged points",
          stores::applyInSteps), 1, 1, TimeUnit.SECONDS);
      background.scheduleWithFixedDelay(() -> run("store write probe", stores::probe), 1, 1,
          TimeUnit.SECONDS);
      background.scheduleWithFixedDelay(() -> run("alert sweep", evaluator::sweep),
          SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
      background.scheduleWithFixedDelay(() -> run("alert refresh",
          () -> dispatcher.refresh(evaluator.firing())), REFRESH_SECONDS, REFRESH_SECONDS,
          TimeUnit.SECONDS);
      metrics.predictions(predictive);
      RetentionPass retention = new RetentionPass(vigil.retention(),
          stores.retention(), metrics, System::currentTimeMillis);
      if (vigil.retention().deletes()) {
        background.scheduleWithFixedDelay(() -> run("retention", retention::run), 1, 60,
            TimeUnit.MINUTES);
      }
      for (PullQuery q : vigil.pulls()) {
        PromQlPuller puller = new PromQlPuller(q, batch -> metrics.recordIngest(
            engine.ingest(batch)), System::currentTimeMillis);
        background.scheduleWithFixedDelay(() -> run("pull " + q.query(), () -> {
          try {
            puller.pullOnce();
          } catch (java.io.IOException e) {
            LOG.warn("pull '{}' failed, will retry the same range: {}", q.query(),
                e.getMessage());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }), 0, q.every().toMillis(), TimeUnit.MILLISECONDS);
      }
      return new VigilServer(stores, engine, dispatcher, predictive, models, background, http,
          hosts, retention);
    } catch (RuntimeException e) {
      background.shutdownNow();
      if (models != null) {
        models.close();
      }
      if (predictive != null) {
        predictive.close();
      }
      stores.close();
      throw e;
    }
  }

  /**
   * Ends the open alerts of rules the configuration no longer has: nothing would ever
   * resolve them. A firing one is resolved (and its notifiers told), a pending one cancelled.
   */
  private static void closeOrphans(VigilConfig vigil, AlertStore alerts, Dispatcher dispatcher) {
    java.util.Set<String> rules = new java.util.HashSet<>();
    vigil.alerts().forEach(r -> rules.add(r.name()));
    vigil.predictions().forEach(r -> rules.add(r.name()));
    long now = System.currentTimeMillis();
    for (AlertView v : alerts.activeAlerts()) {
      if (rules.contains(v.rule())) {
        continue;
      }
      boolean fired = v.state() == Alert.State.FIRING;
      AlertView closed = new AlertView(v.id(), v.rule(), v.labels(), fired
          ? Alert.State.RESOLVED : Alert.State.CANCELLED, v.startsMs(), v.firedMs(),
          Math.max(now, v.startsMs()), v.lastAnomalyMs(), v.maxProbability(), v.anomalies(),
          v.lastValue(), v.lastExpected(), v.lastDirection(), v.summary(), v.causes());
      alerts.saveAlert(closed);
      LOG.info("alert {} of rule '{}', which the configuration no longer has, {}", v.id(),
          v.rule(), fired ? "resolved" : "cancelled");
      if (fired) {
        dispatcher.send(closed, "resolved");
      }
    }
  }

  /**
   * The key that signs model versions: {@code $VIGIL_MODEL_KEY_FILE}, else {@code model.key} in
   * the data directory, made (owner-only) on the first start.
   */
  private static java.nio.file.Path modelKeyFile(ServerConfig config) {
    String given = System.getenv("VIGIL_MODEL_KEY_FILE");
    return given != null && !given.isBlank() ? java.nio.file.Path.of(given)
        : config.dataDir().resolve("model.key");
  }

  private static io.vigil.model.ModelKey modelKey(java.nio.file.Path file) {
    try {
      return io.vigil.model.ModelKey.readOrCreate(file);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(file + ": cannot read or make the model key: "
          + e.getMessage(), e);
    }
  }

  private static void run(String what, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.error("{} failed", what, e);
    }
  }

  /**
   * What the dashboard's files are served with: scripts and styles from this server only, no
   * framing (clickjacking), no guessing of content types.
   */
  private static final java.util.Map<String, String> DASHBOARD_HEADERS = java.util.Map.of(
      "Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'"
          + " 'unsafe-inline'; img-src 'self' data:; connect-src 'self';"
          + " frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
      "X-Content-Type-Options", "nosniff",
      "Referrer-Policy", "no-referrer",
      "Cache-Control", "no-cache");

  /**
   * Applies the retention settings now, as the hourly pass does, and returns the rows deleted
   * by kind.
   */
  public java.util.Map<String, Long> applyRetention() {
    return retention.runOnce();
  }

  /** The port it listens on. */
  public int port() {
    return http.port();
  }

  /** Stops listening, checkpoints every series, closes the store. Idempotent. */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    http.stop();
    background.shutdownNow();
    try {
      // A pull or a retention pass in flight finishes its write before the store closes.
      background.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    models.close();
    predictive.close();
    dispatcher.close();
    try {
      stores.applyPending();
      hosts.checkpointAll();
      int n = engine.checkpointAll();
      LOG.info("stopped: {} series checkpointed", n);
    } catch (io.vigil.server.store.StoreException e) {
      // Every acknowledged batch is in the ingest log; the next start files it and replays.
      LOG.warn("stopped without filing or checkpointing everything (the next start will): {}",
          e.getMessage());
    } finally {
      stores.close();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
