package io.vigil.server.alert;

import io.vigil.correlate.RootCause;
import io.vigil.detect.Assessment;
import io.vigil.detect.Direction;
import io.vigil.series.SeriesKey;
import io.vigil.server.config.AlertRule;
import io.vigil.server.engine.IngestListener;
import io.vigil.server.engine.StoredPoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Turns stored points into alerts, rule by rule. Per rule and group (the series, or the values
 * of the rule's groupBy labels) there is at most one open alert, so repeated anomalies
 * deduplicate into it:
 * <ul>
 *   <li>an anomalous point (probability at or above the rule's; for a series with a champion
 *       model, at or above the model's threshold instead, since that was tuned for the
 *       series) opens a PENDING alert, or adds to the open one;
 *   <li>an anomaly starts an <em>incident</em> on its series, which lasts while the series'
 *       points stay beyond the band the detector drew before it, on the same side, and the
 *       detector has not re-learnt (its expected value has not crossed that band): a level
 *       shift is one incident for as long as it lasts, though the detector (which suppresses
 *       repeats) flags only its first point;
 *   <li>a PENDING alert FIRES once its incident has lasted the rule's {@code for} (at once
 *       when it is zero); if every series' incident ends first, it is CANCELLED (never fired,
 *       nothing sent);
 *   <li>a FIRING alert RESOLVES when a point of its group arrives {@code resolveAfter} after
 *       its incident's last point, or when that long passes on the wall clock ({@link
 *       #sweep}), so a series that stops sending still resolves.
 * </ul>
 * Firing and resolving are sent to the notifiers; every change is stored.
 *
 * <p>When an alert of a grouped rule gathers anomalies from a second series, and each time
 * another joins, its series are ranked by probable origin ({@link Origins}), and the ranking
 * goes with the alert to the store, the API and the notifiers; a firing alert is sent again
 * when its probable origin becomes known or changes, since it often does only after firing
 * (the first series to deviate fires it alone).
 */
public final class AlertEvaluator implements IngestListener {
  private final List<AlertRule> rules;
  private final AlertStore store;
  private final Notifications notifications;
  private final LongSupplier wallClock;
  private final Map<String, Alert> open = new HashMap<>();
  private final Map<String, Set<SeriesKey>> anomalousSeries = new HashMap<>();
  /**
   * The most series ranked for one alert: a group larger than this is ranked over its
   * anomalous series only, and not at all once more than this are anomalous, since each
   * ranking reads every ranked series' last hour on the ingest path.
   */
  static final int MAX_RANKED = 50;
  private final Map<Long, List<AlertRule>> rulesOf = new HashMap<>();
  /** Per group of a grouped rule, every series seen in it, with its id. */
  private final Map<String, Map<SeriesKey, Long>> members = new HashMap<>();
  /** Causes a caller names for the point being evaluated (a host row's metrics). */
  private final Map<SeriesKey, List<RootCause.Cause>> givenCauses = new HashMap<>();
  private final Origins origins;
  /** Per group, the series in an incident, each with the band from before it. */
  private final Map<String, Map<SeriesKey, Incident>> incidents = new HashMap<>();
  private final Function<SeriesKey, String> units;

  /**
   * Where a series stood before its incident: the band and direction of its first anomaly.
   * The incident goes on while points are beyond {@code lower}/{@code upper} on that side.
   */
  private record Incident(double lower, double upper, Direction direction) {
    static Incident of(Assessment a) {
      return new Incident(a.lower(), a.upper(), a.direction());
    }

    /** Whether a later point (not itself anomalous) is still part of it. */
    boolean goesOn(double value, Assessment a) {
      return switch (direction) {
        case SPIKE -> value > upper && !(a.expected() > upper);
        case DIP -> value < lower && !(a.expected() < lower);
        default -> false;
      };
    }
  }

  /** Ranks the series of a group by how probably the incident started in each. */
  @FunctionalInterface
  public interface Origins {
    /** No ranking. */
    Origins NONE = (members, startsMs, untilMs, threshold) -> List.of();

    /**
     * Ranks {@code members} (series and their ids) for the incident from {@code startsMs} to
     * {@code untilMs}; a series deviates when its probability reaches {@code threshold}.
     */
    List<RootCause.Cause> rank(Map<SeriesKey, Long> members, long startsMs, long untilMs,
        double threshold);
  }

  /** What the evaluator tells when an alert fires or resolves. */
  @FunctionalInterface
  public interface Notifications {
    void send(AlertView alert, String event);
  }

  public AlertEvaluator(List<AlertRule> rules, AlertStore store, Notifications notifications,
      LongSupplier wallClock) {
    this(rules, store, notifications, wallClock, Origins.NONE);
  }

