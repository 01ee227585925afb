package io.vigil.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detect.Assessment;
import io.vigil.detect.Direction;
import io.vigil.series.SeriesKey;
import io.vigil.server.config.AlertRule;
import io.vigil.server.config.SeriesSelector;
import io.vigil.server.engine.StoredPoint;
import io.vigil.server.store.sql.SqlStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alert life cycles driven point by point. */
class AlertEvaluatorTest {
  private static final long MINUTE = 60_000;
  private static final SeriesKey WEB1 = SeriesKey.of("errors", Map.of("host", "web1"));
  private static final SeriesKey WEB1_LATENCY = SeriesKey.of("latency", Map.of("host", "web1"));

  @TempDir Path dir;
  private SqlStores base;
  private AlertStore store;
  private final List<String> sent = new ArrayList<>();
  private long wall = 1_000_000;

  @BeforeEach
  void open() {
    base = SqlStores.open(dir);
    store = base.alerts();
  }

  @AfterEach
  void close() {
    base.close();
  }

  private AlertEvaluator evaluator(Duration forDuration, List<String> groupBy) {
    AlertRule rule = new AlertRule("anomaly", new SeriesSelector(null, Map.of()), 0.99,
        forDuration, groupBy, Duration.ofMinutes(15));
    return new AlertEvaluator(List.of(rule), store,
        (a, event) -> sent.add(event + " " + a.labels()), () -> wall);
  }

  /** A point on a series expected at 1 within [0, 2]: anomalous ones at 5, others at 1. */
  private static StoredPoint point(long minute, double probability) {
    return point(minute, probability >= 0.99 ? 5 : 1, probability, 1);
  }

  private static StoredPoint point(long minute, double value, double probability,
      double expected) {
    return new StoredPoint(1, minute, minute * MINUTE, value, new Assessment(
        Assessment.Status.SCORED, 1, probability, expected, expected - 1, expected + 1,
        value >= expected ? Direction.SPIKE : Direction.DIP));
  }

  @Test
  void firesOnce_dedups_thenResolvesAfterQuiet() {
    AlertEvaluator e = evaluator(Duration.ZERO, null);
    e.stored(WEB1, point(0, 0.995), Double.NaN);
    e.stored(WEB1, point(1, 0.999), Double.NaN);
    e.stored(WEB1, point(2, 0.5), Double.NaN);
    assertThat(sent).containsExactly("firing {alertname=anomaly, host=web1, vigil_series=errors}");
    AlertView firing = store.activeAlerts().get(0);
    assertThat(firing.state()).isEqualTo(Alert.State.FIRING);
    assertThat(firing.anomalies()).isEqualTo(2);
    assertThat(firing.maxProbability()).isEqualTo(0.999);
    e.stored(WEB1, point(10, 0.1), Double.NaN); // 9 minutes quiet: still firing
    assertThat(sent).hasSize(1);
    e.stored(WEB1, point(16, 0.1), Double.NaN); // 15 minutes after the last anomaly
    assertThat(sent).last().asString().startsWith("resolved");
    assertThat(store.activeAlerts()).isEmpty();
    assertThat(store.alerts(Alert.State.RESOLVED, 10).get(0).endsMs()).isEqualTo(16 * MINUTE);
  }

  @Test
  void forDuration_needsAnomaliesToKeepComing() {
    AlertEvaluator e = evaluator(Duration.ofMinutes(3), null);
    e.stored(WEB1, point(0, 0.995), Double.NaN);
    e.stored(WEB1, point(1, 0.995), Double.NaN);
    e.stored(WEB1, point(2, 0.2), Double.NaN); // broken before 3 minutes: cancelled, never sent
    assertThat(sent).isEmpty();
    assertThat(store.activeAlerts()).isEmpty();
    assertThat(store.alerts(Alert.State.CANCELLED, 10)).hasSize(1);
    assertThat(store.alerts(Alert.State.RESOLVED, 10)).isEmpty();
    for (int m = 10; m <= 13; m++) {
      e.stored(WEB1, point(m, 0.995), Double.NaN);
    }
    assertThat(sent).hasSize(1); // fired at minute 13, 3 minutes after the first
    assertThat(store.activeAlerts().get(0).firedMs()).isEqualTo(13 * MINUTE);
  }

