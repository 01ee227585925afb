package io.vigil.server.alert;

import io.vigil.detect.Direction;
import io.vigil.forecast.Crossing;
import io.vigil.forecast.Forecasters;
import io.vigil.series.SeriesKey;
import io.vigil.series.Timestamps;
import io.vigil.server.config.PredictionRule;
import io.vigil.server.engine.SeriesView;
import io.vigil.server.forecast.SeriesForecaster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Predictive alerts: on each evaluation of a rule, every matching series is forecast over the
 * rule's lead time; a series forecast to reach the limit (with the rule's confidence) gets a
 * firing alert, labelled {@code vigil_alert="predictive"} and summarised with when; one that
 * no longer is resolves. They are stored and delivered like anomaly alerts. A series with
 * too little history is skipped until it has enough.
 */
public final class PredictiveEvaluator {
  private final List<PredictionRule> rules;
  private final AlertStore store;
  private final AlertEvaluator.Notifications notifications;
  private final SeriesForecaster forecaster;
  private final Supplier<List<SeriesView>> series;
  private final LongSupplier wallClock;
  private final Map<String, Alert> open = new HashMap<>();
  private final Map<String, Estimate> estimates = new TreeMap<>();

  /**
   * The latest estimate of one rule on one series.
   *
   * @param key the series
   * @param rule the rule's name
   * @param secondsToCrossing expected seconds from the series' last point to the limit, NaN
   *     when not within the lead time
   */
  public record Estimate(SeriesKey key, String rule, double secondsToCrossing) {}

  public PredictiveEvaluator(List<PredictionRule> rules, AlertStore store,
      AlertEvaluator.Notifications notifications, SeriesForecaster forecaster,
      Supplier<List<SeriesView>> series, LongSupplier wallClock) {
    this.rules = List.copyOf(rules);
    this.store = store;
    this.notifications = notifications;
    this.forecaster = forecaster;
    this.series = series;
    this.wallClock = wallClock;
    java.util.Set<String> names = new java.util.HashSet<>();
    rules.forEach(r -> names.add(r.name()));
    for (AlertView v : store.activeAlerts()) {
      if (names.contains(v.rule())) {
        Alert a = Alert.restored(v, wallClock.getAsLong());
        open.put(a.groupKey, a);
      }
    }
  }

  /** Forecasts every series {@code rule} matches and fires or resolves its alerts. */
  public synchronized void evaluate(PredictionRule rule) {
    for (SeriesView v : series.get()) {
      SeriesKey key = v.info().key();
      if (!rule.match().matches(key)) {
        continue;
      }
      SeriesForecaster.Result r;
      try {
        r = forecaster.forecast(v.info().id(), rule.within(), rule.method(), rule.limit(),
            rule.coverage());
      } catch (IllegalArgumentException notEnoughHistory) {
        continue;
      }
      Crossing c = r.crossing();
      long when = rule.confidence() <= 0.5 ? c.expectedMs() : c.latestMs();
      SortedMap<String, String> labels = new TreeMap<>(key.labels());
      labels.put("vigil_series", key.name());
      labels.put("vigil_alert", "predictive");
      labels.put("alertname", rule.name());
      String group = rule.name() + labels;
      estimates.put(group, new Estimate(key, rule.name(), c.withinHorizon()
          ? (c.expectedMs() - r.lastTimeMs()) / 1000.0 : Double.NaN));
      Alert alert = open.get(group);
      if (when != Crossing.NONE) {
        boolean isNew = alert == null;
        if (isNew) {
          alert = new Alert(0, rule.name(), group, labels, r.lastTimeMs());
          alert.state = Alert.State.FIRING;
          alert.firedMs = r.lastTimeMs();
          open.put(group, alert);
        }
        alert.lastAnomalyMs = r.lastTimeMs();
        alert.lastAnomalyWallMs = wallClock.getAsLong();
        alert.maxProbability = rule.confidence();
        alert.lastValue = r.lastValue();
        alert.lastExpected = rule.limit();
        alert.lastDirection = c.rising() ? Direction.SPIKE : Direction.DIP;
        alert.summary = summary(key, rule, c, r.lastTimeMs());
        alert.id = store.saveAlert(alert.view());
        if (isNew) {
          notifications.send(alert.view(), "firing");
        }
      } else if (alert != null) {
        alert.state = Alert.State.RESOLVED;
        alert.endsMs = r.lastTimeMs();
        alert.summary = key.name() + ": no longer expected to reach " + rule.limit()
            + " within " + rule.within().toString().substring(2).toLowerCase(Locale.ROOT);
        open.remove(group);
        store.saveAlert(alert.view());
        notifications.send(alert.view(), "resolved");
      }
    }
  }

  /** The latest estimates, for {@code /metrics}. */
  public synchronized List<Estimate> estimates() {
    return new ArrayList<>(estimates.values());
  }

  private static String summary(SeriesKey key, PredictionRule rule, Crossing c, long fromMs) {
    String in = c.withinHorizon() ? " in " + Forecasters.human(c.expectedMs() - fromMs)
        + " (" + Timestamps.format(c.expectedMs()) + ")" : " within "
        + Forecasters.human(rule.within().toMillis());
    String range = c.earliestMs() == Crossing.NONE ? ""
        : "; between " + Timestamps.format(c.earliestMs()) + " and "
            + (c.latestMs() == Crossing.NONE ? "later" : Timestamps.format(c.latestMs()));
    return key.name() + ": expected to reach " + rule.limit() + in + range;
  }

}
