package io.vigil.server.engine;

import io.vigil.detect.Assessment;
import io.vigil.detect.DetectorState;
import io.vigil.detect.StreamingDetector;
import io.vigil.detect.catalog.DetectorSpec;
import io.vigil.detect.catalog.StreamingDetectors;
import io.vigil.detect.warm.WarmStart;
import io.vigil.series.SeriesKey;
import io.vigil.server.registry.Checkpoint;
import io.vigil.server.registry.ModelRegistry;
import io.vigil.server.registry.ModelVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

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
 *
 * <p>Memory: at most {@code maxInMemory} series are held (an entity cache, as OpenSearch AD
 * keeps its active entities): after a batch, the series used longest ago beyond that are
 * checkpointed (in one transaction) and dropped, and come back from their checkpoint on their
 * next point. Nothing is loaded at start; each series is restored on its first point (or
 * read). A series with candidates in shadow stays, since its shadows would have to be
 * replayed. At most {@code maxSeries} series exist: a batch that would create more is
 * refused whole ({@link SeriesLimitException}), creating nothing.
 *
 * <p>Models: a series whose registry has a champion is judged by the champion's threshold;
 * switching to a version ({@link #catchUp}, then {@link #switchTo}) restores the version's
 * trained state and replays every stored point after its training window, so the new
 * detector stands where it would if it had been live all along, and the switch is recorded
 * with a checkpoint of that state in one transaction. Candidates in shadow ({@link
 * #startShadow}) learn every point next to the champion and count what they would flag.
 */
public final class DetectionEngine {
  private final SeriesStore series;
  private final PointStore points;
  private final CheckpointStore checkpoints;
  private final ModelRegistry models;
  private final LongSupplier clock;
  private final Function<SeriesKey, String> detectorFor;
  private final double anomalyProbability;
  private final long checkpointEvery;
  private final IngestListener listener;
  /** Warm-starts new series; null for none. */
  private WarmStarter warmStarter;
  private final LiveSeriesCache live;
  private final SeriesRestorer restorer;
  /** Batches ingested, to mark each series once per batch without a set. */
  private long batches;
  private final long maxSeries;
  /** How many series exist in the store; read once, then counted here. */
  private long seriesTotal = -1;

  /**
   * @param detectorFor the detector a new series gets
   * @param anomalyProbability the probability from which a point is stored as an anomaly
   * @param checkpointEvery points per series between checkpoints
   * @param listener told of each point once its batch is stored
   */
  public DetectionEngine(SeriesStore series, PointStore points, CheckpointStore checkpoints,
      ModelRegistry models, LongSupplier clock, Function<SeriesKey, String> detectorFor,
      double anomalyProbability, long checkpointEvery, IngestListener listener) {
    this(series, points, checkpoints, models, clock, detectorFor, anomalyProbability,
        checkpointEvery, listener, Long.MAX_VALUE, Integer.MAX_VALUE);
  }

  /**
   * @param maxSeries the most series there may be
   * @param maxInMemory the most series held in memory at once
   */
  public DetectionEngine(SeriesStore series, PointStore points, CheckpointStore checkpoints,
      ModelRegistry models, LongSupplier clock, Function<SeriesKey, String> detectorFor,
      double anomalyProbability, long checkpointEvery, IngestListener listener,
      long maxSeries, int maxInMemory) {
    if (!(anomalyProbability > 0 && anomalyProbability <= 1) || checkpointEvery < 1
        || maxSeries < 1 || maxInMemory < 1) {
      throw new IllegalArgumentException("anomalyProbability in (0, 1], checkpointEvery,"
          + " maxSeries and maxInMemory >= 1 are required");
    }
    this.maxSeries = maxSeries;
    this.live = new LiveSeriesCache(maxInMemory);
    this.series = series;
    this.points = points;
    this.checkpoints = checkpoints;
    this.models = models;
    this.clock = clock;
    this.detectorFor = detectorFor;
    this.anomalyProbability = anomalyProbability;
    this.checkpointEvery = checkpointEvery;
    this.listener = listener;
    this.restorer = new SeriesRestorer(points, checkpoints, models, clock);
  }

  /** How many series exist, in memory or not. */
  public synchronized long seriesTotal() {
    if (seriesTotal < 0) {
      seriesTotal = series.seriesCount();
    }
    return seriesTotal;
  }

  /** How many series have been dropped from memory since the start. */
  public synchronized long evictions() {
    return live.evicted();
  }

  /**
   * Brings every series of the batch into memory: those stored from their checkpoint, the
   * new ones registered all at once (one transaction: a sync per new series made a million
   * take minutes) with a fresh detector and no store reads. A batch whose new series would
   * take the series past the limit is refused before any is registered.
   */
  private void bringIntoMemory(List<IncomingPoint> batch) {
    java.util.Set<SeriesKey> fresh = null;
    for (IncomingPoint p : batch) {
      SeriesKey k = p.key();
      if (live.contains(k) || (fresh != null && fresh.contains(k))) {
        continue;
      }
      Optional<SeriesInfo> stored = series.find(k);
      if (stored.isPresent()) {
        live.put(restorer.load(stored.get()));
      } else {
        if (fresh == null) {
          fresh = new java.util.LinkedHashSet<>();
        }
        fresh.add(k);
      }
    }
    if (fresh == null) {
      return;
    }
    if (seriesTotal() + fresh.size() > maxSeries) {
      throw new SeriesLimitException(maxSeries, seriesTotal(), fresh);
    }
    List<SeriesStore.NewSeries> wanted = new ArrayList<>(fresh.size());
    for (SeriesKey k : fresh) {
      wanted.add(new SeriesStore.NewSeries(k, detectorFor.apply(k)));
    }
    for (SeriesInfo info : series.createAll(wanted)) {
      LiveSeries s = new LiveSeries(info, DetectorSpec.parse(info.detector()).create(), 0);
      s.warmStartPending = warmStarter != null && warmStarter.enabledFor(info.key());
      live.put(s);
    }
    seriesTotal += fresh.size();
  }

  /**
   * Lets the series used longest ago beyond the memory limit go, checkpointing in one
   * transaction those with many points since their checkpoint. If the checkpoints cannot be
   * written they stay (and are tried again after the next batch).
   */
  private void evictBeyondLimit() {
    List<LiveSeries> out = live.beyondCapacity();
    if (out.isEmpty()) {
      return;
    }
    List<Checkpoint> states = new ArrayList<>();
    for (LiveSeries s : out) {
      // A few points since the checkpoint are replayed on return more cheaply than a
      // checkpoint (kilobytes) is written now.
      if (s.sinceCheckpoint > REPLAY_RATHER_THAN_CHECKPOINT) {
        states.add(new Checkpoint(s.info.id(), s.nextSeq - 1, s.detector.snapshot()));
      }
    }
    try {
      checkpoints.saveCheckpoints(states);
    } catch (io.vigil.server.store.StoreException e) {
      return;
    }
    live.evict(out);
  }

  /**
   * Detects and stores {@code batch}, in order.
   *
   * @throws io.vigil.server.store.StoreException when the batch could not be stored; none of
   *     it was, and detection is as if it had never arrived
   * @throws ConflictingPointsException when a point gives a series another value at a time
   *     it already has one for; nothing was stored
   */
  public synchronized IngestResult ingest(List<IncomingPoint> batch) {
    bringIntoMemory(batch);
    RetriedPoints.Verdict retried = RetriedPoints.judge(batch, live::get, points);
    if (!retried.conflicts().isEmpty()) {
      throw new ConflictingPointsException(retried.conflicts());
    }
    List<StoredPoint> stored = new ArrayList<>(batch.size());
    List<StoredPoint> anomalies = new ArrayList<>();
    List<LiveSeries> of = new ArrayList<>(batch.size());
    List<LiveSeries> touched = new ArrayList<>();
    long stamp = ++batches;
    int skipped = 0;
    long now = clock.getAsLong();
    try {
      for (int i = 0; i < batch.size(); i++) {
        if (retried.duplicate()[i]) {
          continue;
        }
        IncomingPoint p = batch.get(i);
        LiveSeries s = live.get(p.key());
        if (s.lastBatch != stamp) {
          s.lastBatch = stamp;
          touched.add(s);
        }
        Assessment a = s.detector.process(p.timestampMs(), p.value());
        StoredPoint sp = new StoredPoint(s.info.id(), s.nextSeq, p.timestampMs(), p.value(), a);
        for (ShadowRun shadow : s.shadows) {
          shadow.process(s.nextSeq, p.timestampMs(), p.value());
        }
        s.saw(p.timestampMs(), p.value(), a);
        stored.add(sp);
        of.add(s);
        if (a.status().skipped()) {
          skipped++;
        } else {
          if (s.model != null) {
            s.model.saw(a);
            s.model.lastArrivalMs = now;
          }
          if (a.probability() >= s.threshold(anomalyProbability)) {
            anomalies.add(sp);
          }
        }
      }
      points.append(stored, anomalies);
    } catch (RuntimeException e) {
      touched.forEach(live::remove);
      throw e;
    }
    for (int i = 0; i < stored.size(); i++) {
      LiveSeries s = of.get(i);
      listener.stored(s.info.key(), stored.get(i), s.threshold(Double.NaN));
    }
    for (LiveSeries s : touched) {
      if (s.warmStartPending && s.nextSeq >= WarmStart.SCALING_POINTS) {
        warmStart(s);
      }
      if (s.sinceCheckpoint >= checkpointEvery) {
        checkpoint(s);
      }
    }
    evictBeyondLimit();
    return new IngestResult(stored.size(), skipped, anomalies, retried.duplicates());
  }

  /**
   * Checkpoints every series with points since its last checkpoint (graceful shutdown).
   *
   * @return how many series were checkpointed
   */
  public synchronized int checkpointAll() {
    List<LiveSeries> dirty = new ArrayList<>();
    for (LiveSeries s : live.all()) {
      if (s.sinceCheckpoint > 0) {
        dirty.add(s);
      }
    }
    // Many to a transaction: one sync per thousand, not one per series (200,000 series once
    // took minutes to stop).
    for (int from = 0; from < dirty.size(); from += CHECKPOINTS_PER_TRANSACTION) {
      List<LiveSeries> part = dirty.subList(from, Math.min(dirty.size(),
          from + CHECKPOINTS_PER_TRANSACTION));
      List<Checkpoint> states = new ArrayList<>(part.size());
      for (LiveSeries s : part) {
        states.add(new Checkpoint(s.info.id(), s.nextSeq - 1, s.detector.snapshot()));
      }
      checkpoints.saveCheckpoints(states);
      part.forEach(s -> s.sinceCheckpoint = 0);
    }
    return dirty.size();
  }

  /** Points since its checkpoint below which an evicted series is replayed on return. */
  static final int REPLAY_RATHER_THAN_CHECKPOINT = 100;

  /** Checkpoints written in one transaction when many are written at once. */
  static final int CHECKPOINTS_PER_TRANSACTION = 1000;

  /** How many series are in memory. */
  public synchronized int seriesInMemory() {
    return live.size();
  }

  /** The series in memory as they stand, by id: no store access (for /metrics). */
  public synchronized List<SeriesView> liveViews() {
    List<SeriesView> out = new ArrayList<>();
    for (LiveSeries s : live.all()) {
      out.add(view(s));
    }
    out.sort((a, b) -> Long.compare(a.info().id(), b.info().id()));
    return out;
  }

  /**
   * Series by id, from after {@code afterId}, at most {@code limit}: those in memory as they
   * stand, the others (evicted, dropped after a failed write, not yet loaded) as the store
   * has them. A page at a time: a million series are not read at once.
   */
  public synchronized List<SeriesView> views(long afterId, int limit) {
    List<SeriesView> out = new ArrayList<>();
    for (SeriesInfo info : series.listSeries(afterId, limit)) {
      LiveSeries s = live.byId(info.id());
      out.add(s != null ? view(s) : storedView(info));
    }
    return out;
  }

  /** A series' name and id, without building its view (cheap: no points are read). */
  public synchronized Optional<SeriesInfo> info(long id) {
    LiveSeries s = live.byId(id);
    return s != null ? Optional.of(s.info) : series.series(id);
  }

  /** Every series' name and id, without its state (for selecting series). */
  public List<SeriesInfo> seriesInfos() {
    return series.listSeries();
  }

  /** A series not in memory, as stored: its count, latest judged point and champion. */
  private SeriesView storedView(SeriesInfo info) {
    long next = points.nextSeq(info.id());
    LiveSeries latest = new LiveSeries(info, null, next);
    if (next > 0) {
      points.scan(info.id(), next - 2, Long.MIN_VALUE, Long.MAX_VALUE, latest::latest);
    }
    return new SeriesView(info, next, latest.lastTimestampMs, latest.lastValue, latest.last,
        models.champion(info.id()).filter(restorer::untampered).orElse(null));
  }

  /** The series with {@code id} as the engine sees it, if known. */
  public synchronized Optional<SeriesView> view(long id) {
    LiveSeries s = live.byId(id);
    if (s == null) {
      return series.series(id).map(this::storedView);
    }
    return Optional.of(view(s));
  }

  private static SeriesView view(LiveSeries s) {
    return new SeriesView(s.info, s.nextSeq, s.lastTimestampMs, s.lastValue, s.last,
        s.model == null ? null : s.model.version);
  }

  /** Every series' champion as monitoring sees it, by series id. */
  public synchronized List<ModelMonitor> monitors() {
    List<ModelMonitor> out = new ArrayList<>();
    for (LiveSeries s : live.all()) {
      if (s.model != null) {
        out.add(s.model.monitor(s.info.id(), s.lastTimestampMs));
      }
    }
    out.sort((a, b) -> Long.compare(a.seriesId(), b.seriesId()));
    return out;
  }

  /** The candidates in shadow on a series, or on all (null), with their counts. */
  public synchronized List<ShadowView> shadows(Long seriesId) {
    List<ShadowView> out = new ArrayList<>();
    for (LiveSeries s : live.all()) {
      if (seriesId == null || s.info.id() == seriesId) {
        s.shadows.forEach(r -> out.add(r.view()));
      }
    }
    out.sort((a, b) -> Long.compare(a.version().id(), b.version().id()));
    return out;
  }

  /**
   * A version's trained state with every stored point after its training window replayed:
   * the slow part of a switch, done without holding up ingest.
   */
  public CaughtUp catchUp(ModelVersion version, DetectorState state) {
    StreamingDetector d = StreamingDetectors.restore(state);
    long last = restorer.replay(d, version.seriesId(), version.window().throughSeq(), null);
    return new CaughtUp(version, d, last);
  }

  /**
   * A version's detector, caught up to stored point {@code lastSeq}.
   *
   * @param version the version
   * @param detector its trained state after that point
   * @param lastSeq the last stored point it has learnt
   */
  public record CaughtUp(ModelVersion version, StreamingDetector detector, long lastSeq) {}

  /**
   * Makes a caught-up version the series' live detector: replays the points that arrived
   * since {@link #catchUp}, has {@code record} store the switch with the checkpoint of the new
   * detector (one transaction), then swaps. If {@code record} throws, nothing changes.
   */
  public synchronized void switchTo(CaughtUp c, Consumer<Checkpoint> record) {
    LiveSeries s = liveSeries(c.version().seriesId());
    StreamingDetector d = c.detector();
    restorer.replay(d, s.info.id(), c.lastSeq(), null);
    record.accept(new Checkpoint(s.info.id(), s.nextSeq - 1, d.snapshot()));
    s.detector = d;
    s.sinceCheckpoint = 0;
    s.model = new LiveModel(c.version(), clock.getAsLong());
    s.shadows.removeIf(r -> r.version.id() == c.version().id());
  }

  /**
   * Runs a caught-up version in shadow from the next point on: replays what arrived since
   * {@link #catchUp}, has {@code record} store the first shadow point's number, then starts.
   */
  public synchronized void startShadow(CaughtUp c, LongConsumer record) {
    LiveSeries s = liveSeries(c.version().seriesId());
    restorer.replay(c.detector(), s.info.id(), c.lastSeq(), null);
    record.accept(s.nextSeq);
    s.shadows.removeIf(r -> r.version.id() == c.version().id());
    s.shadows.add(new ShadowRun(c.version().shadowFrom(s.nextSeq), c.detector()));
  }

  /** Stops a shadow; false when the version is not in shadow. */
  public synchronized boolean stopShadow(long seriesId, long versionId) {
    LiveSeries s = live.byId(seriesId);
    return s != null && s.shadows.removeIf(r -> r.version.id() == versionId);
  }

  private LiveSeries liveSeries(long id) {
    LiveSeries s = live.byId(id);
    if (s == null) {
      s = live.put(restorer.load(series.series(id).orElseThrow(() -> new IllegalArgumentException(
          "no series " + id))));
    }
    return s;
  }

  /**
   * Sets warm start up for new series (off until called): see {@link WarmStarter}. Call before
   * the first ingest.
   */
  public synchronized void warmStartWith(WarmStarter starter) {
    this.warmStarter = starter;
  }

  /**
   * Replaces a new series' cold detector by a warm-started one and checkpoints it, so a
   * restart keeps it; a series that was stopped before (restored from its points) stays cold.
   */
  private void warmStart(LiveSeries s) {
    s.warmStartPending = false;
    if (s.model != null || !s.shadows.isEmpty()) {
      return;
    }
    Optional<StreamingDetector> warmed = warmStarter.warm(s.info, s.nextSeq);
    if (warmed.isPresent()) {
      s.detector = warmed.get();
      checkpoint(s);
    }
  }

  private void checkpoint(LiveSeries s) {
    checkpoints.saveCheckpoint(new Checkpoint(s.info.id(), s.nextSeq - 1,
        s.detector.snapshot()));
    s.sinceCheckpoint = 0;
  }
}
