package io.vigil.server.host;

import io.vigil.detect.Assessment;
import io.vigil.detect.RowAssessment;
import io.vigil.detect.gaussian.StreamingMultivariateGaussian;
import io.vigil.series.SeriesKey;
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
 * <p>A host's metrics are those it reported in its first complete step; one appearing later
 * is not judged (the row would change shape). A step is complete when a point of a later step
 * arrives. The latest {@value #KEPT} rows of each host are kept in memory for the API; the
 * detectors and their rows start afresh when the service restarts.
 */
public final class HostDetection implements IngestListener {
  /** Rows kept per host. */
  static final int KEPT = 1440;

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

  private final List<HostRule> rules;
  private final Map<String, Host> hosts = new LinkedHashMap<>();

  public HostDetection(List<HostRule> rules) {
    this.rules = List.copyOf(rules);
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
      hosts.computeIfAbsent(rule.name() + "/" + host, k -> new Host(rule.name(), host))
          .add(metric(key, rule.groupBy()), point.timestampMs(), point.value());
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
  private static final class Host {
    final String rule;
    final String host;
    long stepMs = Long.MIN_VALUE;
    final Map<String, Double> step = new TreeMap<>();
    final Map<String, Double> last = new TreeMap<>();
    List<String> metrics;
    StreamingMultivariateGaussian detector;
    final Deque<Row> rows = new ArrayDeque<>();
    long judged;

    Host(String rule, String host) {
      this.rule = rule;
      this.host = host;
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
      rows.addLast(new Row(stepMs, detector.process(stepMs, row), metrics));
      judged++;
      if (rows.size() > KEPT) {
        rows.removeFirst();
      }
    }

    HostView view() {
      return new HostView(rule, host, metrics == null ? List.copyOf(step.keySet()) : metrics,
          judged, Optional.ofNullable(rows.peekLast()));
    }
  }
}
