package io.vigil.server.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.behaviour.EventReader.Event;
import io.vigil.detect.Assessment;
import io.vigil.detect.DetectorState;
import io.vigil.detect.Direction;
import io.vigil.series.SeriesKey;
import io.vigil.server.alert.Alert;
import io.vigil.server.alert.AlertView;
import io.vigil.server.alert.Delivery;
import io.vigil.server.alert.Silence;
import io.vigil.server.engine.SeriesInfo;
import io.vigil.server.engine.SeriesStore.NewSeries;
import io.vigil.server.engine.StoredPoint;
import io.vigil.server.host.HostStore.Contributor;
import io.vigil.server.host.HostStore.HostRow;
import io.vigil.server.host.HostStore.HostState;
import io.vigil.server.model.FeedbackLabel;
import io.vigil.server.model.TrainingJobLog;
import io.vigil.server.registry.Checkpoint;
import io.vigil.server.security.AuditStore;
import io.vigil.server.store.StoreLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every backend of the store must do, through the interfaces the service uses: each
 * concept's writes read back the same, across a close and reopen. One subclass per backend.
 */
abstract class StoreContract {
  @TempDir
  Path dir;
  private StoreLocation location;
  private SqlStores stores;

  /** Where the backend under test keeps a fresh, empty store. */
  abstract StoreLocation freshLocation();

  @BeforeEach
  void open() {
    location = freshLocation();
    stores = SqlStores.open(location, dir, 0);
  }

  @AfterEach
  void close() {
    stores.close();
  }

  private void reopen() {
    stores.close();
    stores = SqlStores.open(location, dir, 0);
  }

  private static SeriesKey key(String name, String host) {
    return SeriesKey.of(name, Map.of("host", host));
  }

  private static StoredPoint point(long series, long seq, double value, double p) {
    Assessment a = seq == 0 ? new Assessment(Assessment.Status.SCORED, Double.NaN, 0.5,
        Double.NaN, Double.NaN, Double.NaN, Direction.NONE)
        : new Assessment(Assessment.Status.SCORED, 1.5, p, 10, 8, 12,
            p > 0.99 ? Direction.SPIKE : Direction.NONE);
    return new StoredPoint(series, seq, 1_000L * seq, value, a);
  }

  @Test
  void series_areRegisteredOnce_foundByKeyAndName_andPaged() {
    SeriesInfo a = stores.series().findOrCreate(key("cpu", "a"), "default");
    assertThat(stores.series().findOrCreate(key("cpu", "a"), "other")).isEqualTo(a);
    List<SeriesInfo> more = stores.series().createAll(List.of(
        new NewSeries(key("cpu", "b"), "default"), new NewSeries(key("mem", "a"), "rarity")));
    assertThat(more).extracting(SeriesInfo::id).doesNotContain(a.id()).doesNotHaveDuplicates();
    reopen();
    assertThat(stores.series().seriesCount()).isEqualTo(3);
    assertThat(stores.series().find(key("mem", "a"))).map(SeriesInfo::detector)
        .contains("rarity");
    assertThat(stores.series().named("cpu", 10)).hasSize(2);
    assertThat(stores.series().series(a.id())).map(SeriesInfo::key).contains(key("cpu", "a"));
    assertThat(stores.series().listSeries(a.id(), 1)).hasSize(1);
    assertThat(stores.series().listSeries()).hasSize(3);
  }

