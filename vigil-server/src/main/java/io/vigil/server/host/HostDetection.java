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
import io.vigil.server.store.StoredPoint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Judges each host's metrics together: the series a {@link HostRule} matches are grouped by
 * its label ({@code instance}), and every scrape step of a host becomes a row (a metric without
 * a point at that step keeps its last value) that a streaming multivariate Gaussian
 * ({@link StreamingMultivariateGaussian}) scores, with each metric's share of the deviation.
 * A CPU busy while requests are normal, traffic out falling while requests continue: faults
 * that no single series shows.
 *
 * <p>Each row is also handed on as a point of the series {@code vigil_host{rule=..., <label>=
 * <host>}} (value: the squared distance), so alert rules matching {@code vigil_host} alert on
 * hosts, with the metrics of largest share as the alert's probable origins.
 *
 * <p>A host's metrics are those it reported in its first complete step; one appearing later
 * is not judged (the row would change shape). A step is complete when a point of a later step
 * arrives. The latest {@value #KEPT} rows of each host are kept in memory for the API; the
 * detectors and their rows start afresh when the service restarts.
 */
public final class HostDetection implements IngestListener {
  /** Rows kept per host. */
  static final int KEPT = 1440;
  /** Metrics named as causes in a host's alert. */
  private static final int CAUSES = 3;

  /** One judged row. */
  public record Row(long timestampMs, RowAssessment assessment, List<String> metrics) {
    /** The metrics by their share of the deviation, largest first. */
    public List<String> ranked() {
      return assessment.status() == Assessment.Status.SCORED
          ? assessment.rankedFeatures(metrics) : List.of();
    }
  }

  /** A host as the API shows it. */
  public record HostView(String rule, String host, List<String> metrics, long rows,
      Optional<Row> latest) {}

  /** The name of the series a host's rows are alerted on: {@code vigil_host{rule, <label>}}. */
  public static final String SERIES = "vigil_host";

  /** Told of every judged row, as a point of the host's series with its metrics as causes. */
  @FunctionalInterface
  public interface RowListener {
    void judged(SeriesKey key, StoredPoint point, List<RootCause.Cause> causes);
  }

  private final List<HostRule> rules;
  private final RowListener listener;
  private final Map<String, Host> hosts = new LinkedHashMap<>();

  /** @param listener told of every judged row (the alert evaluator) */
  public HostDetection(List<HostRule> rules, RowListener listener) {
    this.rules = List.copyOf(rules);
    this.listener = listener;
  }

  /** A metric's name within its host: the series key without the grouping label. */
  static String metric(SeriesKey key, String groupBy) {
    SortedMap<String, String> rest = new TreeMap<>(key.labels());
    rest.remove(groupBy);
    return SeriesKey.of(key.name(), rest).toString();
  }

  @Override
  public synchronized void stored(SeriesKey key, StoredPoint point, double modelThreshold) {
    if (point.assessment().status().skipped()) {
      return;
    }
    for (HostRule rule : rules) {
      String host = key.labels().get(rule.groupBy());
      if (host == null || !rule.match().matches(key)) {
        continue;
      }
      hosts.computeIfAbsent(rule.name() + "/" + host, k -> new Host(rule, host, -1L
          - hosts.size())).add(metric(key, rule.groupBy()), point.timestampMs(), point.value());
    }
  }

  /** Every host, by rule then first appearance. */
  public synchronized List<HostView> hosts() {
    return hosts.values().stream().map(Host::view).toList();
  }

  /** A host's latest rows, newest last, at most {@code limit}; empty for an unknown host. */
  public synchronized Optional<List<Row>> rows(String rule, String host, int limit) {
    Host h = hosts.get(rule + "/" + host);
    if (h == null) {
      return Optional.empty();
    }
    List<Row> all = new ArrayList<>(h.rows);
    return Optional.of(List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size())));
  }

  /** One host: its step being filled, its last values, its detector and rows. */
  private final class Host {
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
    final Deque<Row> rows = new ArrayDeque<>();
    long judged;

    Host(HostRule rule, String host, long id) {
      this.rule = rule.name();
      this.host = host;
      this.key = SeriesKey.of(SERIES, Map.of("rule", rule.name(), rule.groupBy(), host));
      this.id = id;
    }

    void add(String metric, long timestampMs, double value) {
      if (timestampMs < stepMs) {
        return; // a late point of a finished step: the row is already judged
      }
      if (timestampMs > stepMs && stepMs != Long.MIN_VALUE) {
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
        row[j] = last.get(metrics.get(j));
      }
      Row judgedRow = new Row(stepMs, detector.process(stepMs, row), metrics);
      rows.addLast(judgedRow);
      judged++;
      tell(judgedRow);
      if (rows.size() > KEPT) {
        rows.removeFirst();
      }
    }

    /** The row as a point of the host's series, its leading metrics as causes. */
    private void tell(Row r) {
      RowAssessment a = r.assessment();
      if (a.status() != Assessment.Status.SCORED) {
        return;
      }
      double total = 0;
      for (double c : a.contributions()) {
        total += Math.max(0, c);
      }
      List<RootCause.Cause> causes = new ArrayList<>();
      for (String m : r.ranked().subList(0, Math.min(CAUSES, r.metrics().size()))) {
        double share = total > 0 ? Math.max(0, a.contributions()[metrics.indexOf(m)]) / total
            : 0;
        causes.add(new RootCause.Cause(m, Timestamps.format(r.timestampMs()), share,
            List.of(String.format(java.util.Locale.ROOT, "%.0f%% of the host's deviation",
                100 * share))));
      }
      listener.judged(key, new StoredPoint(id, judged - 1, r.timestampMs(), a.score(),
          new Assessment(Assessment.Status.SCORED, a.score(), a.probability(), Double.NaN,
              Double.NaN, Double.NaN, Direction.NONE)), causes);
    }

    HostView view() {
      return new HostView(rule, host, metrics == null ? List.copyOf(step.keySet()) : metrics,
          judged, Optional.ofNullable(rows.peekLast()));
    }
  }
}
