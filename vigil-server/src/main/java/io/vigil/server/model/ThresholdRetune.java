package io.vigil.server.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.detect.Assessment;
import io.vigil.detect.StreamingDetector;
import io.vigil.detect.catalog.DetectorSpec;
import io.vigil.eval.ConfusionMatrix;
import io.vigil.model.series.LabelWindow;
import io.vigil.model.series.ProbabilityHistogram;
import io.vigil.model.series.SeriesModelTrainer;
import io.vigil.series.TimeSeries;
import io.vigil.server.engine.DetectionEngine;
import io.vigil.server.engine.PointStore;
import io.vigil.server.engine.SeriesView;
import io.vigil.server.registry.ModelRegistry;
import io.vigil.server.registry.ModelVersion;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.LongSupplier;

/**
 * Retunes a series' threshold to its feedback labels: the series' detector (its champion's
 * spec, else its configured one) runs through the stored history as it would live, its
 * probabilities are cut where F1 on the labels is best, and the result is registered as a new
 * version (that detector's state after the history, the new threshold), with precision, recall
 * and F1 of the threshold in force and of the new one on the same labelled points.
 *
 * <p>The history is scored afresh rather than read back from the stored probabilities because
 * those may come from several detectors (before and after a promotion), and a threshold only
 * means something for the detector whose probabilities it cuts. A retune that would not raise
 * F1 is refused, as is one whose best cut flags every point.
 */
public final class ThresholdRetune {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DetectionEngine engine;
  private final PointStore points;
  private final LabelStore labels;
  private final ModelRegistry registry;
  private final ModelSwitches switches;
  private final double defaultThreshold;
  private final LongSupplier clock;

  public ThresholdRetune(DetectionEngine engine, PointStore points, LabelStore labels,
      ModelRegistry registry, ModelSwitches switches, double defaultThreshold,
      LongSupplier clock) {
    this.engine = engine;
    this.points = points;
    this.labels = labels;
    this.registry = registry;
    this.switches = switches;
    this.defaultThreshold = defaultThreshold;
    this.clock = clock;
  }

  /**
   * Precision, recall and F1 of one threshold on the labelled points.
   *
   * @param alerts points at or above the threshold
   */
  public record Figures(double threshold, long alerts, double precision, double recall,
      double f1) {
    static Figures of(double threshold, double[] p, int[] y) {
      boolean[] flagged = new boolean[p.length];
      long alerts = 0;
      for (int i = 0; i < p.length; i++) {
        flagged[i] = p[i] >= threshold;
        alerts += flagged[i] ? 1 : 0;
      }
      ConfusionMatrix c = ConfusionMatrix.of(flagged, y);
      return new Figures(threshold, alerts, c.precision(), c.recall(), c.f1());
    }
  }

  /**
   * What a retune found.
   *
   * @param version the version registered with the new threshold
   * @param points stored points it was tuned on
   * @param incidentPoints of them, how many lie in labelled incidents
   * @param before the threshold in force, on those points
   * @param after the new one
   * @param promoted whether it was made champion
   */
  public record Result(ModelVersion version, int points, int incidentPoints, Figures before,
      Figures after, boolean promoted) {}

  /**
   * Retunes the series' threshold.
   *
   * @throws NoSuchElementException for an unknown series
   * @throws IllegalStateException when the series has no labelled incident, its detector does
   *     not separate the incidents from normal points, or the threshold in force is already
   *     the best
   */
  public Result retune(long seriesId, boolean promote, String by) {
    History h = history(seriesId);
    if (h.windows.stream().noneMatch(LabelWindow::anomalous)) {
      throw new IllegalStateException("series " + seriesId + " has no labelled incident yet:"
          + " mark an anomaly or alert a true positive, or a missed incident, first");
    }
    int[] y = LabelWindow.pointLabels(h.t, h.windows);
    int incidentPoints = java.util.Arrays.stream(y).sum();
    if (incidentPoints == 0) {
      throw new IllegalStateException("none of series " + seriesId + "'s labelled incidents"
          + " covers a stored point");
    }
    double current = h.threshold(defaultThreshold);
    Figures before = Figures.of(current, h.p, y);
    double tuned = SeriesModelTrainer.f1Threshold(h.p, y);
    if (Double.isNaN(tuned)) {
      throw new IllegalStateException(h.spec.text() + " does not score series " + seriesId
          + "'s labelled incidents above its normal points, so no threshold separates them;"
          + " train other candidates (vigil model train) instead");
    }
    Figures after = Figures.of(tuned, h.p, y);
    if (!(after.f1() > before.f1())) {
      throw new IllegalStateException(String.format(java.util.Locale.ROOT, "the threshold in"
          + " force (%.6g) already has the best F1 on series %d's labels (%.3f)", current,
          seriesId, before.f1()));
    }
    ObjectNode report = JSON.createObjectNode();
    report.put("metric", "f1");
    report.set("before", JSON.valueToTree(before));
    report.set("after", JSON.valueToTree(after));
    report.put("points", h.t.length);
    report.put("incidentPoints", incidentPoints);
    ModelVersion registered = register(h, tuned, "f1-on-feedback", "feedback",
        new ModelVersion.Validation("f1", after.f1(), (double) after.alerts()
            / Math.max(1, h.t.length), h.spread.counts(), report.toString()), by);
    if (promote) {
      registered = switches.promote(registered.id(), by);
    }
    return new Result(registered, h.t.length, incidentPoints, before, after, promote);
  }

