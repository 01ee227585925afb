package io.vigil.server.engine;

import io.vigil.detect.Assessment;
import io.vigil.detect.StreamingDetector;
import io.vigil.server.store.SeriesInfo;

/**
 * A series in memory: its detector and where it stands. Only the engine touches it, under the
 * engine's lock.
 */
final class LiveSeries {
  final SeriesInfo info;
  final StreamingDetector detector;
  long nextSeq;
  long sinceCheckpoint;
  long lastTimestampMs = Long.MIN_VALUE;
  double lastValue = Double.NaN;
  Assessment last;

  LiveSeries(SeriesInfo info, StreamingDetector detector, long nextSeq) {
    this.info = info;
    this.detector = detector;
    this.nextSeq = nextSeq;
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
