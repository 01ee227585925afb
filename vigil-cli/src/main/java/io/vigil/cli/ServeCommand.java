package io.vigil.cli;

import io.vigil.server.VigilServer;
import io.vigil.server.config.ConfigFile;
import io.vigil.server.config.ServerConfig;
import io.vigil.server.config.ServerTls;
import io.vigil.server.config.VigilConfig;
import io.vigil.server.store.StoreLocation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil serve}: the real-time service, until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {
        "Run Vigil's real-time service: send points to POST /api/v1/points (JSON) or"
            + " /api/v1/write (Prometheus remote write), read series, assessments, anomalies"
            + " and alerts from /api/v1/..., scrape /metrics, see /openapi.json.",
        "Settings come from the defaults, then --config, then the options given here.",
        "Stops cleanly on SIGTERM or Ctrl-C: every series' detector is checkpointed."})
final class ServeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML: server settings, detectors per series, alert rules, notifiers.")
  Path configFile;

  @Option(names = "--host", paramLabel = "ADDRESS",
      description = "Address to listen on. Default: 127.0.0.1 (this machine only).")
  String host;

  @Option(names = "--port", paramLabel = "PORT",
      description = "Port to listen on (0: any free port). Default: 8080.")
  Integer port;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where the embedded store lives. Default: vigil-data.")
  Path dataDir;

  @Option(names = "--detector", paramLabel = "SPEC",
      description = "Detector for series no rule picks one for (a name, or a spec such as"
          + " default+time-of-day). Default: default.")
  String detector;

  @Option(names = "--anomaly-probability", paramLabel = "P",
      description = "Probability from which a point is stored as an anomaly. Default: 0.999.")
  Double anomalyProbability;

  @Option(names = "--store", paramLabel = "URL",
      description = "Where to keep the data: sqlite (the embedded file in --data-dir, the"
          + " default) or a PostgreSQL database, postgresql://user@host:5432/database (the"
          + " password in the URL, in $VIGIL_STORE_PASSWORD or in the configuration's"
          + " server.storePassword).")
  String store;

  @Option(names = "--tls-cert", paramLabel = "PEM",
      description = "Serve HTTPS with this certificate chain (PEM; with --tls-key). Renewed"
          + " files are picked up within a minute.")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM",
      description = "The certificate's private key (PEM: PKCS#8, RSA or EC; unencrypted).")
  Path tlsKey;

  @Override
  public Integer call() throws InterruptedException {
    if (port != null && (port < 0 || port > 65_535)) {
      throw new IllegalArgumentException("--port must be from 0 to 65535, was " + port);
    }
    if (anomalyProbability != null && !(anomalyProbability > 0 && anomalyProbability <= 1)) {
      throw new IllegalArgumentException("--anomaly-probability must be in (0, 1], was "
          + anomalyProbability);
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together: give both");
    }
    ServerConfig defaults = ServerConfig.defaults();
    VigilConfig file = configFile == null ? VigilConfig.of(defaults)
        : ConfigFile.load(configFile, defaults);
    ServerConfig f = file.server();
    ServerConfig server = new ServerConfig(host != null ? host : f.host(),
        port != null ? port : f.port(), dataDir != null ? dataDir : f.dataDir(),
        detector != null ? detector : f.detector(),
        anomalyProbability != null ? anomalyProbability : f.anomalyProbability(),
        f.maxBodyBytes(), f.maxPointsPerRequest(), f.maxConcurrentIngests(),
        f.checkpointEvery(), f.minFreeBytes(), f.maxSeries(), f.maxSeriesInMemory(),
        tlsCert != null ? new ServerTls(tlsCert, tlsKey) : f.tls(), f.browser(),
        store != null ? StoreLocation.parse(store, System.getenv("VIGIL_STORE_PASSWORD"))
            : f.store());
    VigilServer running = VigilServer.start(file.withServer(server));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      running.stop();
      stopped.countDown();
    }, "vigil-shutdown"));
    var out = spec.commandLine().getOut();
    out.println("Vigil listening on " + server.scheme() + "://" + server.host() + ":" + running.port()
        + " (data " + (server.store().embedded() ? "in " + server.dataDir()
            : "at " + server.store()) + ", " + file.alerts().size() + " alert rules, "
        + file.notifiers().size() + " notifiers)");
    out.flush();
    stopped.await();
    return 0;
  }
}
