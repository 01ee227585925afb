package io.vigil.model.series;

import io.vigil.detect.Assessment;
import io.vigil.detect.catalog.DetectorSpec;
import io.vigil.detect.DetectorState;
import io.vigil.detect.StreamingDetector;
import io.vigil.detect.catalog.StreamingDetectors;
import io.vigil.eval.ConfusionMatrix;
import io.vigil.series.TimeSeries;
import io.vigil.threshold.F1ThresholdSearch;
import io.vigil.threshold.ThresholdChoice;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Trains candidate detectors on one series' history and picks the best on its most recent
 * part, held back.
 *
 * <p>Each candidate runs through the whole history as it would live (each point judged from
 * the past, then learnt), so its probabilities on the held-back part are honest out-of-sample
 * figures and its final state continues the stream. The threshold is chosen by F1 on the
 * labels of the earlier part when it has a labelled incident, else it is the default
 * probability {@value #DEFAULT_THRESHOLD}. Candidates are compared on the held-back part: by
 * F1 on its labels when it has a labelled incident, else by F1 on a copy with spikes of
 * {@value #SPIKE_SIZE} times its point-to-point noise ({@link #noiseScale}) injected at known
 * places (one every {@value #POINTS_PER_SPIKE} points, at least 3), which rewards finding
 * plain anomalies without raising others. Ties go to the candidate with fewer alerts.
 */
public final class SeriesModelTrainer {
  /** Candidates compared by F1 on the user's labels. */
  public static final String LABELLED_F1 = "f1";
  /** Candidates compared by F1 on injected spikes. */
  public static final String INJECTED_F1 = "injected-f1";
  /** The threshold without labels: Vigil's default anomaly probability. */
  public static final double DEFAULT_THRESHOLD = Assessment.ALARM_PROBABILITY;
  /** The fewest points a history may have. */
  public static final int MIN_POINTS = 100;
  static final double SPIKE_SIZE = 6;
  static final int POINTS_PER_SPIKE = 200;

  /** Told how far training has got, in points processed of all candidates' runs. */
  @FunctionalInterface
  public interface Progress {
    /** Progress that goes nowhere. */
    Progress NONE = (done, total) -> { };

    void advanced(long done, long total);
  }

  /** How often (in points) progress is reported. */
  private static final int PROGRESS_EVERY = 10_000;

  private final double validationFraction;
  private final long seed;

  /**
   * @param validationFraction the most recent share of the history held back, in (0, 0.5]
   * @param seed where spikes are injected
   */
  public SeriesModelTrainer(double validationFraction, long seed) {
    if (!(validationFraction > 0 && validationFraction <= 0.5)) {
      throw new IllegalArgumentException("the held-back share must be in (0, 0.5], was "
          + validationFraction);
    }
    this.validationFraction = validationFraction;
    this.seed = seed;
  }

  /**
   * Trains every candidate on {@code history} and picks the best.
   *
   * @param labels the user's labels on the series (may be empty)
   * @throws IllegalArgumentException when the history has fewer than {@value #MIN_POINTS}
   *     points or no candidate is given
   */
  public TrainingReport train(TimeSeries history, List<LabelWindow> labels,
      List<DetectorSpec> candidates) {
    return train(history, labels, candidates, Progress.NONE);
  }

  /**
   * Trains every candidate on {@code history} and picks the best, telling {@code progress} as
   * it goes.
   *
   * @param labels the user's labels on the series (may be empty)
   * @throws IllegalArgumentException when the history has fewer than {@value #MIN_POINTS}
   *     points or no candidate is given
   */
  public TrainingReport train(TimeSeries history, List<LabelWindow> labels,
      List<DetectorSpec> candidates, Progress progress) {
    int n = history.size();
    if (n < MIN_POINTS) {
      throw new IllegalArgumentException("the training window has " + n + " points; at least "
          + MIN_POINTS + " are needed");
    }
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("no candidate algorithm given");
    }
    long[] t = history.timestampsMs();
    // At least one point on each side, however small the share.
    int split = (int) Math.min(n - 1, Math.max(1, Math.round(n * (1 - validationFraction))));
    int[] y = LabelWindow.pointLabels(t, labels);
    boolean labelledTraining = Arrays.stream(y, 0, split).anyMatch(v -> v == 1);
    boolean labelledValidation = Arrays.stream(y, split, n).anyMatch(v -> v == 1);
    Injected injected = inject(Arrays.copyOfRange(history.values(), split, n));
    List<CandidateReport> reports = new ArrayList<>();
    Counter counter = new Counter(progress, (long) candidates.size() * (2L * n - split));
    for (DetectorSpec spec : candidates) {
      reports.add(candidate(spec, history, y, split, labelledTraining, labelledValidation,
          injected, counter));
    }
    progress.advanced(counter.total, counter.total);
    String metric = labelledValidation ? LABELLED_F1 : INJECTED_F1;
    int best = 0;
    for (int i = 1; i < reports.size(); i++) {
      CandidateReport r = reports.get(i);
      CandidateReport b = reports.get(best);
      if (r.figure(metric) > b.figure(metric) || (r.figure(metric) == b.figure(metric)
          && r.validationAlerts() < b.validationAlerts())) {
        best = i;
      }
    }
    return new TrainingReport(metric, reports, best, t[0], t[n - 1], t[split], n,
        sha256(history));
  }

  private CandidateReport candidate(DetectorSpec spec, TimeSeries history, int[] y, int split,
      boolean labelledTraining, boolean labelledValidation, Injected injected,
      Counter counter) {
    int n = history.size();
    StreamingDetector d = spec.create();
    double[] p = new double[n];
    boolean[] scored = new boolean[n];
    DetectorState atSplit = null;
    for (int i = 0; i < n; i++) {
      if (i == split) {
        atSplit = d.snapshot();
      }
      Assessment a = d.process(history.timestampsMs()[i], history.values()[i]);
      p[i] = a.probability();
      scored[i] = a.status() == Assessment.Status.SCORED;
      counter.step();
    }
    double threshold = DEFAULT_THRESHOLD;
    String method = "default";
    if (labelledTraining) {
      double best = f1Threshold(Arrays.copyOf(p, split), Arrays.copyOf(y, split));
      if (!Double.isNaN(best)) {
        threshold = best;
        method = "f1-on-labels";
      }
    }
    int m = n - split;
    boolean[] flagged = new boolean[m];
    int alerts = 0;
    ProbabilityHistogram spread = ProbabilityHistogram.all();
    for (int i = 0; i < m; i++) {
      flagged[i] = p[split + i] >= threshold;
      alerts += flagged[i] ? 1 : 0;
      if (scored[split + i]) {
        spread.add(p[split + i]);
      }
    }
    double f1 = Double.NaN;
    double precision = Double.NaN;
    double recall = Double.NaN;
    if (labelledValidation) {
      ConfusionMatrix c = ConfusionMatrix.of(flagged, Arrays.copyOfRange(y, split, n));
      f1 = c.f1();
      precision = c.precision();
      recall = c.recall();
    }
    StreamingDetector replay = StreamingDetectors.restore(atSplit);
    boolean[] caught = new boolean[m];
    for (int i = 0; i < m; i++) {
      caught[i] = replay.process(history.timestampsMs()[split + i], injected.values[i])
          .probability() >= threshold;
      counter.step();
    }
    double injectedF1 = ConfusionMatrix.of(caught, injected.labels).f1();
    return new CandidateReport(spec, threshold, method, m, alerts, f1, precision, recall,
        injectedF1, spread.counts(), d.snapshot());
  }

  /**
   * The probability threshold with the best F1 on labelled points (a point is flagged when its
   * probability is at least it), or NaN when there is none worth having: no cut flags a
   * labelled incident, or the best flags every point (the detector does not score the
   * incidents above normal points, and "everything is an anomaly" is no threshold).
   *
   * @param labels 1 inside an incident, else 0; at least one 1
   */
  public static double f1Threshold(double[] probabilities, int[] labels) {
    ThresholdChoice c = F1ThresholdSearch.exact(probabilities, labels);
    if (!Double.isFinite(c.threshold()) || !(c.validation().f1() > 0)
        || c.validation().flagged() == c.validation().total()) {
      return Double.NaN;
    }
    return Math.nextUp(c.threshold()); // "above t" as "at least the next double"
  }

  /** Counts points processed and reports every {@value #PROGRESS_EVERY}. */
  private static final class Counter {
    private final Progress progress;
    private final long total;
    private long done;

    Counter(Progress progress, long total) {
      this.progress = progress;
      this.total = total;
    }

    void step() {
      if (++done % PROGRESS_EVERY == 0) {
        progress.advanced(done, total);
      }
    }
  }

  /**
   * The point-to-point noise of a stretch: the MAD of its first differences over √2 (scaled to
   * a standard deviation). The spread of the values themselves would count a daily cycle or a
   * trend as noise, and spikes that size are caught by any detector, seasonal or not; spikes
   * the size of the noise are what tell a detector that knows the pattern from one that does
   * not. On white noise both give its standard deviation.
   */
  static double noiseScale(double[] values) {
    double[] diffs = new double[values.length];
    int n = 0;
    double previous = Double.NaN;
    for (double v : values) {
      if (Double.isFinite(v)) {
        if (!Double.isNaN(previous)) {
          diffs[n++] = v - previous;
        }
        previous = v;
      }
    }
    double[] d = Arrays.copyOf(diffs, n);
    if (n == 0) {
      return 1;
    }
    Arrays.sort(d);
    double median = d[n / 2];
    double[] dev = Arrays.stream(d).map(x -> Math.abs(x - median)).sorted().toArray();
    double mad = 1.4826 * dev[n / 2] / Math.sqrt(2);
    if (mad > 0) {
      return mad;
    }
    double level = Math.abs(Arrays.stream(values).filter(Double::isFinite).average().orElse(0));
    return Math.max(1e-9, level * 0.01 + 1e-9); // a flat stretch: 1% of its level
  }

  /** The held-back values with spikes added, and where. */
  private record Injected(double[] values, int[] labels) {}

  private Injected inject(double[] values) {
    double scale = noiseScale(values);
    Random r = new Random(seed);
    int m = values.length;
    int spikes = Math.max(3, m / POINTS_PER_SPIKE);
    double[] out = values.clone();
    int[] labels = new int[m];
    for (int k = 0; k < spikes; k++) {
      int at = (int) ((k + 0.5 + 0.4 * (r.nextDouble() - 0.5)) * m / spikes);
      if (Double.isFinite(out[at])) {
        out[at] += (r.nextBoolean() ? 1 : -1) * SPIKE_SIZE * scale;
        labels[at] = 1;
      }
    }
    return new Injected(out, labels);
  }

  /** SHA-256 of a series' timestamps and values: which data a model saw. */
  public static String sha256(TimeSeries s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      ByteBuffer b = ByteBuffer.allocate(16);
      for (int i = 0; i < s.size(); i++) {
        b.clear();
        b.putLong(s.timestampsMs()[i]).putDouble(s.values()[i]);
        md.update(b.array());
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