  /**
   * What a threshold would have done over the stored history: the alerts it would have raised
   * (runs of points at or above it, a run ending after {@code quietMs} without one) and the
   * labelled incidents it would have caught (one of their points at or above it).
   *
   * @param alertStartsMs when each alert would have begun, oldest first (at most 500)
   */
  public record Preview(double threshold, int alerts, long flaggedPoints, int incidents,
      int incidentsCaught, List<Long> alertStartsMs) {}

  /** The history scored by the series' detector, with the figures of two thresholds. */
  public record Previews(DetectorSpec spec, int points, long fromMs, long toMs,
      Preview current, Preview proposed) {}

  /**
   * Previews {@code threshold} against the threshold in force on the series' stored history,
   * as its detector scores it afresh.
   *
   * @throws NoSuchElementException for an unknown series
   * @throws IllegalStateException when the series has no stored points
   */
  public Previews preview(long seriesId, double threshold, long quietMs) {
    History h = history(seriesId);
    return new Previews(h.spec, h.t.length, h.t[0], h.t[h.t.length - 1],
        h.preview(h.threshold(defaultThreshold), quietMs),
        h.preview(threshold, quietMs));
  }

  /**
   * Registers a version of the series' detector, with its state after the stored history,
   * judging at {@code threshold}, and promotes it when asked: a threshold chosen by hand,
   * versioned like any other so that a rollback undoes it.
   */
  public ModelVersion setThreshold(long seriesId, double threshold, long quietMs,
      boolean promote, String by) {
    History h = history(seriesId);
    Preview p = h.preview(threshold, quietMs);
    ObjectNode report = JSON.createObjectNode();
    report.put("metric", "chosen-by-hand");
    report.set("preview", JSON.valueToTree(p));
    report.put("points", h.t.length);
    ModelVersion registered = register(h, threshold, "chosen-by-hand", "threshold",
        new ModelVersion.Validation("alerts", p.alerts(), (double) p.flaggedPoints()
            / Math.max(1, h.t.length), h.spread.counts(), report.toString()), by);
    return promote ? switches.promote(registered.id(), by) : registered;
  }

  private ModelVersion register(History h, double threshold, String method, String source,
      ModelVersion.Validation validation, String by) {
    int n = h.t.length;
    return registry.register(new ModelVersion(0, h.seriesId, 0, h.spec, threshold, method,
        new ModelVersion.TrainingWindow(h.t[0], h.t[n - 1], n, h.latest.lastSeq(),
            SeriesModelTrainer.sha256(h.data), source, h.windows.size()), validation, by,
        clock.getAsLong(), ModelVersion.Status.CANDIDATE, -1), h.detector.snapshot());
  }

  /** A series' latest stored points scored afresh by its detector, and its labels. */
  private static final class History {
    long seriesId;
    ModelVersion champion;
    DetectorSpec spec;
    LatestPoints latest;
    TimeSeries data;
    long[] t;
    double[] p;
    StreamingDetector detector;
    ProbabilityHistogram spread = ProbabilityHistogram.all();
    List<LabelWindow> windows;

    double threshold(double otherwise) {
      return champion == null ? otherwise : champion.threshold();
    }

    Preview preview(double threshold, long quietMs) {
      List<Long> starts = new java.util.ArrayList<>();
      int alerts = 0;
      long flagged = 0;
      long lastFlagged = Long.MIN_VALUE;
      for (int i = 0; i < t.length; i++) {
        if (p[i] >= threshold) {
          flagged++;
          if (lastFlagged == Long.MIN_VALUE || t[i] - lastFlagged > quietMs) {
            alerts++;
            if (starts.size() < 500) {
              starts.add(t[i]);
            }
          }
          lastFlagged = t[i];
        }
      }
      int incidents = 0;
      int caught = 0;
      for (LabelWindow w : windows) {
        if (!w.anomalous()) {
          continue;
        }
        incidents++;
        for (int i = 0; i < t.length; i++) {
          if (t[i] >= w.fromMs() && t[i] <= w.toMs() && p[i] >= threshold) {
            caught++;
            break;
          }
        }
      }
      return new Preview(threshold, alerts, flagged, incidents, caught, List.copyOf(starts));
    }
  }

  private History history(long seriesId) {
    SeriesView view = engine.view(seriesId).orElseThrow(() -> new NoSuchElementException(
        "no series " + seriesId));
    History h = new History();
    h.seriesId = seriesId;
    h.windows = labels.labels(seriesId).stream().map(FeedbackLabel::window).toList();
    h.champion = view.champion();
    h.spec = h.champion != null ? h.champion.spec() : DetectorSpec.parse(view.info().detector());
    h.latest = new LatestPoints(ModelTraining.MAX_POINTS);
    points.scan(seriesId, Math.max(-1, points.nextSeq(seriesId) - ModelTraining.MAX_POINTS - 1),
        Long.MIN_VALUE, Long.MAX_VALUE, h.latest);
    int n = h.latest.size();
    if (n == 0) {
      throw new IllegalStateException("series " + seriesId + " has no stored points");
    }
    h.data = h.latest.series("series " + seriesId);
    h.t = h.data.timestampsMs();
    double[] v = h.data.values();
    h.detector = h.spec.create();
    h.p = new double[n];
    for (int i = 0; i < n; i++) {
      Assessment a = h.detector.process(h.t[i], v[i]);
      h.p[i] = a.probability();
      if (a.status() == Assessment.Status.SCORED) {
        h.spread.add(h.p[i]);
      }
    }
    return h;
  }
}
