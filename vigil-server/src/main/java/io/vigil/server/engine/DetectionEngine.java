package io.vigil.server.engine;

import io.vigil.detect.Assessment;
import io.vigil.detect.StreamingDetector;
import io.vigil.detect.StreamingDetectors;
import io.vigil.series.SeriesKey;
import io.vigil.server.store.Checkpoint;
import io.vigil.server.store.CheckpointStore;
import io.vigil.server.store.PointStore;
import io.vigil.server.store.SeriesInfo;
import io.vigil.server.store.SeriesStore;
import io.vigil.server.store.StoredPoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Routes each point to its series' detector and stores the point with the detector's
 * conclusion, a whole batch in one transaction, before the caller may acknowledge it.
 *
 * <p>Restart rule: a series' detector is its latest checkpoint plus a replay of the stored
 * points after it, and detectors are deterministic, so detection after a restart (even after
 * {@code kill -9}) continues exactly as if the process had never stopped. Checkpoints are
 * taken every {@code checkpointEvery} points per series and on {@link #checkpointAll}.
 *
 * <p>If storing a batch fails, the series it touched are dropped from memory and rebuilt
 * from the store on their next point, so no detector keeps having learnt unstored points.
 */
public final class DetectionEngine {
  private final SeriesStore series;
  private final PointStore points;
  private final CheckpointStore checkpoints;
  private final Function<SeriesKey, String> detectorFor;
  private final double anomalyProbability;
  private final long checkpointEvery;
  private final IngestListener listener;
  private final Map<SeriesKey, LiveSeries> live = new HashMap<>();
  private final Map<Long, LiveSeries> byId = new HashMap<>();

  /**
   * @param detectorFor the detector a new series gets
   * @param anomalyProbability the probability from which a point is stored as an anomaly
   * @param checkpointEvery points per series between checkpoints
   * @param listener told of each point once its batch is stored
   */
  public DetectionEngine(SeriesStore series, PointStore points, CheckpointStore checkpoints,
      Function<SeriesKey, String> detectorFor, double anomalyProbability,
      long checkpointEvery, IngestListener listener) {
    if (!(anomalyProbability > 0 && anomalyProbability <= 1) || checkpointEvery < 1) {
      throw new IllegalArgumentException("anomalyProbability in (0, 1] and checkpointEvery"
          + " >= 1 are required");
    }
    this.series = series;
    this.points = points;
    this.checkpoints = checkpoints;
    this.detectorFor = detectorFor;
    this.anomalyProbability = anomalyProbability;
    this.checkpointEvery = checkpointEvery;
    this.listener = listener;
  }

  /**
   * Loads every stored series, restoring checkpoints and replaying what followed.
   *
   * @return how many series were loaded
   */
  public synchronized int loadAll() {
    for (SeriesInfo info : series.listSeries()) {
      remember(load(info));
    }
    return live.size();
  }

  /**
   * Detects and stores {@code batch}, in order.
   *
   * @throws io.vigil.server.store.StoreException when the batch could not be stored; none of
   *     it was, and detection is as if it had never arrived
   */
  public synchronized IngestResult ingest(List<IncomingPoint> batch) {
    List<StoredPoint> stored = new ArrayList<>(batch.size());
    List<SeriesKey> keys = new ArrayList<>(batch.size());
    List<StoredPoint> anomalies = new ArrayList<>();
    Set<SeriesKey> touched = new HashSet<>();
    int skipped = 0;
    try {
      for (IncomingPoint p : batch) {
        LiveSeries s = live.get(p.key());
        if (s == null) {
          s = remember(loadOrCreate(p.key()));
        }
        touched.add(p.key());
        Assessment a = s.detector.process(p.timestampMs(), p.value());
        StoredPoint sp = new StoredPoint(s.info.id(), s.nextSeq, p.timestampMs(), p.value(), a);
        s.saw(p.timestampMs(), p.value(), a);
        stored.add(sp);
        keys.add(p.key());
        if (a.status().skipped()) {
          skipped++;
        } else if (a.probability() >= anomalyProbability) {
          anomalies.add(sp);
        }
      }
      points.append(stored, anomalies);
    } catch (RuntimeException e) {
      for (SeriesKey k : touched) {
        LiveSeries gone = live.remove(k);
        byId.remove(gone.info.id());
      }
      throw e;
    }
    for (int i = 0; i < stored.size(); i++) {
      listener.stored(keys.get(i), stored.get(i));
    }
    for (SeriesKey k : touched) {
      LiveSeries s = live.get(k);
      if (s.sinceCheckpoint >= checkpointEvery) {
        checkpoint(s);
      }
    }
    return new IngestResult(stored.size(), skipped, anomalies);
  }

  /**
   * Checkpoints every series with points since its last checkpoint (graceful shutdown).
   *
   * @return how many series were checkpointed
   */
  public synchronized int checkpointAll() {
    int n = 0;
    for (LiveSeries s : live.values()) {
      if (s.sinceCheckpoint > 0) {
        checkpoint(s);
        n++;
      }
    }
    return n;
  }

  /** How many series are in memory. */
  public synchronized int seriesCount() {
    return live.size();
  }

  /** Every series in memory, by id. */
  public synchronized List<SeriesView> views() {
    List<SeriesView> out = new ArrayList<>();
    for (LiveSeries s : live.values()) {
      out.add(new SeriesView(s.info, s.nextSeq, s.lastTimestampMs, s.lastValue, s.last));
    }
    out.sort((a, b) -> Long.compare(a.info().id(), b.info().id()));
    return out;
  }

  /** The series with {@code id} as the engine sees it, if known. */
  public synchronized Optional<SeriesView> view(long id) {
    LiveSeries s = byId.get(id);
    if (s == null) {
      return series.series(id).map(info -> new SeriesView(info, points.nextSeq(id),
          Long.MIN_VALUE, Double.NaN, null));
    }
    return Optional.of(new SeriesView(s.info, s.nextSeq, s.lastTimestampMs, s.lastValue,
        s.last));
  }

  private LiveSeries remember(LiveSeries s) {
    live.put(s.info.key(), s);
    byId.put(s.info.id(), s);
    return s;
  }

  private void checkpoint(LiveSeries s) {
    checkpoints.saveCheckpoint(new Checkpoint(s.info.id(), s.nextSeq - 1,
        s.detector.snapshot()));
    s.sinceCheckpoint = 0;
  }

  private LiveSeries loadOrCreate(SeriesKey key) {
    return load(series.findOrCreate(key, detectorFor.apply(key)));
  }

  private LiveSeries load(SeriesInfo info) {
    Optional<Checkpoint> c = checkpoints.checkpoint(info.id());
    StreamingDetector d = c.isPresent() ? StreamingDetectors.restore(c.get().state())
        : StreamingDetectors.create(info.detector());
    long after = c.map(Checkpoint::seq).orElse(-1L);
    LiveSeries s = new LiveSeries(info, d, after + 1);
    for (StoredPoint p : points.pointsAfter(info.id(), after)) {
      s.saw(p.timestampMs(), p.value(), d.process(p.timestampMs(), p.value()));
    }
    return s;
  }
}
