package io.vigil.server.engine;

import io.vigil.detect.Assessment;
import io.vigil.detect.StreamingDetector;
import io.vigil.server.registry.ModelVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * A candidate judging a series' live points in shadow, next to the champion: it learns every
 * point, and from its first shadow point on counts what it would have flagged. Nothing it says
 * is stored or alerted on; it is rebuilt after a restart by replaying the stored points (the
 * detectors are deterministic, so the counts come out the same). Only the engine touches it,
 * under the engine's lock.
 */
final class ShadowRun {
  /** The most alerts remembered one by one (counting goes on past it). */
  static final int MAX_REMEMBERED = 100_000;

  final ModelVersion version;
  final StreamingDetector detector;
  private long points;
  private long alerts;
  private final List<Long> alertSeqs = new ArrayList<>();
  private Assessment last;

  ShadowRun(ModelVersion version, StreamingDetector detector) {
    this.version = version;
    this.detector = detector;
  }

  /** Learns point {@code seq}, counting it when it is in the shadow period. */
  void process(long seq, long timestampMs, double value) {
    Assessment a = detector.process(timestampMs, value);
    if (seq < version.shadowFromSeq() || a.status().skipped()) {
      return;
    }
    last = a;
    points++;
    if (a.probability() >= version.threshold()) {
      alerts++;
      if (alertSeqs.size() < MAX_REMEMBERED) {
        alertSeqs.add(seq);
      }
    }
  }

  ShadowView view() {
    return new ShadowView(version, points, alerts, List.copyOf(alertSeqs), last);
  }
}