  public AlertEvaluator(List<AlertRule> rules, AlertStore store, Notifications notifications,
      LongSupplier wallClock, Origins origins) {
    this(rules, store, notifications, wallClock, origins, key -> null);
  }

  /** @param units the unit of a series' values (for alert text), or null when unknown */
  public AlertEvaluator(List<AlertRule> rules, AlertStore store, Notifications notifications,
      LongSupplier wallClock, Origins origins, Function<SeriesKey, String> units) {
    this.origins = origins;
    this.units = units;
    this.rules = List.copyOf(rules);
    this.store = store;
    this.notifications = notifications;
    this.wallClock = wallClock;
    java.util.Set<String> names = new java.util.HashSet<>();
    rules.forEach(r -> names.add(r.name()));
    for (AlertView v : store.activeAlerts()) {
      if (!names.contains(v.rule())) {
        continue; // another evaluator's (a predictive rule's) alert
      }
      Alert a = Alert.restored(v, wallClock.getAsLong());
      open.put(a.groupKey, a);
    }
  }

  @Override
  public synchronized void stored(SeriesKey key, StoredPoint p, double modelThreshold) {
    Assessment a = p.assessment();
    if (rules.isEmpty() || a.status() != Assessment.Status.SCORED) {
      return;
    }
    for (AlertRule rule : rulesOf.computeIfAbsent(p.seriesId(),
        id -> rules.stream().filter(r -> r.match().matches(key)).toList())) {
      SortedMap<String, String> labels = labels(rule, key);
      String group = key(rule.name(), labels);
      if (!rule.perSeries()) {
        members.computeIfAbsent(group, g -> new HashMap<>()).put(key, p.seriesId());
      }
      Alert alert = open.get(group);
      if (alert != null && alert.state == Alert.State.FIRING
          && p.timestampMs() - alert.lastAnomalyMs >= rule.resolveAfter().toMillis()) {
        resolve(alert, p.timestampMs());
        alert = null;
      }
      double min = Double.isNaN(modelThreshold) ? rule.minProbability() : modelThreshold;
      if (a.probability() >= min) {
        anomalous(rule, group, labels, alert, key, p);
      } else if (alert != null) {
        Map<SeriesKey, Incident> inIncident = incidents.get(group);
        Incident incident = inIncident == null ? null : inIncident.get(key);
        if (incident != null && incident.goesOn(p.value(), a)) {
          lasting(rule, alert, key, p);
          continue;
        }
        if (incident != null) {
          inIncident.remove(key);
        }
        if (alert.state == Alert.State.PENDING) {
          Set<SeriesKey> still = anomalousSeries.computeIfAbsent(group, g -> new HashSet<>());
          still.remove(key);
          if (still.isEmpty()) {
            cancel(alert);
          }
        }
      }
    }
  }

  /**
   * A point of a series that is not stored as one (a host's row, under its own key and a
   * negative id), whose alert names {@code causes} as its probable origins.
   */
  public synchronized void storedWithCauses(SeriesKey key, StoredPoint p,
      List<RootCause.Cause> causes) {
    givenCauses.put(key, List.copyOf(causes));
    try {
      stored(key, p, Double.NaN);
    } finally {
      givenCauses.remove(key);
    }
  }

  /** A point beyond the band of before its series' incident: the incident goes on. */
  private void lasting(AlertRule rule, Alert alert, SeriesKey key, StoredPoint p) {
    alert.lastAnomalyMs = p.timestampMs();
    alert.lastAnomalyWallMs = wallClock.getAsLong();
    alert.lastValue = p.value();
    if (Double.isFinite(p.assessment().expected())) {
      alert.lastExpected = p.assessment().expected();
    }
    alert.summary = summary(alert, key);
    boolean fires = fires(rule, alert, p.timestampMs());
    if (fires || p.timestampMs() - alert.savedAtMs >= SAVE_LASTING_EVERY_MS) {
      save(alert, p.timestampMs());
    }
    if (fires) {
      notifications.send(alert.view(), "firing");
    }
  }

  /** A lasting incident is written to the store at most this often (series time). */
  static final long SAVE_LASTING_EVERY_MS = 60_000;

  /** Whether a pending alert fires now, its incident having lasted the rule's for. */
  private static boolean fires(AlertRule rule, Alert alert, long atMs) {
    if (alert.state == Alert.State.PENDING
        && atMs - alert.startsMs >= rule.forDuration().toMillis()) {
      alert.state = Alert.State.FIRING;
      alert.firedMs = atMs;
      return true;
    }
    return false;
  }

  private void save(Alert alert, long atMs) {
    alert.id = store.saveAlert(alert.view());
    alert.savedAtMs = atMs;
  }

