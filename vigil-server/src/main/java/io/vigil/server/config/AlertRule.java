package io.vigil.server.config;

import java.time.Duration;
import java.util.List;

/**
 * When anomalies become an alert.
 *
 * @param name the rule's name (the alert's {@code alertname})
 * @param match which series it watches
 * @param minProbability a point at or above this probability is anomalous for the rule
 * @param forDuration anomalous points must keep coming (no normal point between them) for
 *     this long before the alert fires; zero fires on the first
 * @param groupBy labels whose values make separate alerts (none: one alert per series)
 * @param resolveAfter the alert resolves after this long without an anomalous point
 */
public record AlertRule(String name, SeriesSelector match, double minProbability,
    Duration forDuration, List<String> groupBy, Duration resolveAfter) {
  public AlertRule {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an alert rule needs a name");
    }
    if (!(minProbability > 0 && minProbability <= 1)) {
      throw new IllegalArgumentException("alert '" + name + "': minProbability must be in"
          + " (0, 1], was " + minProbability);
    }
    if (forDuration.isNegative() || resolveAfter.isNegative() || resolveAfter.isZero()) {
      throw new IllegalArgumentException("alert '" + name + "': for must be >= 0 and"
          + " resolveAfter > 0");
    }
    groupBy = groupBy == null ? null : List.copyOf(groupBy);
  }

  /** This rule watching the series {@code selector} selects instead. */
  public AlertRule watching(SeriesSelector selector) {
    return new AlertRule(name, selector, minProbability, forDuration, groupBy, resolveAfter);
  }

  /** Whether alerts are per series (no groupBy given) rather than per label group. */
  public boolean perSeries() {
    return groupBy == null;
  }
}
