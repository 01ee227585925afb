package io.vigil.server.model;

import io.vigil.eval.ConfusionMatrix;
import io.vigil.model.series.LabelWindow;
import io.vigil.server.engine.DetectionEngine;
import io.vigil.server.engine.PointStore;
import io.vigil.server.engine.SeriesView;
import io.vigil.server.engine.ShadowView;
import io.vigil.server.engine.StoredPoint;
import io.vigil.server.registry.ModelVersion;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A candidate in shadow next to the live champion, over the points since the shadow began:
 * how many each flagged and, where the user has labelled incidents in that stretch, each
 * one's precision, recall and F1 on them. The champion's side is what was stored live.
 */
public final class ShadowComparison {
  private final DetectionEngine engine;
  private final PointStore points;
  private final LabelStore labels;
  private final double defaultThreshold;

  public ShadowComparison(DetectionEngine engine, PointStore points, LabelStore labels,
      double defaultThreshold) {
    this.engine = engine;
    this.points = points;
    this.labels = labels;
    this.defaultThreshold = defaultThreshold;
  }

  /**
   * One side of the comparison.
   *
   * @param versionId the version, 0 for a series' configured detector
   * @param threshold its threshold
   * @param points scored points since the shadow began
   * @param alerts of them, how many it flagged
   * @param precision on the labelled incidents of the stretch (NaN without one)
   * @param recall there
   * @param f1 there
   */
  public record Side(long versionId, double threshold, long points, long alerts,
      double precision, double recall, double f1) {}

  /**
   * @param fromSeq the first point judged in shadow
   * @param incidentPoints labelled incident points since then
   */
  public record Report(long fromSeq, int incidentPoints, Side champion, Side challenger) {}

  /**
   * Compares a shadowed version with its series' champion.
   *
   * @throws IllegalStateException when the version is not in shadow
   */
  public Report compare(long versionId) {
    ShadowView shadow = engine.shadows(null).stream()
        .filter(s -> s.version().id() == versionId).findFirst()
        .orElseThrow(() -> new IllegalStateException("model version " + versionId
            + " is not in shadow; start it with POST /api/v1/models/" + versionId + "/shadow"));
    long seriesId = shadow.version().seriesId();
    SeriesView view = engine.view(seriesId).orElseThrow(() -> new NoSuchElementException(
        "no series " + seriesId));
    ModelVersion champion = view.champion();
    double threshold = champion == null ? defaultThreshold : champion.threshold();
    long from = shadow.version().shadowFromSeq();
    List<StoredPoint> since = points.pointsAfter(seriesId, from - 1).stream()
        .filter(p -> !p.assessment().status().skipped()).toList();
    int n = since.size();
    long[] t = new long[n];
    boolean[] champ = new boolean[n];
    boolean[] challenger = new boolean[n];
    Set<Long> flagged = new HashSet<>(shadow.alertSeqs());
    for (int i = 0; i < n; i++) {
      StoredPoint p = since.get(i);
      t[i] = p.timestampMs();
      champ[i] = p.assessment().probability() >= threshold;
      challenger[i] = flagged.contains(p.seq());
    }
    int[] y = LabelWindow.pointLabels(t, labels.labels(seriesId).stream()
        .map(FeedbackLabel::window).toList());
    int incidents = java.util.Arrays.stream(y).sum();
    return new Report(from, incidents,
        side(champion == null ? 0 : champion.id(), threshold, n, champ, y, incidents),
        side(versionId, shadow.version().threshold(), shadow.points(), challenger, y,
            incidents));
  }

  private static Side side(long id, double threshold, long points, boolean[] flags, int[] y,
      int incidents) {
    long alerts = 0;
    for (boolean f : flags) {
      alerts += f ? 1 : 0;
    }
    if (incidents == 0) {
      return new Side(id, threshold, points, alerts, Double.NaN, Double.NaN, Double.NaN);
    }
    ConfusionMatrix c = ConfusionMatrix.of(flags, y);
    return new Side(id, threshold, points, alerts, c.precision(), c.recall(), c.f1());
  }
}
