package io.vigil.server.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.detect.DetectorSpec;
import io.vigil.eval.ConfusionMatrix;
import io.vigil.model.series.LabelWindow;
import io.vigil.model.series.ProbabilityHistogram;
import io.vigil.model.series.SeriesModelTrainer;
import io.vigil.series.TimeSeries;
import io.vigil.server.engine.DetectionEngine;
import io.vigil.server.engine.SeriesView;
import io.vigil.server.store.Checkpoint;
import io.vigil.server.store.LabelStore;
import io.vigil.server.store.ModelRegistry;
import io.vigil.server.store.ModelVersion;
import io.vigil.server.store.PointStore;
import io.vigil.server.store.StoredPoint;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.LongSupplier;

/**
 * Retunes a series' threshold to its feedback labels: the probabilities its live detector
 * gave (as stored) are cut where F1 on the labels is best, and the result is registered as a
 * new version with the live detector's state and the new threshold, with precision, recall and
 * F1 before and after on the same labelled points. Promoting it (at once when asked) makes
 * alerts follow the new threshold.
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
   * @param points scored points it was tuned on
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
   * @throws IllegalStateException when the series has no labelled incident, or none of its
   *     incidents' points was scored above any other point
   */
  public Result retune(long seriesId, boolean promote, String by) {
    SeriesView view = engine.view(seriesId).orElseThrow(() -> new NoSuchElementException(
        "no series " + seriesId));
    List<LabelWindow> windows = labels.labels(seriesId).stream()
        .map(l -> new LabelWindow(l.fromMs(), l.toMs(), l.anomalous())).toList();
    if (windows.stream().noneMatch(LabelWindow::anomalous)) {
      throw new IllegalStateException("series " + seriesId + " has no labelled incident yet:"
          + " mark an anomaly or alert a true positive, or a missed incident, first");
    }
    Checkpoint live = engine.liveState(seriesId);
    List<StoredPoint> scored = points.pointsAfter(seriesId, -1).stream()
        .filter(p -> p.seq() <= live.seq() && !p.assessment().status().skipped()).toList();
    scored = scored.subList(Math.max(0, scored.size() - ModelTraining.MAX_POINTS),
        scored.size());
    int n = scored.size();
    long[] t = new long[n];
    double[] v = new double[n];
    double[] p = new double[n];
    ProbabilityHistogram spread = ProbabilityHistogram.all();
    for (int i = 0; i < n; i++) {
      t[i] = scored.get(i).timestampMs();
      v[i] = scored.get(i).value();
      p[i] = scored.get(i).assessment().probability();
      if (scored.get(i).assessment().status() == io.vigil.detect.Assessment.Status.SCORED) {
        spread.add(p[i]);
      }
    }
    int[] y = LabelWindow.pointLabels(t, windows);
    int incidentPoints = java.util.Arrays.stream(y).sum();
    if (incidentPoints == 0) {
      throw new IllegalStateException("none of series " + seriesId + "'s labelled incidents"
          + " covers a scored point");
    }
    double tuned = SeriesModelTrainer.f1Threshold(p, y);
    if (Double.isNaN(tuned)) {
      throw new IllegalStateException("no threshold flags a labelled incident of series "
          + seriesId + " without flagging everything");
    }
    ModelVersion champion = view.champion();
    double current = champion == null ? defaultThreshold : champion.threshold();
    Figures before = Figures.of(current, p, y);
    Figures after = Figures.of(tuned, p, y);
    DetectorSpec spec = champion != null ? champion.spec()
        : DetectorSpec.of(view.info().detector());
    ObjectNode report = JSON.createObjectNode();
    report.put("metric", "f1");
    report.set("before", JSON.valueToTree(before));
    report.set("after", JSON.valueToTree(after));
    report.put("points", n);
    report.put("incidentPoints", incidentPoints);
    TimeSeries data = new TimeSeries("series " + seriesId, t, v, new long[n]);
    ModelVersion registered = registry.register(new ModelVersion(0, seriesId, 0, spec, tuned,
        "f1-on-feedback", new ModelVersion.TrainingWindow(n == 0 ? 0 : t[0],
            n == 0 ? 0 : t[n - 1], n, live.seq(), SeriesModelTrainer.sha256(data), "feedback",
            windows.size()), new ModelVersion.Validation("f1", after.f1(),
            (double) after.alerts() / Math.max(1, n), spread.counts(), report.toString()), by,
        clock.getAsLong(), ModelVersion.Status.CANDIDATE, -1), live.state());
    if (promote) {
      registered = switches.promote(registered.id(), by);
    }
    return new Result(registered, n, incidentPoints, before, after, promote);
  }
}
