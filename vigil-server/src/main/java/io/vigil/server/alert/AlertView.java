package io.vigil.server.alert;

import io.vigil.correlate.RootCause;
import io.vigil.detect.Direction;
import java.util.List;
import java.util.SortedMap;

/**
 * An alert at one moment.
 *
 * @param id its number
 * @param rule the rule that raised it
 * @param labels alertname, then the series' or group's labels
 * @param state pending, firing, resolved, or cancelled (ended before it fired)
 * @param startsMs the first anomalous point's timestamp
 * @param firedMs when it fired (Long.MIN_VALUE: not yet)
 * @param endsMs when it resolved (Long.MIN_VALUE: not yet)
 * @param lastAnomalyMs the latest point of its incident: anomalous, or still beyond the
 *     band from before the incident
 * @param maxProbability the highest probability among its anomalies
 * @param anomalies how many anomalous points it has gathered
 * @param lastValue the incident's latest value
 * @param lastExpected what was expected instead
 * @param lastDirection spike or dip
 * @param summary the alert's own one-line summary, or null to write one from the fields
 * @param causes for an alert over several series, the series ranked by probable origin; empty
 *     when it has one series
 */
public record AlertView(long id, String rule, SortedMap<String, String> labels, Alert.State state,
    long startsMs, long firedMs, long endsMs, long lastAnomalyMs, double maxProbability,
    long anomalies, double lastValue, double lastExpected, Direction lastDirection,
    String summary, List<RootCause.Cause> causes) {
  public AlertView {
    causes = causes == null ? List.of() : List.copyOf(causes);
  }

  /** Its one-line summary: its own, else written from its fields (alerts stored before). */
  public String text() {
    if (summary != null) {
      return summary;
    }
    return AlertText.anomaly(labels.getOrDefault("vigil_series", rule), lastDirection,
        lastValue, lastExpected, null, maxProbability, causes.isEmpty() ? null
            : causes.get(0).name());
  }
}
