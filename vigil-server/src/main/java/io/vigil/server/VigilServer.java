package io.vigil.server;

import io.javalin.Javalin;
import io.vigil.detect.StreamingDetectors;
import io.vigil.server.api.HttpApi;
import io.vigil.server.api.ServerMetrics;
import io.vigil.server.engine.DetectionEngine;
import io.vigil.server.store.SqliteStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: store, engine and HTTP API wired together. {@link #start} opens the
 * store, restores every series' detector (checkpoint plus replay), then listens;
 * {@link #stop} stops listening, checkpoints every series and closes the store.
 */
public final class VigilServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VigilServer.class);
  private final SqliteStore store;
  private final DetectionEngine engine;
  private final Javalin http;
  private boolean stopped;

  private VigilServer(SqliteStore store, DetectionEngine engine, Javalin http) {
    this.store = store;
    this.engine = engine;
    this.http = http;
  }

  /**
   * Starts a server.
   *
   * @throws IllegalArgumentException for an unknown detector
   * @throws io.vigil.server.store.StoreException when the store cannot be opened
   */
  public static VigilServer start(ServerConfig config) {
    if (!StreamingDetectors.names().contains(config.detector())) {
      throw new IllegalArgumentException("unknown detector '" + config.detector()
          + "': use one of " + String.join(", ", StreamingDetectors.names()));
    }
    SqliteStore store = SqliteStore.open(config.dataDir());
    try {
      DetectionEngine engine = new DetectionEngine(store, store, store,
          key -> config.detector(), config.anomalyProbability(), config.checkpointEvery());
      int loaded = engine.loadAll();
      LOG.info("{} series restored from {}", loaded, config.dataDir());
      ServerMetrics metrics = new ServerMetrics(engine);
      HttpApi api = new HttpApi(config, engine, store, metrics);
      Javalin http = Javalin.create(c -> {
        c.jetty.host = config.host();
        c.jetty.port = config.port();
        c.startup.showJavalinBanner = false;
        api.configure(c);
      });
      http.start();
      return new VigilServer(store, engine, http);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
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
    try {
      int n = engine.checkpointAll();
      LOG.info("stopped: {} series checkpointed", n);
    } finally {
      store.close();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
