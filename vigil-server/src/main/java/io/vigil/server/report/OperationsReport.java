package io.vigil.server.report;

import io.vigil.series.SeriesKey;
import io.vigil.server.alert.AlertStore;
import io.vigil.server.alert.AlertView;
import io.vigil.server.alert.PredictiveEvaluator;
import io.vigil.server.engine.DetectionEngine;
import io.vigil.server.engine.PointStore;
import io.vigil.server.engine.StoredPoint;
import io.vigil.server.model.FeedbackLabel;
import io.vigil.server.model.LabelStore;
import io.vigil.server.model.ModelHealth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Gathers a period's report from the stores: what an on-call review reads on Monday.
 *
 * @param fromMs the period's start
 * @param untilMs its end
 * @param alerts alerts that began in the period
 * @param byState how many are in each state now
 * @param byRule how many each rule raised, most first
 * @param truePositives alerts of the period marked true positives
 * @param falsePositives marked false positives
 * @param missed incidents reported missed in the period
 * @param incidents the period's alerts, most probable first (at most 25)
 * @param verdicts each alert's verdict, by alert id, where one was given
 * @param noisiest the series with the most anomalies in the period (at most 10)
 * @param models the champions' health, the troubled first
 * @param forecasts the predictive rules' latest estimates, soonest crossing first
 */
public record OperationsReport(long fromMs, long untilMs, int alerts, Map<String, Integer> byState,
    Map<String, Integer> byRule, int truePositives, int falsePositives, int missed,
    List<AlertView> incidents, Map<Long, String> verdicts, List<Noisy> noisiest,
    List<ModelHealth> models, List<PredictiveEvaluator.Estimate> forecasts) {

  /** Alerts scanned for a period at most. */
  static final int MAX_ALERTS = 10_000;

  /** A series and its anomalies in the period. */
  public record Noisy(long seriesId, SeriesKey key, int anomalies, double maxProbability) {}

  /** Precision of the period's alerts from feedback; NaN without any. */
  public double precision() {
    int judged = truePositives + falsePositives;
    return judged == 0 ? Double.NaN : (double) truePositives / judged;
  }

  /** Builds the report of {@code fromMs} to {@code untilMs}. */
  public static OperationsReport of(long fromMs, long untilMs, AlertStore alertStore,
      PointStore points, LabelStore labels, DetectionEngine engine,
      Supplier<List<ModelHealth>> health, Supplier<List<PredictiveEvaluator.Estimate>> forecasts) {
    List<AlertView> alerts = alertStore.alerts(null, MAX_ALERTS).stream()
        .filter(a -> a.startsMs() >= fromMs && a.startsMs() <= untilMs).toList();
    Map<String, Integer> byState = new TreeMap<>();
    Map<String, Integer> byRule = new HashMap<>();
    for (AlertView a : alerts) {
      byState.merge(a.state().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
      byRule.merge(a.rule(), 1, Integer::sum);
    }
    Map<String, Integer> rules = new java.util.LinkedHashMap<>();
    byRule.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
        .thenComparing(Map.Entry.comparingByKey())).forEach(e -> rules.put(e.getKey(),
            e.getValue()));

    Set<Long> ids = new HashSet<>();
    alerts.forEach(a -> ids.add(a.id()));
    Map<Long, String> verdicts = new HashMap<>();
    int missed = 0;
    for (FeedbackLabel l : labels.labelsGiven(fromMs, untilMs)) {
      if (l.verdict().equals("missed")) {
        missed++;
      } else if (ids.contains(l.alertId())) {
        verdicts.put(l.alertId(), l.verdict()); // the latest verdict on an alert stands
      }
    }
    int tp = (int) verdicts.values().stream().filter("true-positive"::equals).count();
    int fp = (int) verdicts.values().stream().filter("false-positive"::equals).count();

    Map<Long, int[]> counts = new HashMap<>();
    Map<Long, Double> highest = new HashMap<>();
    for (StoredPoint p : points.anomalies(null, fromMs, untilMs + 1, 0, 100_000)) {
      counts.computeIfAbsent(p.seriesId(), id -> new int[1])[0]++;
      highest.merge(p.seriesId(), p.assessment().probability(), Math::max);
    }
    List<Noisy> noisiest = new ArrayList<>();
    counts.entrySet().stream()
        .sorted(Comparator.comparingInt((Map.Entry<Long, int[]> e) -> -e.getValue()[0])
            .thenComparingLong(Map.Entry::getKey))
        .limit(10)
        .forEach(e -> engine.view(e.getKey()).ifPresent(v -> noisiest.add(new Noisy(
            e.getKey(), v.info().key(), e.getValue()[0], highest.get(e.getKey())))));

    List<ModelHealth> models = health.get().stream()
        .sorted(Comparator.comparing((ModelHealth h) -> h.ok())
            .thenComparingLong(ModelHealth::seriesId)).toList();
    List<PredictiveEvaluator.Estimate> soonest = forecasts.get().stream()
        .sorted(Comparator.comparingDouble(e -> Double.isNaN(e.secondsToCrossing())
            ? Double.MAX_VALUE : e.secondsToCrossing())).toList();
    List<AlertView> incidents = alerts.stream()
        .sorted(Comparator.comparingDouble((AlertView a) -> -a.maxProbability())
            .thenComparingLong(AlertView::startsMs)).limit(25).toList();
    return new OperationsReport(fromMs, untilMs, alerts.size(), byState, rules, tp, fp,
        missed, incidents, verdicts, noisiest, models, soonest);
  }
}
