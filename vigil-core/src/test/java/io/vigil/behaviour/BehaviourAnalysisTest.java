package io.vigil.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.series.Timestamps;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Logins of 30 users over 15 days, generated with habits: office hours on weekdays, one or two
 * usual IP addresses, a few actions. Three users break their habits on the last day in known
 * ways; a fleet of hosts has one running hot. The analysis must find exactly those, for the
 * stated reasons.
 */
class BehaviourAnalysisTest {
  private static final long DAY = 86_400_000L;
  private static final long T0 = Timestamps.parseMillis("2026-03-02T00:00:00Z"); // a Monday
  private static final List<String> ACTIONS = List.of("login", "read", "write", "logout");

  private static String logins() {
    Random r = new Random(5);
    StringBuilder csv = new StringBuilder("timestamp,user,role,ip,action,status\n");
    for (int u = 0; u < 30; u++) {
      String user = "user" + u;
      String role = u < 25 ? "engineer" : "dba";
      String[] ips = {"10.0." + u + ".1", "10.0." + u + ".2"};
      for (int day = 0; day < 15; day++) {
        if (day % 7 >= 5) {
          continue; // weekends off
        }
        for (int k = 0; k < 6 + r.nextInt(5); k++) {
          long t = T0 + day * DAY + (9 * 60 + r.nextInt(8 * 60)) * 60_000L;
          event(csv, t, user, role, ips[r.nextInt(2)], ACTIONS.get(r.nextInt(4)), "ok");
        }
      }
    }
    long lastDay = T0 + 14 * DAY;
    // user3 logs in at 03:10 from a usual address.
    event(csv, lastDay + (3 * 60 + 10) * 60_000L, "user3", "engineer", "10.0.3.1", "login", "ok");
    // user7 logs in from an address no one has used.
    event(csv, lastDay + 11 * 3_600_000L, "user7", "engineer", "203.0.113.9", "login", "ok");
    // user12 makes 300 requests in one hour.
    for (int k = 0; k < 300; k++) {
      event(csv, lastDay + 14 * 3_600_000L + k * 10_000L, "user12", "engineer", "10.0.12.1",
          "read", "ok");
    }
    return csv.toString();
  }

  private static void event(StringBuilder csv, long t, String user, String role, String ip,
      String action, String status) {
    csv.append(Timestamps.format(t)).append(',').append(user).append(',').append(role)
        .append(',').append(ip).append(',').append(action).append(',').append(status)
        .append('\n');
  }

  private static EventLog read(String csv) throws IOException {
    return EventReader.read(new StringReader(csv), "events.csv", false, Set.of(), null);
  }

  private static Map<String, EntityBehaviour> byEntity(BehaviourAnalysis.Report report) {
    return report.ranked().stream()
        .collect(Collectors.toMap(EntityBehaviour::entity, Function.identity()));
  }

  private static List<String> kinds(EntityBehaviour e) {
    return e.findings().stream().map(Finding::kind).toList();
  }

  @Test
  void theThreeUsersWhoBrokeTheirHabitsRankFirstForTheRightReasons() throws IOException {
    BehaviourAnalysis.Report report = BehaviourAnalysis.analyse(read(logins()),
        BehaviourOptions.of("user").withPeerField("role").withRecent(Duration.ofHours(20)));
    assertThat(report.ranked().subList(0, 3)).extracting(EntityBehaviour::entity)
        .containsExactlyInAnyOrder("user3", "user7", "user12");
    Map<String, EntityBehaviour> e = byEntity(report);

    assertThat(kinds(e.get("user3"))).contains("off-hours");
    assertThat(e.get("user3").findings().get(0).reason())
        .contains("03:10", "usually active 09:00-17:00");

    Finding newIp = e.get("user7").findings().stream().filter(f -> f.kind().equals("first-seen"))
        .findFirst().orElseThrow();
    assertThat(newIp.field()).isEqualTo("ip");
    assertThat(newIp.reason()).contains("new ip 203.0.113.9", "no entity had used 203.0.113.9");

    assertThat(kinds(e.get("user12"))).contains("rate", "peer");
    assertThat(e.get("user12").peerGroup()).isEqualTo("role=engineer");
    // Every other user kept to their habits.
    report.ranked().stream().filter(b -> !Set.of("user3", "user7", "user12")
        .contains(b.entity())).forEach(b -> assertThat(b.findings()).as(b.entity()).isEmpty());
  }

