package io.vigil.server.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.detect.Assessment;
import io.vigil.detect.catalog.DetectorSpec;
import io.vigil.detect.StreamingDetector;
import io.vigil.eval.ConfusionMatrix;
import io.vigil.model.series.LabelWindow;
import io.vigil.model.series.ProbabilityHistogram;
import io.vigil.model.series.SeriesModelTrainer;
import io.vigil.series.TimeSeries;
import io.vigil.server.engine.DetectionEngine;
import io.vigil.server.engine.SeriesView;
import io.vigil.server.store.FeedbackLabel;
import io.vigil.server.store.LabelStore;
import io.vigil.server.store.ModelRegistry;
import io.vigil.server.store.ModelVersion;
import io.vigil.server.store.PointStore;
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
    SeriesView view = engine.view(seriesId).orElseThrow(() -> new NoSuchElementException(
        "no series " + seriesId));
    List<LabelWindow> windows = labels.labels(seriesId).stream()
        .map(FeedbackLabel::window).toList();
    if (windows.stream().noneMatch(LabelWindow::anomalous)) {
      throw new IllegalStateException("series " + seriesId + " has no labelled incident yet:"
          + " mark an anomaly or alert a true positive, or a missed incident, first");
    }
    ModelVersion champion = view.champion();
    DetectorSpec spec = champion != null ? champion.spec()
        : DetectorSpec.parse(view.info().detector());
    LatestPoints latest = new LatestPoints(ModelTraining.MAX_POINTS);
    points.scan(seriesId, Math.max(-1, points.nextSeq(seriesId) - ModelTraining.MAX_POINTS - 1),
        Long.MIN_VALUE, Long.MAX_VALUE, latest);
    int n = latest.size();
    if (n == 0) {
      throw new IllegalStateException("series " + seriesId + " has no stored points");
    }
    TimeSeries data = latest.series("series " + seriesId);
    long[] t = data.timestampsMs();
    double[] v = data.values();
    StreamingDetector d = spec.create();
    double[] p = new double[n];
    ProbabilityHistogram spread = ProbabilityHistogram.all();
    for (int i = 0; i < n; i++) {
      Assessment a = d.process(t[i], v[i]);
      p[i] = a.probability();
      if (a.status() == Assessment.Status.SCORED) {
        spread.add(p[i]);
      }
    }
    int[] y = LabelWindow.pointLabels(t, windows);
    int incidentPoints = java.util.Arrays.stream(y).sum();
    if (incidentPoints == 0) {
      throw new IllegalStateException("none of series " + seriesId + "'s labelled incidents"
          + " covers a stored point");
    }
    double current = champion == null ? defaultThreshold : champion.threshold();
    Figures before = Figures.of(current, p, y);
    double tuned = SeriesModelTrainer.f1Threshold(p, y);
    if (Double.isNaN(tuned)) {
      throw new IllegalStateException(spec.text() + " does not score series " + seriesId
          + "'s labelled incidents above its normal points, so no threshold separates them;"
          + " train other candidates (vigil model train) instead");
    }
    Figures after = Figures.of(tuned, p, y);
    if (!(after.f1() > before.f1())) {
      throw new IllegalStateException(String.format(java.util.Locale.ROOT, "the threshold in"
          + " force (%.6g) already has the best F1 on series %d's labels (%.3f)", current,
          seriesId, before.f1()));
    }
    ObjectNode report = JSON.createObjectNode();
    report.put("metric", "f1");
    report.set("before", JSON.valueToTree(before));
    report.set("after", JSON.valueToTree(after));
    report.put("points", n);
    report.put("incidentPoints", incidentPoints);
    ModelVersion registered = registry.register(new ModelVersion(0, seriesId, 0, spec, tuned,
        "f1-on-feedback", new ModelVersion.TrainingWindow(t[0],
            t[n - 1], n, latest.lastSeq(), SeriesModelTrainer.sha256(data), "feedback",
            windows.size()), new ModelVersion.Validation("f1", after.f1(),
            (double) after.alerts() / Math.max(1, n), spread.counts(), report.toString()), by,
        clock.getAsLong(), ModelVersion.Status.CANDIDATE, -1), d.snapshot());
    if (promote) {
      registered = switches.promote(registered.id(), by);
    }
    return new Result(registered, n, incidentPoints, before, after, promote);
  }
}
