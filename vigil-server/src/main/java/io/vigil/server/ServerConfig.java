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
 * @param minFreeBytes ingest is refused (503) while the store's disk has less free: the
 *     rest is kept for filing, checkpoints and recovery, as Elasticsearch's flood stage does
 * @param maxSeries the most series; a point of a new series beyond it is refused (429)
 */
public record ServerConfig(String host, int port, Path dataDir, String detector,
    double anomalyProbability, long maxBodyBytes, int maxPointsPerRequest,
    int maxConcurrentIngests, long checkpointEvery, long minFreeBytes, long maxSeries) {
  /** The default free space kept on the store's disk. */
  public static final long DEFAULT_MIN_FREE_BYTES = 64L << 20;
  /** The default series limit. */
  public static final long DEFAULT_MAX_SERIES = 1_000_000;

  public ServerConfig {
    if (minFreeBytes < 0 || maxSeries < 1) {
      throw new IllegalArgumentException("minFreeBytes must be >= 0 and maxSeries >= 1");
    }
  }

  /** With the default free space and series limit. */
  public ServerConfig(String host, int port, Path dataDir, String detector,
      double anomalyProbability, long maxBodyBytes, int maxPointsPerRequest,
      int maxConcurrentIngests, long checkpointEvery) {
    this(host, port, dataDir, detector, anomalyProbability, maxBodyBytes, maxPointsPerRequest,
        maxConcurrentIngests, checkpointEvery, DEFAULT_MIN_FREE_BYTES, DEFAULT_MAX_SERIES);
  }

  /** The defaults: 127.0.0.1:8080, ./vigil-data, the default detector. */
  public static ServerConfig defaults() {
    return new ServerConfig("127.0.0.1", 8080, Path.of("vigil-data"), "default", 0.999,
        16L << 20, 100_000, 8, 10_000);
  }

  /** This configuration on another address. */
  public ServerConfig withAddress(String newHost, int newPort) {
    return new ServerConfig(newHost, newPort, dataDir, detector, anomalyProbability,
        maxBodyBytes, maxPointsPerRequest, maxConcurrentIngests, checkpointEvery, minFreeBytes,
        maxSeries);
  }

  /** This configuration with another data directory. */
  public ServerConfig withDataDir(Path dir) {
    return new ServerConfig(host, port, dir, detector, anomalyProbability, maxBodyBytes,
        maxPointsPerRequest, maxConcurrentIngests, checkpointEvery, minFreeBytes, maxSeries);
  }

  /** This configuration with other store limits. */
  public ServerConfig withLimits(long newMinFreeBytes, long newMaxSeries) {
    return new ServerConfig(host, port, dataDir, detector, anomalyProbability, maxBodyBytes,
        maxPointsPerRequest, maxConcurrentIngests, checkpointEvery, newMinFreeBytes,
        newMaxSeries);
  }
}
