package io.vigil.server.alert;

import io.vigil.correlate.RootCause;
import io.vigil.detect.Direction;
import java.util.List;
import java.util.SortedMap;

/**
 * An alert as it stands. Mutable, owned by the {@link AlertEvaluator}; others see copies.
 */
public final class Alert {
  /**
   * Where an alert is in its life. CANCELLED: it was pending and its incident ended before
   * the rule's {@code for} passed, so it never fired (and nothing was sent).
   */
  public enum State { PENDING, FIRING, RESOLVED, CANCELLED }

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
  List<RootCause.Cause> causes = List.of();
  /** The series time of the last store write, to write a lasting incident once a minute. */
  long savedAtMs = Long.MIN_VALUE;

  Alert(long id, String rule, String groupKey, SortedMap<String, String> labels, long startsMs) {
    this.id = id;
    this.rule = rule;
    this.groupKey = groupKey;
    this.labels = labels;
    this.startsMs = startsMs;
    this.lastAnomalyMs = startsMs;
  }

  /**
   * An open alert as stored, to carry on after a restart; group key rule + labels, and the
   * wall clock of its last anomaly taken as {@code wallMs}.
   */
  static Alert restored(AlertView v, long wallMs) {
    Alert a = new Alert(v.id(), v.rule(), v.rule() + v.labels(), v.labels(), v.startsMs());
    a.state = v.state();
    a.firedMs = v.firedMs();
    a.lastAnomalyMs = v.lastAnomalyMs();
    a.lastAnomalyWallMs = wallMs;
    a.maxProbability = v.maxProbability();
    a.anomalies = v.anomalies();
    a.lastValue = v.lastValue();
    a.lastExpected = v.lastExpected();
    a.lastDirection = v.lastDirection();
    a.summary = v.summary();
    a.causes = v.causes();
    return a;
  }

  /** A copy for readers outside the evaluator. */
  public AlertView view() {
    return new AlertView(id, rule, labels, state, startsMs, firedMs, endsMs, lastAnomalyMs,
        maxProbability, anomalies, lastValue, lastExpected, lastDirection, summary, causes);
  }
}