  private String summary(Alert alert, SeriesKey key) {
    String origin = alert.causes.isEmpty() ? null : alert.causes.get(0).name();
    return AlertText.anomaly(key.name(), alert.lastDirection, alert.lastValue,
        alert.lastExpected, units.apply(key), alert.maxProbability, origin);
  }

  private void anomalous(AlertRule rule, String group, SortedMap<String, String> labels,
      Alert alert, SeriesKey key, StoredPoint p) {
    Assessment a = p.assessment();
    if (alert == null) {
      alert = new Alert(0, rule.name(), group, labels, p.timestampMs());
      open.put(group, alert);
    }
    Set<SeriesKey> anomalous = anomalousSeries.computeIfAbsent(group, g -> new HashSet<>());
    boolean originChanged = false;
    if (anomalous.add(key) && anomalous.size() >= 2 && anomalous.size() <= MAX_RANKED) {
      Map<SeriesKey, Long> all = members.get(group);
      Map<SeriesKey, Long> ranked = all;
      if (all.size() > MAX_RANKED) {
        ranked = new HashMap<>();
        for (SeriesKey k : anomalous) {
          ranked.put(k, all.get(k));
        }
      }
      String before = origin(alert.causes);
      alert.causes = origins.rank(ranked, alert.startsMs, p.timestampMs(),
          rule.minProbability());
      originChanged = !origin(alert.causes).equals(before);
    }
    List<RootCause.Cause> given = givenCauses.get(key);
    if (given != null) {
      originChanged |= !origin(given).equals(origin(alert.causes));
      alert.causes = given;
    }
    incidents.computeIfAbsent(group, g -> new HashMap<>()).putIfAbsent(key, Incident.of(a));
    alert.lastAnomalyMs = p.timestampMs();
    alert.lastAnomalyWallMs = wallClock.getAsLong();
    alert.anomalies++;
    alert.maxProbability = Math.max(alert.maxProbability, a.probability());
    alert.lastValue = p.value();
    alert.lastExpected = a.expected();
    alert.lastDirection = a.direction();
    alert.summary = summary(alert, key);
    boolean fires = fires(rule, alert, p.timestampMs());
    save(alert, p.timestampMs());
    if (fires || (originChanged && alert.state == Alert.State.FIRING)) {
      notifications.send(alert.view(), "firing");
    }
  }

  private static String origin(List<RootCause.Cause> causes) {
    return causes.isEmpty() ? "" : causes.get(0).name();
  }

  private void resolve(Alert alert, long atMs) {
    alert.state = Alert.State.RESOLVED;
    alert.endsMs = atMs;
    close(alert);
    notifications.send(alert.view(), "resolved");
  }

  private void cancel(Alert alert) {
    alert.state = Alert.State.CANCELLED;
    alert.endsMs = alert.lastAnomalyMs;
    close(alert);
  }

  private void close(Alert alert) {
    open.remove(alert.groupKey);
    anomalousSeries.remove(alert.groupKey);
    incidents.remove(alert.groupKey);
    store.saveAlert(alert.view());
  }

  /** Resolves (or cancels) open alerts with no anomaly for their rule's resolveAfter. */
  public synchronized void sweep() {
    long now = wallClock.getAsLong();
    Map<String, AlertRule> byName = new HashMap<>();
    rules.forEach(r -> byName.put(r.name(), r));
    for (Alert a : new ArrayList<>(open.values())) {
      AlertRule rule = byName.get(a.rule);
      long quiet = rule == null ? 0 : rule.resolveAfter().toMillis();
      if (now - a.lastAnomalyWallMs >= quiet) {
        if (a.state == Alert.State.FIRING) {
          resolve(a, a.lastAnomalyMs + quiet);
        } else {
          cancel(a);
        }
      }
    }
  }

  /** The alerts firing now (for periodic re-sending to Alertmanager). */
  public synchronized List<AlertView> firing() {
    return open.values().stream().filter(a -> a.state == Alert.State.FIRING)
        .map(Alert::view).toList();
  }

  /**
   * The labels an alert of {@code rule} carries for series {@code key}: the series' labels and
   * its name as {@code vigil_series} for a rule per series, else the rule's groupBy labels;
   * and {@code alertname}. Alertmanager groups and deduplicates by them.
   */
  public static SortedMap<String, String> labels(AlertRule rule, SeriesKey key) {
    SortedMap<String, String> labels = new TreeMap<>();
    if (rule.perSeries()) {
      labels.putAll(key.labels());
      labels.put("vigil_series", key.name());
    } else {
      for (String l : rule.groupBy()) {
        String v = l.equals("vigil_series") ? key.name() : key.labels().get(l);
        if (v != null) {
          labels.put(l, v);
        }
      }
    }
    labels.put("alertname", rule.name());
    return labels;
  }

  private static String key(String rule, Map<String, String> labels) {
    return rule + labels;
  }
}