  @Test
  void points_areDurableOnceAppended_andReadByTimeNumberAndProbability() {
    long s = stores.series().findOrCreate(key("cpu", "a"), "default").id();
    List<StoredPoint> batch = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      batch.add(point(s, i, i == 0 ? 0.0 : i, i == 200 ? 0.9999 : 0.5));
    }
    stores.points().append(batch.subList(0, 150), List.of());
    stores.points().append(batch.subList(150, 300), List.of(batch.get(200)));
    reopen(); // acknowledged means durable: the log is filed after the reopen
    assertThat(stores.points().nextSeq(s)).isEqualTo(300);
    List<StoredPoint> read = stores.points().points(s, 0, Long.MAX_VALUE, 1000);
    assertThat(read).hasSize(300);
    assertThat(read.get(0).value()).isZero(); // a zero is a value, not a missing one
    assertThat(read.get(0).assessment().expected()).isNaN(); // no expectation stays none
    assertThat(read.get(200)).isEqualTo(batch.get(200));
    assertThat(stores.points().points(s, 10_000, 20_000, 1000)).hasSize(10);
    assertThat(stores.points().pointsAfter(s, 289)).extracting(StoredPoint::seq)
        .containsExactly(290L, 291L, 292L, 293L, 294L, 295L, 296L, 297L, 298L, 299L);
    List<StoredPoint> anomalies = stores.points().anomalies(null, 0, Long.MAX_VALUE, 0.999, 10);
    assertThat(anomalies).hasSize(1);
    assertThat(anomalies.get(0).seq()).isEqualTo(200);
    assertThat(anomalies.get(0).assessment().direction()).isEqualTo(Direction.SPIKE);
    assertThat(stores.points().anomalies(s, 0, 100_000, 0.999, 10)).isEmpty();
  }

  @Test
  void checkpoints_replaceTheSeriesPreviousOne() {
    long s = stores.series().findOrCreate(key("cpu", "a"), "default").id();
    stores.checkpoints().saveCheckpoint(new Checkpoint(s, 10, new DetectorState("default", 3,
        new byte[] {1, 2, 3})));
    stores.checkpoints().saveCheckpoints(List.of(new Checkpoint(s, 20,
        new DetectorState("rarity", 4, new byte[] {0, (byte) 255}))));
    reopen();
    Checkpoint c = stores.checkpoints().checkpoint(s).orElseThrow();
    assertThat(c.seq()).isEqualTo(20);
    assertThat(c.state().algorithm()).isEqualTo("rarity");
    assertThat(c.state().formatVersion()).isEqualTo(4);
    assertThat(c.state().bytes()).containsExactly(0, (byte) 255);
    assertThat(stores.checkpoints().checkpoint(s + 1)).isEmpty();
  }

  @Test
  void alerts_deliveriesAndSilences_roundTrip() {
    var alerts = stores.alerts();
    TreeMap<String, String> labels = new TreeMap<>(Map.of("host", "a"));
    AlertView pending = new AlertView(0, "high", labels, Alert.State.PENDING, 1000, 0, 0, 1000,
        0.999, 1, 97.5, Double.NaN, Direction.SPIKE, null, List.of());
    long id = alerts.saveAlert(pending);
    AlertView firing = new AlertView(id, "high", labels, Alert.State.FIRING, 1000, 2000, 0,
        2000, 0.9999, 2, 99, 50, Direction.SPIKE, "cpu is high", List.of());
    assertThat(alerts.saveAlert(firing)).isEqualTo(id);
    alerts.recordDelivery(new Delivery(id, "hook", "firing", 1, "failed", 503, "busy", 2100));
    alerts.recordDelivery(new Delivery(id, "hook", "firing", 2, "delivered", 200, null, 2200));
    Silence silence = alerts.addSilence(new Silence(0, Map.of("host", "a"), 0, 10_000, "deploy"));
    reopen();
    alerts = stores.alerts();
    assertThat(alerts.activeAlerts()).singleElement().satisfies(a -> {
      assertThat(a.state()).isEqualTo(Alert.State.FIRING);
      assertThat(a.summary()).isEqualTo("cpu is high");
      assertThat(a.lastExpected()).isEqualTo(50);
    });
    assertThat(alerts.alert(id)).isPresent();
    assertThat(alerts.alerts(Alert.State.FIRING, 10)).hasSize(1);
    assertThat(alerts.alerts(Alert.State.RESOLVED, 10)).isEmpty();
    assertThat(alerts.deliveries(id)).extracting(Delivery::attempt).containsExactly(1, 2);
    assertThat(alerts.deliveries(id).get(1).error()).isNull();
    assertThat(alerts.silences(5_000)).extracting(Silence::id).containsExactly(silence.id());
    assertThat(alerts.expireSilence(silence.id(), 6_000)).isTrue();
    assertThat(alerts.silences(7_000)).isEmpty();
    assertThat(alerts.expireSilence(silence.id() + 99, 6_000)).isFalse();
  }

  @Test
  void labelsAndTrainingJobs_roundTrip() {
    long s = stores.series().findOrCreate(key("cpu", "a"), "default").id();
    List<FeedbackLabel> added = stores.labels().addLabels(List.of(
        new FeedbackLabel(0, s, 100, 200, true, "missed", 0, "disk filled", "ann", 5000),
        new FeedbackLabel(0, s, 300, 400, false, "false-positive", 7, null, "bob", 6000)));
    assertThat(added).extracting(FeedbackLabel::id).doesNotContain(0L).doesNotHaveDuplicates();
    long job = stores.trainingJobs().open(1, "ann", 1000);
    stores.trainingJobs().update(job, TrainingJobLog.State.DONE,
        List.of(new TrainingJobLog.JobVersion(42, true)), null, 2000);
    long unfinished = stores.trainingJobs().open(2, "bob", 3000);
    reopen();
    assertThat(stores.labels().labels(s)).extracting(FeedbackLabel::anomalous)
        .containsExactly(true, false);
    assertThat(stores.labels().labels(s).get(1).note()).isNull();
    assertThat(stores.labels().labelsGiven(5500, 7000)).hasSize(1);
    assertThat(stores.trainingJobs().job(job)).hasValueSatisfying(e -> {
      assertThat(e.state()).isEqualTo(TrainingJobLog.State.DONE);
      assertThat(e.versions()).containsExactly(new TrainingJobLog.JobVersion(42, true));
    });
    assertThat(stores.trainingJobs().failUnfinished("restarted", 4000)).isEqualTo(1);
    assertThat(stores.trainingJobs().job(unfinished)).map(TrainingJobLog.Entry::error)
        .contains("restarted");
  }

  @Test
  void hostRowsAndStates_areReplacedByKey_andPruned() {
    var hosts = stores.hosts();
    for (int t = 1; t <= 5; t++) {
      hosts.appendRow(new HostRow("nodes", "a", t * 60_000L, "SCORED", t == 5 ? Double.NaN : t,
          t == 4 ? 0.9999 : 0.5, List.of(new Contributor("cpu", 0.8))));
    }
    // the same step again replaces the row
    hosts.appendRow(new HostRow("nodes", "a", 5 * 60_000L, "SCORED", 7, 0.6, List.of()));
    DetectorState state = new DetectorState("streaming-gaussian", 1, new byte[] {9});
    hosts.saveStates(List.of(new HostState("nodes", "a", List.of("cpu", "mem"),
        Map.of("cpu", 0.5, "mem", 2.0), 60_000, 5, state)), 3);
    hosts.saveStates(List.of(new HostState("nodes", "a", List.of("cpu", "mem"),
        Map.of("cpu", 0.7, "mem", 2.0), 60_000, 6, state)), 3);
    reopen();
    hosts = stores.hosts();
    List<HostRow> rows = hosts.rows("nodes", "a", 10);
    assertThat(rows).hasSize(3); // pruned to the newest 3
    assertThat(rows).filteredOn(r -> r.timestampMs() == 5 * 60_000L).singleElement()
        .satisfies(r -> assertThat(r.score()).isEqualTo(7));
    assertThat(hosts.anomalousRows(0, Long.MAX_VALUE, 0.999, 10)).singleElement()
        .satisfies(r -> assertThat(r.contributors()).containsExactly(new Contributor("cpu", 0.8)));
    assertThat(hosts.states()).singleElement().satisfies(s -> {
      assertThat(s.judged()).isEqualTo(6);
      assertThat(s.last()).containsEntry("cpu", 0.7);
    });
  }

  @Test
  void tokensAndTheAuditChain_roundTrip() {
    long first = stores.tokens().insertToken("ci", "writer", new byte[] {1}, new byte[] {2}, 10);
    long second = stores.tokens().insertToken("ops", "admin", new byte[] {3}, new byte[] {4}, 20);
    assertThat(second).isNotEqualTo(first);
    assertThat(stores.tokens().token(second)).map(t -> t.name()).contains("ops");
    assertThatThrownBy(() -> stores.tokens().insertToken("ci", "viewer", new byte[] {5},
        new byte[] {6}, 30)).isInstanceOf(IllegalArgumentException.class);
    assertThat(stores.tokens().revokeToken("ci", 40)).isTrue();
    stores.audit().append(100, "token:ops", "admin", "POST", "/api/v1/silences", "127.0.0.1",
        201);
    stores.audit().append(200, "anonymous", "none", "DELETE", "/api/v1/events", "127.0.0.1",
        401);
    reopen();
    assertThat(stores.tokens().tokens()).hasSize(2);
    assertThat(stores.tokens().token(first)).map(t -> t.revokedMs()).contains(40L);
    List<AuditStore.AuditEntry> all = stores.audit().all();
    assertThat(all).extracting(AuditStore.AuditEntry::status).containsExactly(201, 401);
    assertThat(AuditStore.firstBroken(all)).isEmpty();
    assertThat(stores.audit().latest(1)).singleElement()
        .satisfies(e -> assertThat(e.method()).isEqualTo("DELETE"));
  }

  @Test
  void events_areKept_andDeletedByAFieldWhateverItsCase() {
    stores.events().appendEvents(List.of(
        new Event(1000, Map.of("user", "ann", "ip", "10.0.0.1")),
        new Event(2000, Map.of("User", "bob", "ip", "10.0.0.2")),
        new Event(3000, Map.of("user", "ann", "ip", "10.0.0.3"))));
    reopen();
    assertThat(stores.events().events(0, 10_000, 10)).hasSize(3);
    assertThat(stores.events().newestEventTime()).hasValue(3000);
    assertThat(stores.events().deleteEvents("USER", "ann")).isEqualTo(2);
    assertThat(stores.events().events(0, 10_000, 10)).singleElement()
        .satisfies(e -> assertThat(e.fields()).containsEntry("User", "bob"));
  }

  @Test
  void retention_deletesWhatIsOld_andKeepsWhatARestartNeeds() {
    long s = stores.series().findOrCreate(key("cpu", "a"), "default").id();
    stores.points().append(List.of(point(s, 0, 1, 0.5), point(s, 1, 2, 0.9999)),
        List.of(point(s, 1, 2, 0.9999)));
    stores.applyPending();
    stores.points().append(List.of(point(s, 2, 3, 0.5)), List.of());
    stores.hosts().appendRow(new HostRow("nodes", "a", 500, "SCORED", 1, 0.5, List.of()));
    stores.hosts().appendRow(new HostRow("nodes", "a", 50_000, "SCORED", 1, 0.5, List.of()));
    stores.events().appendEvents(List.of(new Event(500, Map.of("user", "ann")),
        new Event(50_000, Map.of("user", "bob"))));
    long old = stores.alerts().saveAlert(new AlertView(0, "r", new TreeMap<>(), Alert.State.RESOLVED,
        100, 200, 300, 200, 0.999, 1, 1, 1, Direction.SPIKE, null, List.of()));
    stores.alerts().recordDelivery(new Delivery(old, "hook", "resolved", 1, "delivered", 200,
        null, 300));
    stores.checkpoints().saveCheckpoint(new Checkpoint(s, 2, new DetectorState("default", 3,
        new byte[] {1})));
    assertThat(stores.retention().points(10_000)).isGreaterThanOrEqualTo(2); // anomaly + row
    assertThat(stores.retention().events(10_000)).isEqualTo(1);
    assertThat(stores.retention().alerts(10_000)).isGreaterThanOrEqualTo(1);
    assertThat(stores.points().anomalies(null, 0, Long.MAX_VALUE, 0, 10)).isEmpty();
    assertThat(stores.hosts().rows("nodes", "a", 10)).hasSize(1);
    assertThat(stores.events().events(0, Long.MAX_VALUE, 10)).hasSize(1);
    assertThat(stores.alerts().alert(old)).isEmpty();
    assertThat(stores.points().nextSeq(s)).isEqualTo(3); // the newest chunk stays
  }
}
