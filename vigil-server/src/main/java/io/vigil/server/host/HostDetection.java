package io.vigil.server.host;

import io.vigil.correlate.RootCause;
import io.vigil.detect.Assessment;
import io.vigil.detect.Direction;
import io.vigil.detect.RowAssessment;
import io.vigil.detect.gaussian.StreamingMultivariateGaussian;
import io.vigil.series.SeriesKey;
import io.vigil.series.Timestamps;
import io.vigil.server.config.HostRule;
import io.vigil.server.engine.IngestListener;
import io.vigil.server.engine.StoredPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges each host's metrics together: the series a {@link HostRule} matches are grouped by
 * its label ({@code instance}), and every scrape step of a host becomes a row (a metric without
 * a point at that step keeps its last value) that a streaming multivariate Gaussian
 * ({@link StreamingMultivariateGaussian}) scores, with each metric's share of the deviation.
 * A CPU busy while requests are normal, traffic out falling while requests continue: faults
 * that no single series shows.
 *
 * <p>Each row is stored ({@link HostStore}; a host's newest {@value #KEPT} are kept) and handed
 * on as a point of the series {@code vigil_host{rule=..., <label>=<host>}} (value: the squared
 * distance), so alert rules matching {@code vigil_host} alert on hosts, with the metrics of
 * largest share as the alert's probable origins. A host's detector is checkpointed every
 * {@value #CHECKPOINT_EVERY} rows and when Vigil stops, and resumes from there after a restart.
 *
 * <p>A host's metrics are those it reported in its first complete step; one appearing later
 * is not judged (the row would change shape). A step is complete when a point of a later step
 * arrives; the step being filled when Vigil stops is not judged.
 */
public final class HostDetection implements IngestListener {
  /** The name of the series a host's rows are alerted on. */
  public static final String SERIES = "vigil_host";
  /** Rows kept per host: a week of one-minute steps. */
  static final int KEPT = 10_080;
  /** Rows between checkpoints of a host's detector. */
  static final int CHECKPOINT_EVERY = 100;
  /** Metrics named as causes in a host's alert, and per row in the API. */
  public static final int CAUSES = 5;
  private static final Logger LOG = LoggerFactory.getLogger(HostDetection.class);

  /** Told of every judged row, as a point of the host's series with its metrics as causes. */
  @FunctionalInterface
  public interface RowListener {
    void judged(SeriesKey key, StoredPoint point, List<RootCause.Cause> causes);
  }

  /** A host as the API shows it. */
  public record HostView(String rule, String host, List<String> metrics, long rows,
      Optional<HostStore.HostRow> latest) {}

  private final Map<String, HostRule> rules = new LinkedHashMap<>();
  private final HostStore store;
  private final RowListener listener;
  private final Map<String, Host> hosts = new LinkedHashMap<>();

  /**
   * Resumes the hosts checkpointed in {@code store} whose rule still exists.
   *
   * @param listener told of every judged row (the alert evaluator)
   */
  public HostDetection(List<HostRule> rules, HostStore store, RowListener listener) {
    rules.forEach(r -> this.rules.put(r.name(), r));
    this.store = store;
    this.listener = listener;
    for (HostStore.HostState s : store.states()) {
      HostRule rule = this.rules.get(s.rule());
      if (rule == null) {
        continue;
      }
      try {
        hosts.put(s.rule() + "/" + s.host(), Host.resumed(this, rule, s, -1L - hosts.size()));
      } catch (IllegalArgumentException e) {
        LOG.warn("host {} of rule {} starts afresh: its checkpoint cannot be read ({})",
            s.host(), s.rule(), e.getMessage());
      }
    }
  }

  /** A metric's name within its host: the series key without the grouping label. */
  static String metric(SeriesKey key, String groupBy) {
    SortedMap<String, String> rest = new TreeMap<>(key.labels());
    rest.remove(groupBy);
    return SeriesKey.of(key.name(), rest).toString();
  }

  @Override
  public void stored(SeriesKey key, StoredPoint point, double modelThreshold) {
    if (!rules.isEmpty() && !point.assessment().status().skipped()) {
      group(key, point); // most services have no host rule: no lock taken per point for them
    }
  }

  private synchronized void group(SeriesKey key, StoredPoint point) {
    for (HostRule rule : rules.values()) {
      String host = key.labels().get(rule.groupBy());
      if (host == null || !rule.match().matches(key)) {
        continue;
      }
      hosts.computeIfAbsent(rule.name() + "/" + host, k -> new Host(this, rule, host, -1L
          - hosts.size())).add(metric(key, rule.groupBy()), point.timestampMs(), point.value());
    }
  }

  /** Every host, by rule then first appearance. */
  public synchronized List<HostView> hosts() {
    return hosts.values().stream().map(Host::view).toList();
  }

  /** A host's latest rows, oldest first, at most {@code limit}; empty for an unknown host. */
  public synchronized Optional<List<HostStore.HostRow>> rows(String rule, String host,
      int limit) {
    return hosts.containsKey(rule + "/" + host) ? Optional.of(store.rows(rule, host, limit))
        : Optional.empty();
  }

  /** Checkpoints every host with rows since its last checkpoint (at stop). */
  public synchronized void checkpointAll() {
    List<HostStore.HostState> states = new ArrayList<>();
    for (Host h : hosts.values()) {
      if (h.sinceCheckpoint > 0 && h.detector != null) {
        states.add(h.state());
        h.sinceCheckpoint = 0;
      }
    }
    if (!states.isEmpty()) {
      store.saveStates(states, KEPT);
    }
  }

  /** One host: its step being filled, its last values, its detector. */
  private static final class Host {
    final HostDetection owner;
    final String rule;
    final String host;
    /** The key and id its rows are alerted under (ids below 0 are no stored series'). */
    final SeriesKey key;
    final long id;
    long stepMs = Long.MIN_VALUE;
    final Map<String, Double> step = new TreeMap<>();
    final Map<String, Double> last = new TreeMap<>();
    List<String> metrics;
    StreamingMultivariateGaussian detector;
    HostStore.HostRow latest;
    long judged;
    long sinceCheckpoint;

    Host(HostDetection owner, HostRule rule, String host, long id) {
      this.owner = owner;
      this.rule = rule.name();
      this.host = host;
      this.key = SeriesKey.of(SERIES, Map.of("rule", rule.name(), rule.groupBy(), host));
      this.id = id;
    }

    static Host resumed(HostDetection owner, HostRule rule, HostStore.HostState s, long id) {
      Host h = new Host(owner, rule, s.host(), id);
      h.metrics = s.metrics();
      h.last.putAll(s.last());
      h.stepMs = s.stepMs();
      h.judged = s.judged();
      h.detector = StreamingMultivariateGaussian.restore(s.detector());
      List<HostStore.HostRow> newest = owner.store.rows(rule.name(), s.host(), 1);
      h.latest = newest.isEmpty() ? null : newest.get(0);
      return h;
    }

    void add(String metric, long timestampMs, double value) {
      if (timestampMs < stepMs || (timestampMs == stepMs && step.isEmpty() && judged > 0)) {
        return; // a late point of a finished step: its row is already judged
      }
      if (timestampMs > stepMs && !step.isEmpty()) {
        close();
      }
      stepMs = timestampMs;
      step.put(metric, value);
    }

    private void close() {
      last.putAll(step);
      step.clear();
      if (metrics == null) {
        metrics = List.copyOf(last.keySet());
        detector = StreamingMultivariateGaussian.of(metrics);
      }
      double[] row = new double[metrics.size()];
      for (int j = 0; j < row.length; j++) {
        Double v = last.get(metrics.get(j));
        row[j] = v == null ? Double.NaN : v;
      }
      RowAssessment a = detector.process(stepMs, row);
      List<HostStore.Contributor> contributors = contributors(a);
      latest = new HostStore.HostRow(rule, host, stepMs, a.status().name()
          .toLowerCase(Locale.ROOT), a.score(), a.probability(), contributors);
      owner.store.appendRow(latest);
      judged++;
      if (++sinceCheckpoint >= CHECKPOINT_EVERY) {
        owner.store.saveStates(List.of(state()), KEPT);
        sinceCheckpoint = 0;
      }
      if (a.status() == Assessment.Status.SCORED) {
        tell(a, contributors);
      }
    }

    private List<HostStore.Contributor> contributors(RowAssessment a) {
      if (a.status() != Assessment.Status.SCORED) {
        return List.of();
      }
      double total = 0;
      for (double c : a.contributions()) {
        total += Math.max(0, c);
      }
      List<HostStore.Contributor> out = new ArrayList<>();
      for (String m : a.rankedFeatures(metrics).subList(0, Math.min(CAUSES, metrics.size()))) {
        double c = Math.max(0, a.contributions()[metrics.indexOf(m)]);
        out.add(new HostStore.Contributor(m, total > 0 ? c / total : 0));
      }
      return out;
    }

    /** The row as a point of the host's series, its leading metrics as causes. */
    private void tell(RowAssessment a, List<HostStore.Contributor> contributors) {
      List<RootCause.Cause> causes = contributors.stream().map(c -> new RootCause.Cause(
          c.metric(), Timestamps.format(stepMs), c.share(), List.of(String.format(Locale.ROOT,
              "%.0f%% of the host's deviation", 100 * c.share())))).toList();
      owner.listener.judged(key, new StoredPoint(id, judged - 1, stepMs, a.score(),
          new Assessment(Assessment.Status.SCORED, a.score(), a.probability(), Double.NaN,
              Double.NaN, Double.NaN, Direction.NONE)), causes);
    }

    HostStore.HostState state() {
      return new HostStore.HostState(rule, host, metrics, last, stepMs, judged,
          detector.snapshot());
    }

    HostView view() {
      return new HostView(rule, host, metrics == null ? List.copyOf(step.keySet()) : metrics,
          judged, Optional.ofNullable(latest));
    }
  }
}
