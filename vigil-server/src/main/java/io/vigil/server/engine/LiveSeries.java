package io.vigil.server.engine;

import io.vigil.detect.Assessment;
import io.vigil.detect.StreamingDetector;
import java.util.ArrayList;
import java.util.List;

/**
 * A series in memory: its detector and where it stands. Only the engine touches it, under the
 * engine's lock.
 */
final class LiveSeries {
  final SeriesInfo info;
  StreamingDetector detector;
  /** The champion model, or null when the series runs its configured detector. */
  LiveModel model;
  final List<ShadowRun> shadows = new ArrayList<>();
  long nextSeq;
  long sinceCheckpoint;
  /** The engine's number of the last batch that had a point of this series. */
  long lastBatch = -1;
  long lastTimestampMs = Long.MIN_VALUE;
  /** A new series waiting for its first points before it is warm-started. */
  boolean warmStartPending;
  double lastValue = Double.NaN;
  Assessment last;

  LiveSeries(SeriesInfo info, StreamingDetector detector, long nextSeq) {
    this.info = info;
    this.detector = detector;
    this.nextSeq = nextSeq;
  }

  /** The probability from which a point is an anomaly: the champion's, else the default. */
  double threshold(double byDefault) {
    return model == null ? byDefault : model.version.threshold();
  }

  /** Takes a stored point as the latest judged one (a restart with nothing to replay). */
  void latest(io.vigil.server.engine.StoredPoint p) {
    if (!p.assessment().status().skipped()) {
      lastTimestampMs = p.timestampMs();
      lastValue = p.value();
      last = p.assessment();
    }
  }

  /** Records what the detector said of the newest point. */
  void saw(long timestampMs, double value, Assessment a) {
    nextSeq++;
    sinceCheckpoint++;
    if (!a.status().skipped()) {
      lastTimestampMs = timestampMs;
      lastValue = value;
      last = a;
    }
  }
}
