package io.vigil.cli;

import io.vigil.detect.StreamingDetectors;
import io.vigil.server.ServerConfig;
import io.vigil.server.VigilServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil serve}: the real-time service, until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {
        "Run Vigil's real-time service: send points to POST /api/v1/points, read series,"
            + " assessments and anomalies from /api/v1/..., scrape /metrics, see"
            + " /openapi.json.",
        "Stops cleanly on SIGTERM or Ctrl-C: every series' detector is checkpointed."})
final class ServeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
      description = "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only).")
  String host;

  @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
      description = "Port to listen on (0: any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--data-dir", defaultValue = "vigil-data", paramLabel = "DIR",
      description = "Where the embedded store lives. Default: ${DEFAULT-VALUE}.")
  Path dataDir;

  @Option(names = "--detector", defaultValue = StreamingDetectors.DEFAULT, paramLabel = "NAME",
      description = "Detector for every series. Default: ${DEFAULT-VALUE}.")
  String detector;

  @Option(names = "--anomaly-probability", defaultValue = "0.999", paramLabel = "P",
      description = "Probability from which a point is stored as an anomaly."
          + " Default: ${DEFAULT-VALUE}.")
  double anomalyProbability;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--port must be from 0 to 65535, was " + port);
    }
    if (!(anomalyProbability > 0 && anomalyProbability <= 1)) {
      throw new IllegalArgumentException("--anomaly-probability must be in (0, 1], was "
          + anomalyProbability);
    }
    ServerConfig d = ServerConfig.defaults();
    ServerConfig config = new ServerConfig(host, port, dataDir, detector, anomalyProbability,
        d.maxBodyBytes(), d.maxPointsPerRequest(), d.maxConcurrentIngests(),
        d.checkpointEvery());
    VigilServer server = VigilServer.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop();
      stopped.countDown();
    }, "vigil-shutdown"));
    var out = spec.commandLine().getOut();
    out.println("Vigil listening on http://" + host + ":" + server.port() + " (data in "
        + dataDir + ")");
    out.flush();
    stopped.await();
    return 0;
  }
}