  @Test
  void anIncidentLastsWhileItsSeriesStaysBeyondTheBandOfBefore_untilReLearnt() {
    AlertEvaluator e = evaluator(Duration.ofMinutes(2), null);
    // A step from 1 to 5: the detector flags its first point, then suppresses repeats.
    e.stored(WEB1, point(0, 5, 0.999, 1), Double.NaN);
    e.stored(WEB1, point(1, 5.1, 0, 1.2), Double.NaN);
    assertThat(sent).isEmpty();
    e.stored(WEB1, point(2, 4.9, 0, 1.4), Double.NaN); // two minutes in: fires
    assertThat(sent).containsExactly("firing {alertname=anomaly, host=web1, vigil_series=errors}");
    AlertView firing = store.activeAlerts().get(0);
    assertThat(firing.anomalies()).isEqualTo(1);
    assertThat(firing.lastAnomalyMs()).isEqualTo(2 * MINUTE);
    assertThat(firing.summary()).isEqualTo("errors: spike to 4.9, expected 1.4 (+3.5, 3.5×"
        + " expected), probability 0.999");
    for (int m = 3; m < 30; m++) { // the shift goes on for half an hour: still firing
      e.stored(WEB1, point(m, 5, 0, 1.5), Double.NaN);
    }
    assertThat(e.firing()).hasSize(1);
    // The detector has re-learnt (expects 4.8, beyond the band of before): the incident is
    // over, and the alert resolves resolveAfter (15 minutes) later.
    e.stored(WEB1, point(30, 5, 0, 4.8), Double.NaN);
    e.stored(WEB1, point(43, 5, 0, 4.9), Double.NaN);
    assertThat(e.firing()).hasSize(1);
    e.stored(WEB1, point(44, 5, 0, 4.9), Double.NaN);
    assertThat(e.firing()).isEmpty();
    assertThat(sent).last().asString().startsWith("resolved");
    assertThat(store.alerts(Alert.State.RESOLVED, 10).get(0).lastAnomalyMs())
        .isEqualTo(29 * MINUTE);

    // A dip that comes back to normal before for: cancelled, never sent.
    sent.clear();
    e.stored(WEB1, point(100, -3, 0.999, 1), Double.NaN);
    e.stored(WEB1, point(101, -3, 0, 1), Double.NaN);
    e.stored(WEB1, point(101, 0.5, 0, 1), Double.NaN);
    assertThat(sent).isEmpty();
    assertThat(store.alerts(Alert.State.CANCELLED, 10)).hasSize(1);
  }

  @Test
  void groupBy_joinsTheSeriesOfAHost() {
    AlertEvaluator e = evaluator(Duration.ZERO, List.of("host"));
    e.stored(WEB1, point(0, 0.995), Double.NaN);
    e.stored(WEB1_LATENCY, point(0, 0.995), Double.NaN);
    assertThat(sent).containsExactly("firing {alertname=anomaly, host=web1}");
    assertThat(store.activeAlerts().get(0).anomalies()).isEqualTo(2);
  }

  @Test
  void aSeriesThatFallsSilent_resolvesByTheWallClock_andSurvivesARestart() {
    AlertEvaluator e = evaluator(Duration.ZERO, null);
    e.stored(WEB1, point(0, 0.995), Double.NaN);
    AlertEvaluator restarted = evaluator(Duration.ZERO, null); // reloads the open alert
    assertThat(restarted.firing()).hasSize(1);
    wall += 14 * MINUTE;
    restarted.sweep();
    assertThat(restarted.firing()).hasSize(1);
    wall += 2 * MINUTE;
    restarted.sweep();
    assertThat(restarted.firing()).isEmpty();
    assertThat(sent).last().asString().startsWith("resolved");
  }
  @Test
  void aLargeGroupIsRankedOverItsAnomalousSeriesOnly() {
    AlertRule rule = new AlertRule("anomaly", new SeriesSelector(null, Map.of()), 0.99,
        Duration.ZERO, List.of("host"), Duration.ofMinutes(15));
    List<Integer> rankedSizes = new ArrayList<>();
    AlertEvaluator e = new AlertEvaluator(List.of(rule), store, (a, event) -> sent.add(event),
        () -> wall, (members, startsMs, untilMs, threshold) -> {
          rankedSizes.add(members.size());
          return List.of();
        });
    int n = AlertEvaluator.MAX_RANKED + 10;
    for (int s = 0; s < n; s++) {
      e.stored(SeriesKey.of("m" + s, Map.of("host", "web1")), point(0, 0.1), Double.NaN);
    }
    for (int s = 0; s < 3; s++) { // three of the 60 go anomalous, one after the other
      e.stored(SeriesKey.of("m" + s, Map.of("host", "web1")), point(1 + s, 0.999), Double.NaN);
    }
    assertThat(rankedSizes).containsExactly(2, 3);

    List<Integer> smallGroup = new ArrayList<>();
    AlertEvaluator small = new AlertEvaluator(List.of(rule), store, (a, event) -> { },
        () -> wall, (members, startsMs, untilMs, threshold) -> {
          smallGroup.add(members.size());
          return List.of();
        });
    for (int s = 0; s < 5; s++) {
      small.stored(SeriesKey.of("m" + s, Map.of("host", "db1")), point(0, 0.1), Double.NaN);
    }
    small.stored(SeriesKey.of("m0", Map.of("host", "db1")), point(1, 0.999), Double.NaN);
    small.stored(SeriesKey.of("m1", Map.of("host", "db1")), point(2, 0.999), Double.NaN);
    assertThat(smallGroup).as("a small group is ranked whole").containsExactly(5);
  }
}
