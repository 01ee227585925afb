package io.vigil.server.engine;

import io.vigil.detect.Assessment;
import io.vigil.model.series.ProbabilityHistogram;
import io.vigil.server.registry.ModelVersion;

/**
 * A series' champion model as it runs: the version, and what its recent probabilities and
 * alerts look like, for monitoring the model itself. Only the engine touches it, under the
 * engine's lock.
 */
final class LiveModel {
  /** How many recent points monitoring looks at. */
  static final int WINDOW = 2_000;

  final ModelVersion version;
  private final ProbabilityHistogram recent = ProbabilityHistogram.recent(WINDOW);
  private final boolean[] alerted = new boolean[WINDOW];
  private int next;
  private int filled;
  private int alerts;
  long lastArrivalMs;

  LiveModel(ModelVersion version, long nowMs) {
    this.version = version;
    this.lastArrivalMs = nowMs;
  }

  /** Notes what the model said of a point; only scored points count (not warming up). */
  void saw(Assessment a) {
    if (a.status() != Assessment.Status.SCORED) {
      return;
    }
    double probability = a.probability();
    recent.add(probability);
    boolean alert = probability >= version.threshold();
    if (filled == WINDOW) {
      alerts -= alerted[next] ? 1 : 0;
    } else {
      filled++;
    }
    alerted[next] = alert;
    alerts += alert ? 1 : 0;
    next = (next + 1) % WINDOW;
  }

  ModelMonitor monitor(long seriesId, long lastTimestampMs) {
    return new ModelMonitor(seriesId, version, filled, alerts, recent.counts(),
        lastArrivalMs, lastTimestampMs);
  }
}
