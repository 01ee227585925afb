package io.vigil.server.model;

import io.vigil.series.SeriesKey;
import io.vigil.series.Timestamps;
import io.vigil.server.alert.AlertStore;
import io.vigil.server.alert.AlertView;
import io.vigil.server.engine.PointStore;
import io.vigil.server.engine.SeriesInfo;
import io.vigil.server.engine.SeriesStore;
import io.vigil.server.engine.StoredPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Users' verdicts turned into stored labels: an anomaly or an alert marked a true positive
 * (an incident) or a false positive (a stretch that was normal), or a missed incident's
 * window. Training and retuning read them back.
 *
 * <p>Refusals: {@link NoSuchElementException} for an unknown series, anomaly or alert;
 * {@link IllegalArgumentException} for a request that does not say one thing clearly.
 */
public final class Feedback {
  /** The verdicts a user can give. */
  public static final Set<String> VERDICTS = Set.of("true-positive", "false-positive",
      "missed");

  private final SeriesStore series;
  private final PointStore points;
  private final AlertStore alerts;
  private final LabelStore labels;
  private final LongSupplier clock;

  public Feedback(SeriesStore series, PointStore points, AlertStore alerts, LabelStore labels,
      LongSupplier clock) {
    this.series = series;
    this.points = points;
    this.alerts = alerts;
    this.labels = labels;
    this.clock = clock;
  }

  /**
   * A verdict on one thing: an anomaly ({@code seriesId} and {@code atMs}), an alert
   * ({@code alertId}), or for {@code missed} a stretch of a series ({@code seriesId},
   * {@code fromMs}, {@code toMs}). Unused fields are null.
   */
  public record Verdict(String verdict, Long seriesId, Long atMs, Long alertId, Long fromMs,
      Long toMs, String note, String by) {}

  /** Stores the labels the verdict means, all or none; returns them. */
  public List<FeedbackLabel> mark(Verdict v) {
    if (!VERDICTS.contains(v.verdict())) {
      throw new IllegalArgumentException("verdict must be one of true-positive,"
          + " false-positive, missed; was '" + v.verdict() + "'");
    }
    boolean incident = !v.verdict().equals("false-positive");
    if (v.verdict().equals("missed")) {
      if (v.seriesId() == null || v.fromMs() == null || v.toMs() == null || v.alertId() != null
          || v.atMs() != null) {
        throw new IllegalArgumentException("a missed incident is a stretch of one series: give"
            + " series, from and to (and no alert or anomaly)");
      }
      if (v.toMs() < v.fromMs()) {
        throw new IllegalArgumentException("the missed incident ends (to) before it starts"
            + " (from)");
      }
      seriesInfo(v.seriesId());
      return labels.addLabels(List.of(label(v.seriesId(), v.fromMs(), v.toMs(), true, v, 0)));
    }
    if (v.fromMs() != null || v.toMs() != null) {
      throw new IllegalArgumentException(v.verdict() + " is a verdict on an anomaly or an"
          + " alert, not a stretch: give series and timestamp, or alert");
    }
    if (v.alertId() != null) {
      if (v.seriesId() != null || v.atMs() != null) {
        throw new IllegalArgumentException("give an alert or an anomaly (series and"
            + " timestamp), not both");
      }
      return labels.addLabels(alertLabels(v, incident));
    }
    if (v.seriesId() == null || v.atMs() == null) {
      throw new IllegalArgumentException("say what the verdict is on: an alert, or an anomaly"
          + " by series and timestamp");
    }
    seriesInfo(v.seriesId());
    if (points.anomalies(v.seriesId(), v.atMs(), v.atMs() + 1, 0, 1).isEmpty()) {
      throw new NoSuchElementException("series " + v.seriesId() + " has no anomaly at "
          + Timestamps.format(v.atMs()));
    }
    return labels.addLabels(List.of(label(v.seriesId(), v.atMs(), v.atMs(), incident, v, 0)));
  }

  /** One label per series that had anomalies within the alert, over the alert's stretch. */
  private List<FeedbackLabel> alertLabels(Verdict v, boolean incident) {
    AlertView a = alerts.alert(v.alertId()).orElseThrow(() -> new NoSuchElementException(
        "no alert " + v.alertId()));
    long to = Math.max(a.startsMs(), a.lastAnomalyMs());
    Map<Long, Boolean> seen = new LinkedHashMap<>();
    List<FeedbackLabel> out = new ArrayList<>();
    for (StoredPoint p : points.anomalies(null, a.startsMs(), to + 1, 0, 100_000)) {
      if (seen.putIfAbsent(p.seriesId(), true) == null
          && matches(a.labels(), seriesInfo(p.seriesId()).key())) {
        out.add(label(p.seriesId(), a.startsMs(), to, incident, v, a.id()));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("alert " + a.id() + " has no stored anomaly to label"
          + " (a predictive alert is judged by its forecast, not by anomalies)");
    }
    return out;
  }

  /** Whether a series belongs to an alert: every label of the alert but its name agrees. */
  static boolean matches(Map<String, String> alertLabels, SeriesKey key) {
    for (Map.Entry<String, String> e : alertLabels.entrySet()) {
      String k = e.getKey();
      String have = k.equals("vigil_series") ? key.name() : key.labels().get(k);
      if (!k.equals("alertname") && !e.getValue().equals(have)) {
        return false;
      }
    }
    return true;
  }

  private FeedbackLabel label(long seriesId, long from, long to, boolean anomalous, Verdict v,
      long alertId) {
    return new FeedbackLabel(0, seriesId, from, to, anomalous, v.verdict(), alertId, v.note(),
        v.by(), clock.getAsLong());
  }

  private SeriesInfo seriesInfo(long id) {
    return series.series(id).orElseThrow(() -> new NoSuchElementException("no series " + id));
  }
}
