package io.vigil.server.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.detect.catalog.DetectorSpec;
import io.vigil.model.series.CandidateReport;
import io.vigil.model.series.LabelWindow;
import io.vigil.model.series.SeriesModelTrainer;
import io.vigil.model.series.TrainingReport;
import io.vigil.series.TimeSeries;
import io.vigil.server.config.ModelSettings;
import io.vigil.server.engine.PointStore;
import io.vigil.server.engine.SeriesInfo;
import io.vigil.server.engine.SeriesStore;
import io.vigil.server.registry.ModelRegistry;
import io.vigil.server.registry.ModelVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a new model version for each requested series and registers it: the candidates (plus
 * the champion's spec, so the report says whether the new version beats it) run through the
 * series' stored history with its feedback labels, or through an uploaded CSV, as {@link
 * SeriesModelTrainer} describes; the best is registered as a candidate. With automatic
 * promotion on, it becomes champion when it beats the champion's spec on the report's metric.
 *
 * <p>Runs take as long as their history, so they run one at a time on their own thread as
 * {@link TrainingJob}s that report progress; {@link #run} trains in the caller's thread.
 */
public final class ModelTraining implements AutoCloseable {
  /** The most recent points a training run reads from the store. */
  static final int MAX_POINTS = 1_000_000;
  /** Finished jobs kept for their answer; older ones are forgotten. */
  static final int JOBS_KEPT = 100;
  /** Candidates when a request names none. */
  public static final List<String> DEFAULT_CANDIDATES = List.of("default", "robust-ewma",
      "windowed-gaussian");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Logger LOG = LoggerFactory.getLogger(ModelTraining.class);

  private final SeriesStore series;
  private final PointStore points;
  private final ModelRegistry registry;
  private final LabelStore labels;
  private final ModelSwitches switches;
  private final ModelSettings settings;
  private final LongSupplier clock;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "vigil-training");
    t.setDaemon(true);
    return t;
  });
  private final TrainingJobLog log;
  private final Map<Long, TrainingJob> jobs = new ConcurrentHashMap<>();

  /** Marks jobs the last run left unfinished as failed: their thread is gone. */
  public ModelTraining(SeriesStore series, PointStore points, ModelRegistry registry,
      LabelStore labels, ModelSwitches switches, TrainingJobLog log, ModelSettings settings,
      LongSupplier clock) {
    this.series = series;
    this.points = points;
    this.registry = registry;
    this.labels = labels;
    this.switches = switches;
    this.log = log;
    this.settings = settings;
    this.clock = clock;
    log.failUnfinished("interrupted: Vigil stopped while it ran; the versions listed were"
        + " registered before that, submit the rest again", clock.getAsLong());
  }

  /**
   * What to train.
   *
   * @param seriesIds the series, one version each
   * @param candidates the specs to compare (the defaults when empty)
   * @param fromMs the training window's start (inclusive)
   * @param toMs its end (inclusive)
   * @param csv history to train on instead of the stored one (one series only), or null
   * @param by who asked
   */
  public record Request(List<Long> seriesIds, List<DetectorSpec> candidates, long fromMs,
      long toMs, TimeSeries csv, String by) {
    public Request {
      seriesIds = List.copyOf(seriesIds);
      candidates = candidates.isEmpty()
          ? DEFAULT_CANDIDATES.stream().map(DetectorSpec::of).toList()
          : List.copyOf(candidates);
      if (seriesIds.isEmpty()) {
        throw new IllegalArgumentException("no series to train");
      }
      if (csv != null && seriesIds.size() != 1) {
        throw new IllegalArgumentException("a CSV history trains one series, not "
            + seriesIds.size());
      }
      if (toMs < fromMs) {
        throw new IllegalArgumentException("the training window ends before it starts");
      }
    }
  }

  /**
   * Checks the request and queues it.
   *
   * @throws NoSuchElementException for an unknown series
   * @throws IllegalArgumentException when a series has too few points to train on
   */
  public TrainingJob submit(Request r) {
    for (long id : r.seriesIds()) {
      seriesInfo(id);
      long stored = r.csv() != null ? r.csv().size() : points.nextSeq(id);
      if (stored < SeriesModelTrainer.MIN_POINTS) {
        throw new IllegalArgumentException("series " + id + " has " + stored + " points; at"
            + " least " + SeriesModelTrainer.MIN_POINTS + " are needed to train");
      }
    }
    TrainingJob job = new TrainingJob(log.open(r.seriesIds().size(), r.by(),
        clock.getAsLong()), r.seriesIds().size());
    jobs.put(job.id(), job);
    jobs.keySet().removeIf(id -> id <= job.id() - JOBS_KEPT); // each holds trained states
    worker.execute(() -> {
      job.running();
      try {
        run(r, job);
        job.done();
      } catch (Stopped e) {
        return; // left unfinished in the store: the next start reports it as interrupted
      } catch (RuntimeException e) {
        job.failed(e.getMessage() == null ? e.toString() : e.getMessage());
      }
      log.update(job.id(), job.state(), job.versions(), job.error(), clock.getAsLong());
    });
    return job;
  }

  /** A job by id: one of this run's, or one stored before a restart. */
  public Optional<TrainingJob> job(long id) {
    TrainingJob live = jobs.get(id);
    if (live != null) {
      return Optional.of(live);
    }
    return log.job(id).map(e -> TrainingJob.stored(e, e.versions().stream()
        .flatMap(v -> registry.version(v.versionId()).stream()
            .map(mv -> new TrainingOutcome(mv, null, -1, v.promoted())))
        .toList()));
  }

  /**
   * Trains every requested series now, in this thread.
   *
   * @param job told of progress and each outcome; null for none
   */
  public List<TrainingOutcome> run(Request r, TrainingJob job) {
    List<TrainingOutcome> out = new ArrayList<>();
    for (long id : r.seriesIds()) {
      stopIfAsked();
      TrainingOutcome o = trainOne(id, r, job);
      out.add(o);
      if (job != null) {
        job.finished(o);
        log.update(job.id(), job.state(), job.versions(), null, 0);
      }
    }
    return out;
  }

  private TrainingOutcome trainOne(long seriesId, Request r, TrainingJob job) {
    seriesInfo(seriesId);
    History h = r.csv() != null ? csvHistory(seriesId, r.csv())
        : storedHistory(seriesId, r.fromMs(), r.toMs());
    List<FeedbackLabel> given = labels.labels(seriesId);
    List<LabelWindow> windows = given.stream().map(FeedbackLabel::window).toList();
    Optional<ModelVersion> champion = registry.champion(seriesId);
    List<DetectorSpec> candidates = new ArrayList<>(r.candidates());
    int championIndex = -1;
    if (champion.isPresent()) {
      championIndex = candidates.indexOf(champion.get().spec());
      if (championIndex < 0) {
        candidates.add(champion.get().spec());
        championIndex = candidates.size() - 1;
      }
    }
    TrainingReport report = new SeriesModelTrainer(settings.validationFraction(), seriesId)
        .train(h.series, windows, candidates, job == null ? SeriesModelTrainer.Progress.NONE
            : (done, total) -> {
              stopIfAsked();
              job.progress(done, total);
            });
    CandidateReport best = report.best();
    String metric = report.metric();
    ModelVersion v = registry.register(new ModelVersion(0, seriesId, 0, best.spec(),
        best.threshold(), best.thresholdMethod(), new ModelVersion.TrainingWindow(
            report.fromMs(), report.toMs(), report.points(), h.throughSeq, report.dataSha256(),
            h.source, windows.size()), new ModelVersion.Validation(metric,
            best.figure(metric), (double) best.validationAlerts() / best.validationPoints(),
            best.validationSpread(), reportJson(report, championIndex)), r.by(),
        clock.getAsLong(), ModelVersion.Status.CANDIDATE, -1), best.state());
    boolean beats = championIndex >= 0 && report.chosen() != championIndex
        && best.figure(metric) > report.candidates().get(championIndex).figure(metric);
    boolean promoted = false;
    if (settings.autoPromote() && (champion.isEmpty() || beats)) {
      v = switches.promote(v.id(), "auto");
      promoted = true;
    }
    return new TrainingOutcome(v, report, championIndex, promoted);
  }

  /** A history to train on, and the last stored point its trained state will have seen. */
  private record History(TimeSeries series, long throughSeq, String source) {}

  private History storedHistory(long seriesId, long fromMs, long toMs) {
    LatestPoints latest = new LatestPoints(MAX_POINTS);
    points.scan(seriesId, -1, fromMs, toMs, latest);
    return new History(latest.series("series " + seriesId), latest.lastSeq(), "store");
  }

  /**
   * An uploaded history: its state has seen the stored points up to the CSV's last timestamp,
   * or rather stands in for them, so switching to it replays only what was stored after.
   */
  private History csvHistory(long seriesId, TimeSeries csv) {
    long last = csv.size() == 0 ? Long.MIN_VALUE : csv.timestampsMs()[csv.size() - 1];
    long[] through = {-1};
    points.scan(seriesId, -1, Long.MIN_VALUE, last, p -> through[0] = p.seq());
    return new History(csv, through[0], "csv");
  }

  private SeriesInfo seriesInfo(long id) {
    return series.series(id).orElseThrow(() -> new NoSuchElementException("no series " + id));
  }

  /** Every candidate's figures, as stored with the version and shown by the API. */
  static String reportJson(TrainingReport report, int championIndex) {
    ObjectNode o = JSON.createObjectNode();
    o.put("metric", report.metric());
    o.put("validationFromMs", report.validationFromMs());
    ArrayNode list = o.putArray("candidates");
    for (int i = 0; i < report.candidates().size(); i++) {
      CandidateReport c = report.candidates().get(i);
      ObjectNode e = list.addObject();
      e.put("spec", c.spec().text());
      e.put("chosen", i == report.chosen());
      e.put("champion", i == championIndex);
      e.put("threshold", c.threshold());
      e.put("thresholdMethod", c.thresholdMethod());
      e.put("validationPoints", c.validationPoints());
      e.put("validationAlerts", c.validationAlerts());
      number(e, "f1", c.labelledF1());
      number(e, "precision", c.precision());
      number(e, "recall", c.recall());
      number(e, "injectedF1", c.injectedF1());
    }
    return o.toString();
  }

  static void number(ObjectNode o, String field, double v) {
    if (Double.isFinite(v)) {
      o.put(field, v);
    } else {
      o.putNull(field);
    }
  }

  /** Thrown in the training thread when Vigil stops: the job ends where it is. */
  private static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super("Vigil is stopping", null, false, false);
    }
  }

  private static void stopIfAsked() {
    if (Thread.currentThread().isInterrupted()) {
      throw new Stopped();
    }
  }

  /**
   * Stops the job in progress at its next series or progress report and waits for it, so
   * nothing writes to the store once this returns.
   */
  @Override
  public void close() {
    worker.shutdownNow();
    try {
      if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("a training job did not stop within 30 s; the store closes under it");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
