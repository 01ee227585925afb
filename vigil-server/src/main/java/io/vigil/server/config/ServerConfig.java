package io.vigil.server.config;

import io.vigil.server.store.StoreLocation;
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
 * @param maxSeries the most series; a batch that would create more is refused (400)
 * @param maxSeriesInMemory the most series whose detectors are held in memory; the others
 *     wait in the store as checkpoints (0: as many as a fifth of the heap holds)
 * @param tls the certificate and key to serve HTTPS with; null: plain HTTP
 * @param browser the names browsers may use and the sites allowed to call it (CORS)
 * @param store where the data is kept: the embedded file in {@code dataDir} (the default) or
 *     a PostgreSQL database
 */
public record ServerConfig(String host, int port, Path dataDir, String detector,
    double anomalyProbability, long maxBodyBytes, int maxPointsPerRequest,
    int maxConcurrentIngests, long checkpointEvery, long minFreeBytes, long maxSeries,
    int maxSeriesInMemory, ServerTls tls, BrowserAccess browser, StoreLocation store) {
  /** The default free space kept on the store's disk. */
  public static final long DEFAULT_MIN_FREE_BYTES = 64L << 20;
  /** The default series limit. */
  public static final long DEFAULT_MAX_SERIES = 1_000_000;

  public ServerConfig {
    java.util.Objects.requireNonNull(browser, "browser");
    java.util.Objects.requireNonNull(store, "store");
    if (minFreeBytes < 0 || maxSeries < 1 || maxSeriesInMemory < 0) {
      throw new IllegalArgumentException("minFreeBytes and maxSeriesInMemory must be >= 0,"
          + " maxSeries >= 1");
    }
  }

  /**
   * How many series may be held in memory: as configured, else as many as a fifth of the
   * heap holds at {@link #BYTES_PER_SERIES} each (about 40,000 in a 4 GB heap), at least
   * 1000.
   */
  public int seriesInMemory() {
    if (maxSeriesInMemory > 0) {
      return maxSeriesInMemory;
    }
    return (int) Math.max(1000, Math.min(Integer.MAX_VALUE,
        Runtime.getRuntime().maxMemory() / 5 / BYTES_PER_SERIES));
  }

  /** The heap a series in memory takes with the default detector (measured: 19 KB). */
  public static final long BYTES_PER_SERIES = 20_000;

  /** Browsers as by default. */
  public ServerConfig(String host, int port, Path dataDir, String detector,
      double anomalyProbability, long maxBodyBytes, int maxPointsPerRequest,
      int maxConcurrentIngests, long checkpointEvery, long minFreeBytes, long maxSeries,
      int maxSeriesInMemory, ServerTls tls) {
    this(host, port, dataDir, detector, anomalyProbability, maxBodyBytes, maxPointsPerRequest,
        maxConcurrentIngests, checkpointEvery, minFreeBytes, maxSeries, maxSeriesInMemory, tls,
        BrowserAccess.DEFAULT, StoreLocation.EMBEDDED);
  }

  /** This configuration with {@code access} for browsers. */
  public ServerConfig withBrowserAccess(BrowserAccess access) {
    return new ServerConfig(host, port, dataDir, detector, anomalyProbability, maxBodyBytes,
        maxPointsPerRequest, maxConcurrentIngests, checkpointEvery, minFreeBytes, maxSeries,
        maxSeriesInMemory, tls, access, store);
  }

  /** Plain HTTP. */
  public ServerConfig(String host, int port, Path dataDir, String detector,
      double anomalyProbability, long maxBodyBytes, int maxPointsPerRequest,
      int maxConcurrentIngests, long checkpointEvery, long minFreeBytes, long maxSeries,
      int maxSeriesInMemory) {
    this(host, port, dataDir, detector, anomalyProbability, maxBodyBytes, maxPointsPerRequest,
        maxConcurrentIngests, checkpointEvery, minFreeBytes, maxSeries, maxSeriesInMemory,
        null);
  }

  /** "https" when it serves TLS, else "http". */
  public String scheme() {
    return tls == null ? "http" : "https";
  }

  /** This configuration serving HTTPS with {@code files} (null: plain HTTP). */
  public ServerConfig withTls(ServerTls files) {
    return new ServerConfig(host, port, dataDir, detector, anomalyProbability, maxBodyBytes,
        maxPointsPerRequest, maxConcurrentIngests, checkpointEvery, minFreeBytes, maxSeries,
        maxSeriesInMemory, files, browser, store);
  }

  /** With the default free space and series limit. */
  public ServerConfig(String host, int port, Path dataDir, String detector,
      double anomalyProbability, long maxBodyBytes, int maxPointsPerRequest,
      int maxConcurrentIngests, long checkpointEvery) {
    this(host, port, dataDir, detector, anomalyProbability, maxBodyBytes, maxPointsPerRequest,
        maxConcurrentIngests, checkpointEvery, DEFAULT_MIN_FREE_BYTES, DEFAULT_MAX_SERIES, 0);
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
        maxSeries, maxSeriesInMemory, tls, browser, store);
  }

  /** This configuration with another data directory. */
  public ServerConfig withDataDir(Path dir) {
    return new ServerConfig(host, port, dir, detector, anomalyProbability, maxBodyBytes,
        maxPointsPerRequest, maxConcurrentIngests, checkpointEvery, minFreeBytes, maxSeries,
        maxSeriesInMemory, tls, browser, store);
  }

  /** This configuration with other store limits. */
  public ServerConfig withLimits(long newMinFreeBytes, long newMaxSeries) {
    return new ServerConfig(host, port, dataDir, detector, anomalyProbability, maxBodyBytes,
        maxPointsPerRequest, maxConcurrentIngests, checkpointEvery, newMinFreeBytes,
        newMaxSeries, maxSeriesInMemory, tls, browser, store);
  }

  /** This configuration holding at most {@code n} series in memory. */
  public ServerConfig withSeriesInMemory(int n) {
    return new ServerConfig(host, port, dataDir, detector, anomalyProbability, maxBodyBytes,
        maxPointsPerRequest, maxConcurrentIngests, checkpointEvery, minFreeBytes, maxSeries, n,
        tls, browser, store);
  }

  /** This configuration keeping its data at {@code location}. */
  public ServerConfig withStore(StoreLocation location) {
    return new ServerConfig(host, port, dataDir, detector, anomalyProbability, maxBodyBytes,
        maxPointsPerRequest, maxConcurrentIngests, checkpointEvery, minFreeBytes, maxSeries,
        maxSeriesInMemory, tls, browser, location);
  }
}