  @Test
  void theOddHostStandsOutFromTheFleet() throws IOException {
    Random r = new Random(9);
    StringBuilder csv = new StringBuilder("timestamp,host,app,cpu_seconds\n");
    for (int h = 0; h < 20; h++) {
      for (int k = 0; k < 50; k++) {
        double cpu = h == 7 ? 30 + 2 * r.nextGaussian() : 10 + r.nextGaussian();
        csv.append(Timestamps.format(T0 + k * 60_000L)).append(",web-").append(h)
            .append(",web,").append(String.format(java.util.Locale.ROOT, "%.3f", cpu))
            .append('\n');
      }
    }
    EventLog log = read(csv.toString());
    assertThat(log.numericFields()).containsExactly("cpu_seconds");
    BehaviourAnalysis.Report report = BehaviourAnalysis.analyse(log,
        BehaviourOptions.of("host").withPeerField("app"));
    EntityBehaviour top = report.ranked().get(0);
    assertThat(top.entity()).isEqualTo("web-7");
    assertThat(top.findings().get(0).kind()).isEqualTo("peer");
    assertThat(top.findings().get(0).reason())
        .contains("mean cpu_seconds", "among its 19 peers (app=web)", "above");
    assertThat(report.ranked().get(1).score()).isZero();
  }

  @Test
  void hashedIdentitiesNeverReachTheReport() throws IOException {
    IdentifierHasher hasher = new IdentifierHasher("a key of sixteen chars");
    EventLog log = EventReader.read(new StringReader(logins()), "events.csv", false,
        Set.of("user", "ip"), hasher);
    BehaviourAnalysis.Report report = BehaviourAnalysis.analyse(log,
        BehaviourOptions.of("user").withPeerField("role").withRecent(Duration.ofHours(20)));
    String everything = report.toString();
    assertThat(everything).doesNotContain("user7", "203.0.113.9").contains(hasher.hash("user7"));
    assertThat(byEntity(report).get(hasher.hash("user7")).findings().get(0).reason())
        .contains("new ip " + hasher.hash("203.0.113.9"));
  }

  @Test
  void anEntityThatJoinedLateIsJudgedAtItsOwnRate() throws IOException {
    // A service account from day 10: 5 events in each office hour, every day, the last day
    // too. Its 160 baseline events over the whole 333-hour baseline would be 0.48 an hour,
    // and 5 in an hour a burst (Poisson tail 1.4e-4); over its own 84 hours they are 1.9 an
    // hour, and 5 in an hour has a tail of 0.044: usual.
    StringBuilder csv = new StringBuilder(logins());
    for (int day = 10; day < 15; day++) {
      for (int hour = 9; hour < 17; hour++) {
        for (int k = 0; k < 5; k++) {
          event(csv, T0 + day * DAY + hour * 3_600_000L + k * 600_000L, "svc", "engineer",
              "10.9.9.9", "read", "ok");
        }
      }
    }
    BehaviourAnalysis.Report report = BehaviourAnalysis.analyse(read(csv.toString()),
        BehaviourOptions.of("user").withRecent(Duration.ofHours(20)));
    assertThat(kinds(byEntity(report).get("svc"))).doesNotContain("rate");
  }

  @Test
  void badEventsAreNamedByLineAndField() {
    assertThatThrownBy(() -> read("timestamp,user\n2026-03-02T00:00:00Z,a\nyesterday,b\n"))
        .hasMessageStartingWith("events.csv:3: column 'timestamp': 'yesterday' is not a"
            + " timestamp");
    assertThatThrownBy(() -> read("time,user\n1,a\n"))
        .hasMessageContaining("no 'timestamp' column; columns: time, user");
    assertThatThrownBy(() -> EventReader.read(new StringReader(
        "{\"timestamp\":1,\"user\":\"a\"}\n{\"timestamp\":2,\"user\":{\"id\":1}}\n"),
        "events.jsonl", true, Set.of(), null))
        .hasMessageStartingWith("events.jsonl:2: column 'user': nested objects");
    assertThatThrownBy(() -> BehaviourAnalysis.analyse(read("timestamp,user\n1,a\n"),
        BehaviourOptions.of("host")))
        .hasMessageContaining("column 'host': no such field; text fields: user");
  }

  @Test
  void aHashedFieldIsHashedWhateverTheCaseItIsWrittenIn() throws IOException {
    IdentifierHasher hasher = new IdentifierHasher("a key of sixteen chars");
    String lines = "{\"timestamp\":\"2026-03-11T03:00:00Z\",\"USER\":\"mallory\"}\n"
        + "{\"timestamp\":\"2026-03-11T04:00:00Z\",\"User\":\"mallory\"}\n"
        + "{\"timestamp\":\"2026-03-11T05:00:00Z\",\"user\":\"bob\",\"ip\":\"10.0.0.1\"}\n";
    List<EventReader.Event> events = EventReader.parse(new StringReader(lines), "body", true,
        Set.of("user"), hasher);
    assertThat(events.get(0).fields().get("USER")).isEqualTo(hasher.hash("mallory"));
    assertThat(events.get(1).fields().get("User")).isEqualTo(hasher.hash("mallory"));
    assertThat(events.get(2).fields().get("user")).isEqualTo(hasher.hash("bob"));
    assertThat(events.get(2).fields().get("ip")).isEqualTo("10.0.0.1");
    assertThat(events.toString()).doesNotContain("mallory", "bob");
  }
}
