package io.vigil.server.alert;

import io.vigil.detect.Direction;
import io.vigil.forecast.Crossing;
import io.vigil.forecast.Forecasters;
import io.vigil.series.SeriesKey;
import io.vigil.series.TimeSeries;
import io.vigil.series.Timestamps;
import io.vigil.server.config.PredictionRule;
import io.vigil.server.engine.IngestListener;
import io.vigil.server.engine.StoredPoint;
import io.vigil.server.forecast.SeriesForecaster;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Predictive alerts. A rule is evaluated on a matching series at the first point of each of
 * its {@code every} periods, in the series' own time: the forecast learns from the points up
 * to that one, so replaying history (a CSV import) raises the alerts it would have raised
 * live. A series forecast to reach the limit within the lead time (with the rule's
 * confidence), or already past it, gets an alert labelled {@code vigil_alert="predictive"}
 * and summarised with when; it fires once every evaluation has predicted so for the rule's
 * {@code for} (until then it is pending, kept in memory only), and resolves at the first
 * evaluation that no longer does. They are stored and delivered like anomaly alerts.
 *
 * <p>Ingest only queues the evaluations (at most {@value #MAX_QUEUED}; beyond that the oldest
 * are dropped and counted); one background thread makes the forecasts, so a slow forecast
 * never holds up ingest, and it takes a series' queued evaluations together (up to
 * {@value #BURST}) from one read of its points, so replaying a long history costs one fit
 * per evaluation, not one store read. A series with too little history is skipped until it
 * has enough.
 */
public final class PredictiveEvaluator implements IngestListener, AutoCloseable {
  static final int MAX_QUEUED = 100_000;
  /** The most evaluations made from one read of the store. */
  static final int BURST = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(PredictiveEvaluator.class);
  /** A rule that does not match the series. */
  private static final long NEVER = Long.MAX_VALUE;

  private final List<PredictionRule> rules;
  private final AlertStore store;
  private final AlertEvaluator.Notifications notifications;
  private final SeriesForecaster forecaster;
  private final LongSupplier wallClock;
  private final Thread worker;

  // The queue side, guarded by `queue`.
  private final Map<Long, long[]> lastPeriods = new HashMap<>();
  private final ArrayDeque<Task> queue = new ArrayDeque<>();
  private long dropped;
  private int inFlight;

  // The evaluation side, guarded by `this`.
  private final Map<String, Alert> open = new HashMap<>();
  private final Map<String, Estimate> estimates = new TreeMap<>();

  private record Task(int rule, SeriesKey key, long seriesId, long timeMs) {}

  /**
   * The latest evaluation of one rule on one series.
   *
   * @param key the series
   * @param rule the rule's name
   * @param atMs the series' last point when it was made
   * @param reached whether that point had already reached the limit
   * @param crossing when the forecast reaches the limit
   * @param firing whether it fired the rule's alert
   */
  public record Estimate(SeriesKey key, String rule, long atMs, boolean reached,
      Crossing crossing, boolean firing) {
    /** Expected seconds from the last point to the limit: 0 reached, NaN not in time. */
    public double secondsToCrossing() {
      return reached ? 0 : crossing.withinHorizon()
          ? (crossing.expectedMs() - atMs) / 1000.0 : Double.NaN;
    }
  }

  /** Starts the evaluation thread; {@link #close} stops it. */
  public PredictiveEvaluator(List<PredictionRule> rules, AlertStore store,
      AlertEvaluator.Notifications notifications, SeriesForecaster forecaster,
      LongSupplier wallClock) {
    this.rules = List.copyOf(rules);
    this.store = store;
    this.notifications = notifications;
    this.forecaster = forecaster;
    this.wallClock = wallClock;
    Set<String> names = new HashSet<>();
    rules.forEach(r -> names.add(r.name()));
    for (AlertView v : store.activeAlerts()) {
      if (names.contains(v.rule())) {
        Alert a = Alert.restored(v, wallClock.getAsLong());
        open.put(a.groupKey, a);
      }
    }
    worker = new Thread(this::work, "vigil-predictions");
    worker.setDaemon(true);
    if (!this.rules.isEmpty()) {
      worker.start();
    }
  }

  @Override
  public void stored(SeriesKey key, StoredPoint point, double modelThreshold) {
    if (rules.isEmpty() || point.assessment().status().skipped()) {
      return;
    }
    synchronized (queue) {
      long[] last = lastPeriods.computeIfAbsent(point.seriesId(), id -> {
        long[] l = new long[rules.size()];
        for (int r = 0; r < l.length; r++) {
          l[r] = rules.get(r).match().matches(key) ? Long.MIN_VALUE : NEVER;
        }
        return l;
      });
      for (int r = 0; r < last.length; r++) {
        if (last[r] == NEVER) {
          continue;
        }
        long period = Math.floorDiv(point.timestampMs(), rules.get(r).every().toMillis());
        if (period > last[r]) {
          last[r] = period;
          if (queue.size() >= MAX_QUEUED) {
            queue.removeFirst();
            dropped++;
          }
          queue.addLast(new Task(r, key, point.seriesId(), point.timestampMs()));
          queue.notifyAll();
        }
      }
    }
  }

  /** Evaluations queued or running. */
  public long pending() {
    synchronized (queue) {
      return queue.size() + inFlight;
    }
  }

  /** Evaluations dropped because the queue was full. */
  public long dropped() {
    synchronized (queue) {
      return dropped;
    }
  }

  private void work() {
    while (true) {
      List<Task> tasks = new ArrayList<>();
      synchronized (queue) {
        while (queue.isEmpty()) {
          try {
            queue.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        while (!queue.isEmpty() && tasks.size() < BURST) {
          tasks.add(queue.removeFirst());
        }
        inFlight = tasks.size();
      }
      Map<Long, List<Task>> bySeries = new LinkedHashMap<>();
      tasks.forEach(t -> bySeries.computeIfAbsent(t.seriesId(), id -> new ArrayList<>())
          .add(t));
      for (Map.Entry<Long, List<Task>> e : bySeries.entrySet()) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        evaluate(e.getKey(), e.getValue());
      }
    }
  }

  /** Evaluates one series' tasks (in time order) from one read of its points. */
  private void evaluate(long seriesId, List<Task> tasks) {
    try {
      long from = Long.MAX_VALUE;
      for (Task t : tasks) {
        from = Math.min(from, t.timeMs() - rules.get(t.rule()).history().toMillis());
      }
      TimeSeries points = forecaster.between(seriesId, from,
          tasks.get(tasks.size() - 1).timeMs());
      for (Task t : tasks) {
        PredictionRule rule = rules.get(t.rule());
        try {
          evaluate(rule, t, SeriesForecaster.slice(points, t.timeMs(), rule.history()));
        } catch (RuntimeException e) {
          LOG.error("prediction '{}' on {} failed", rule.name(), t.key(), e);
        }
        done(1);
      }
    } catch (RuntimeException e) {
      LOG.error("predictions on {} failed", tasks.get(0).key(), e);
      done(tasks.size());
    }
  }

  private void done(int n) {
    synchronized (queue) {
      inFlight = Math.max(0, inFlight - n);
    }
  }

  private synchronized void evaluate(PredictionRule rule, Task task, TimeSeries history) {
    SeriesForecaster.Result r;
    try {
      r = SeriesForecaster.forecast(history, new SeriesForecaster.Request(
          rule.within(), rule.method(), rule.limit(), rule.coverage(), rule.history()));
    } catch (IllegalArgumentException notEnoughHistory) {
      return;
    }
    SeriesKey key = task.key();
    boolean reached = rule.reached(r.lastValue());
    Crossing c = r.crossing();
    long when = reached ? r.lastTimeMs()
        : rule.confidence() <= 0.5 ? c.expectedMs() : c.latestMs();
    SortedMap<String, String> labels = new TreeMap<>(key.labels());
    labels.put("vigil_series", key.name());
    labels.put("vigil_alert", "predictive");
    labels.put("alertname", rule.name());
    String group = rule.name() + labels;
    boolean firing = when != Crossing.NONE;
    estimates.put(group, new Estimate(key, rule.name(), r.lastTimeMs(), reached, c, firing));
    Alert alert = open.get(group);
    if (firing) {
      if (alert == null) {
        alert = new Alert(0, rule.name(), group, labels, r.lastTimeMs());
        open.put(group, alert);
      }
      alert.lastAnomalyMs = r.lastTimeMs();
      alert.lastAnomalyWallMs = wallClock.getAsLong();
      alert.maxProbability = rule.confidence();
      alert.lastValue = r.lastValue();
      alert.lastExpected = rule.limit();
      alert.lastDirection = rule.rising() ? Direction.SPIKE : Direction.DIP;
      alert.summary = reached ? key.name() + ": has reached " + rule.limit() + " ("
          + r.lastValue() + " at " + Timestamps.format(r.lastTimeMs()) + ")"
          : summary(key, rule, c, r.lastTimeMs());
      boolean fires = alert.state == Alert.State.PENDING
          && r.lastTimeMs() - alert.startsMs >= rule.forDuration().toMillis();
      if (fires) {
        alert.state = Alert.State.FIRING;
        alert.firedMs = r.lastTimeMs();
      }
      if (alert.state == Alert.State.FIRING) {
        alert.id = store.saveAlert(alert.view());
      }
      if (fires) {
        notifications.send(alert.view(), "firing");
      }
    } else if (alert != null) {
      open.remove(group);
      if (alert.state == Alert.State.FIRING) {
        alert.state = Alert.State.RESOLVED;
        alert.endsMs = r.lastTimeMs();
        alert.summary = key.name() + ": no longer expected to reach " + rule.limit()
            + " within " + Forecasters.human(rule.within().toMillis());
        store.saveAlert(alert.view());
        notifications.send(alert.view(), "resolved");
      }
    }
  }

  /** The latest evaluation of every rule on every series it matches. */
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

  /**
   * Stops the evaluation thread after the series it is on (queued evaluations are dropped:
   * after a restart the next point of each series evaluates it again).
   */
  @Override
  public void close() {
    worker.interrupt();
    try {
      worker.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
