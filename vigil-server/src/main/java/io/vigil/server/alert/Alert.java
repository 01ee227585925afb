package io.vigil.server.alert;

import io.vigil.detect.Direction;
import java.util.SortedMap;

/**
 * An alert as it stands. Mutable, owned by the {@link AlertEvaluator}; others see copies.
 */
public final class Alert {
  /** Where an alert is in its life. */
  public enum State { PENDING, FIRING, RESOLVED }

  long id;
  final String rule;
  final String groupKey;
  final SortedMap<String, String> labels;
  State state = State.PENDING;
  final long startsMs;
  long firedMs = Long.MIN_VALUE;
  long endsMs = Long.MIN_VALUE;
  long lastAnomalyMs;
  long lastAnomalyWallMs;
  double maxProbability;
  long anomalies;
  double lastValue = Double.NaN;
  double lastExpected = Double.NaN;
  Direction lastDirection = Direction.NONE;
  String summary;

  Alert(long id, String rule, String groupKey, SortedMap<String, String> labels, long startsMs) {
    this.id = id;
    this.rule = rule;
    this.groupKey = groupKey;
    this.labels = labels;
    this.startsMs = startsMs;
    this.lastAnomalyMs = startsMs;
  }

  /** A copy for readers outside the evaluator. */
  public AlertView view() {
    return new AlertView(id, rule, labels, state, startsMs, firedMs, endsMs, lastAnomalyMs,
        maxProbability, anomalies, lastValue, lastExpected, lastDirection, summary);
  }
}
