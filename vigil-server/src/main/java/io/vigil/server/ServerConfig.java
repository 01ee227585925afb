package io.vigil.server;

import java.nio.file.Path;

/**
 * How the server runs.
 *
 * @param host the address to listen on (127.0.0.1 by default: reachable from this machine
 *     only)
 * @param port the port (0: any free one)
 * @param dataDir where the embedded store lives
 * @param detector the detector every new series gets
 * @param anomalyProbability the probability from which a point is stored as an anomaly
 * @param maxBodyBytes the largest request body accepted
 * @param maxPointsPerRequest the most points one ingest request may carry
 * @param maxConcurrentIngests ingest requests in flight before new ones get 429
 * @param checkpointEvery points per series between detector checkpoints
 */
public record ServerConfig(String host, int port, Path dataDir, String detector,
    double anomalyProbability, long maxBodyBytes, int maxPointsPerRequest,
    int maxConcurrentIngests, long checkpointEvery) {

  /** The defaults: 127.0.0.1:8080, ./vigil-data, the default detector. */
  public static ServerConfig defaults() {
    return new ServerConfig("127.0.0.1", 8080, Path.of("vigil-data"), "default", 0.999,
        16L << 20, 100_000, 8, 10_000);
  }

  /** This configuration on another address. */
  public ServerConfig withAddress(String newHost, int newPort) {
    return new ServerConfig(newHost, newPort, dataDir, detector, anomalyProbability,
        maxBodyBytes, maxPointsPerRequest, maxConcurrentIngests, checkpointEvery);
  }

  /** This configuration with another data directory. */
  public ServerConfig withDataDir(Path dir) {
    return new ServerConfig(host, port, dir, detector, anomalyProbability, maxBodyBytes,
        maxPointsPerRequest, maxConcurrentIngests, checkpointEvery);
  }
}
