package io.vigil.server.host;

import io.vigil.detect.DetectorState;
import java.util.List;
import java.util.Map;

/** Host-level detection's rows and checkpoints. */
public interface HostStore {

  /** A metric and its share of a row's deviation. */
  record Contributor(String metric, double share) {}

  /** One judged row of a host. */
  record HostRow(String rule, String host, long timestampMs, String status, double score,
      double probability, List<Contributor> contributors) {
    public HostRow {
      contributors = List.copyOf(contributors);
    }
  }

  /** Where a host's detection stands: its metrics, their last values, its detector. */
  record HostState(String rule, String host, List<String> metrics, Map<String, Double> last,
      long stepMs, long judged, DetectorState detector) {
    public HostState {
      metrics = List.copyOf(metrics);
      last = Map.copyOf(last);
    }
  }

  /** Stores a judged row. */
  void appendRow(HostRow row);

  /** A host's latest rows, oldest first, at most {@code limit}. */
  List<HostRow> rows(String rule, String host, int limit);

  /**
   * Every host's rows from {@code fromMs} to {@code untilMs} with at least
   * {@code minProbability}, most probable first, at most {@code limit}.
   */
  List<HostRow> anomalousRows(long fromMs, long untilMs, double minProbability, int limit);

  /** Stores checkpoints (replacing earlier ones) and keeps each host's newest {@code keep} rows. */
  void saveStates(List<HostState> states, int keep);

  /** Every stored checkpoint. */
  List<HostState> states();
}
