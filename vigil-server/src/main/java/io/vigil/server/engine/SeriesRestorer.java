package io.vigil.server.engine;

import io.vigil.detect.Assessment;
import io.vigil.detect.StreamingDetector;
import io.vigil.detect.catalog.DetectorSpec;
import io.vigil.detect.catalog.StreamingDetectors;
import io.vigil.server.registry.Checkpoint;
import io.vigil.server.registry.ModelRegistry;
import io.vigil.server.registry.ModelVersion;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Rebuilds a series' live state from the store: {@link DetectionEngine}'s restart rule (a
 * checkpoint plus a replay of the points after it) and the replays that bring a model version
 * up to date. It reads only; the engine decides when, under its lock, and keeps the result.
 */
final class SeriesRestorer {
  /** Logged under the engine's name, where operators already look for it. */
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(DetectionEngine.class);

  private final PointStore points;
  private final CheckpointStore checkpoints;
  private final ModelRegistry models;
  private final LongSupplier clock;

  SeriesRestorer(PointStore points, CheckpointStore checkpoints, ModelRegistry models,
      LongSupplier clock) {
    this.points = points;
    this.checkpoints = checkpoints;
    this.models = models;
    this.clock = clock;
  }

  /**
   * Feeds the series' stored points after {@code afterSeq} to {@code d} (and to {@code into}
   * when given), returning the last point's number ({@code afterSeq} when none).
   */
  long replay(StreamingDetector d, long seriesId, long afterSeq, LiveSeries into) {
    long[] last = {afterSeq};
    points.scan(seriesId, afterSeq, Long.MIN_VALUE, Long.MAX_VALUE, p -> {
      Assessment a = d.process(p.timestampMs(), p.value());
      if (into != null) {
        into.saw(p.timestampMs(), p.value(), a);
      }
      last[0] = p.seq();
    });
    return last[0];
  }

  /**
   * Whether {@code v} still matches its signature. A changed version is not used: the series
   * is judged by the server's probability instead of a threshold someone may have raised.
   */
  boolean untampered(ModelVersion v) {
    try {
      models.state(v.id());
      return true;
    } catch (io.vigil.server.registry.TamperedModelException e) {
      LOG.error("{}: the series is judged without it until another version is promoted",
          e.getMessage());
      return false;
    }
  }

  /**
   * The series as it stands: its latest checkpoint (or a new detector of its spec) with every
   * stored point after it replayed, its latest point, its champion with monitoring primed from
   * the latest stored probabilities, and its candidates in shadow caught up.
   */
  LiveSeries load(SeriesInfo info) {
    Optional<Checkpoint> c = checkpoints.checkpoint(info.id());
    StreamingDetector d = c.isPresent() ? StreamingDetectors.restore(c.get().state())
        : DetectorSpec.parse(info.detector()).create();
    long after = c.map(Checkpoint::seq).orElse(-1L);
    LiveSeries s = new LiveSeries(info, d, after + 1);
    replay(d, info.id(), after, s);
    if (s.last == null && s.nextSeq > 0) {
      // The checkpoint has every point (a clean stop): the latest is read, not replayed.
      points.scan(info.id(), s.nextSeq - 2, Long.MIN_VALUE, Long.MAX_VALUE, s::latest);
    }
    Optional<ModelVersion> champion = models.champion(info.id()).filter(this::untampered);
    if (champion.isPresent()) {
      s.model = new LiveModel(champion.get(), clock.getAsLong());
      // Monitoring starts from the stored probabilities of the latest points.
      LiveModel m = s.model;
      points.scan(info.id(), s.nextSeq - 1 - LiveModel.WINDOW, Long.MIN_VALUE, Long.MAX_VALUE,
          p -> m.saw(p.assessment()));
    }
    for (ModelVersion v : models.shadows(info.id())) {
      if (!untampered(v)) {
        continue;
      }
      ShadowRun r = new ShadowRun(v, StreamingDetectors.restore(models.state(v.id())));
      points.scan(info.id(), v.window().throughSeq(), Long.MIN_VALUE, Long.MAX_VALUE,
          p -> r.process(p.seq(), p.timestampMs(), p.value()));
      s.shadows.add(r);
    }
    return s;
  }
}
