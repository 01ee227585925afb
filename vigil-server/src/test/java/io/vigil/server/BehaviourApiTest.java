package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.behaviour.IdentifierHasher;
import io.vigil.series.Timestamps;
import io.vigil.server.config.EventPrivacy;
import io.vigil.server.config.ServerConfig;
import io.vigil.server.config.VigilConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events through the API: two weeks of office-hours logins of 20 users as CSV, then a day in
 * which user3 logs in at 03:10 from an address never seen, as JSON. User names and addresses
 * are stored as pseudonyms; the ranking finds user3 for both reasons and survives a restart.
 */
class BehaviourApiTest {
  private static final long DAY = 86_400_000L;
  private static final long T0 = Timestamps.parseMillis("2026-03-02T00:00:00Z"); // a Monday
  private static final String KEY = "a key of sixteen characters or more";

  @TempDir Path dir;

  private VigilServer start() {
    return VigilServer.start(new VigilConfig(ServerConfig.defaults()
        .withAddress("127.0.0.1", 0).withDataDir(dir), List.of(), List.of(), List.of(),
        List.of(), List.of(), new EventPrivacy(Set.of("user", "ip"), KEY)));
  }

  private static String baselineCsv() {
    Random r = new Random(7);
    StringBuilder csv = new StringBuilder("timestamp,user,ip,action\n");
    for (int u = 0; u < 20; u++) {
      for (int day = 0; day < 14; day++) {
        if (day % 7 >= 5) {
          continue;
        }
        for (int k = 0; k < 5 + r.nextInt(4); k++) {
          long t = T0 + day * DAY + (9 * 60 + r.nextInt(8 * 60)) * 60_000L;
          csv.append(Timestamps.format(t)).append(",user").append(u).append(",10.0.").append(u)
              .append(".1,").append(r.nextBoolean() ? "login" : "read").append('\n');
        }
      }
    }
    return csv.toString();
  }

  private static String event(long t, String user, String ip) {
    return "{\"timestamp\":\"" + Timestamps.format(t) + "\",\"user\":\"" + user
        + "\",\"ip\":\"" + ip + "\",\"action\":\"login\"}";
  }

  @Test
  void eventsAreStoredAsPseudonyms_andTheUnusualUserRanksFirst() {
    String csv = baselineCsv();
    int baseline = (int) csv.lines().count() - 1;
    long lastDay = T0 + 14 * DAY;
    String hashedUser3 = new IdentifierHasher(KEY).hash("user3");
    try (VigilServer server = start()) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      assertThat(http.get("/api/v1/behaviour?entity=user").status()).isEqualTo(404);
      var stored = http.post("/api/v1/events", csv, "text/csv");
      assertThat(stored.status()).as(stored.body()).isEqualTo(200);
      assertThat(stored.json().get("accepted").asInt()).isEqualTo(baseline);

      // One bad event refuses the whole request, naming it; none of it is kept.
      var bad = http.post("/api/v1/events", event(lastDay + 10 * 3_600_000L, "user1",
          "10.0.1.1") + "\n" + event(0, "user2", "10.0.2.1").replace("1970-01-01T00:00:00Z",
          "yesterday"), "application/x-ndjson");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.json().get("error").asText()).contains("body:2: column 'timestamp': 'yesterday' is not a timestamp");
      assertThat(http.post("/api/v1/events", "[{\"user\":\"x\"}", "application/json").status())
          .isEqualTo(400);
      assertThat(http.post("/api/v1/events", csv, "text/plain").status()).isEqualTo(415);

      var day = http.post("/api/v1/events", "[" + event(lastDay + (3 * 60 + 10) * 60_000L,
          "user3", "203.0.113.9") + "," + event(lastDay + 10 * 3_600_000L, "user1", "10.0.1.1")
          + "]", "application/json");
      assertThat(day.status()).as(day.body()).isEqualTo(200);

      JsonNode report = http.get("/api/v1/behaviour?entity=user&recent=24h").json();
      assertThat(report.get("events").asInt()).isEqualTo(baseline + 2);
      JsonNode first = report.get("ranked").get(0);
      assertThat(first.get("entity").asText()).isEqualTo(hashedUser3);
      assertThat(first.get("findings")).extracting(f -> f.get("kind").asText())
          .contains("off-hours", "first-seen");
      assertThat(report.toString()).doesNotContain("user3", "203.0.113.9", "10.0.");

      assertThat(http.get("/api/v1/behaviour?entity=nosuch").json().get("error").asText())
          .contains("nosuch");
      assertThat(http.get("/api/v1/behaviour").status()).isEqualTo(400);
      assertThat(http.get("/api/v1/behaviour?entity=user&recent=soon").json().get("error")
          .asText()).startsWith("recent:");
    }
    try (VigilServer again = start()) {
      JsonNode report = new HttpClientSupport(again.port())
          .get("/api/v1/behaviour?entity=user&recent=24h").json();
      assertThat(report.get("ranked").get(0).get("entity").asText()).isEqualTo(hashedUser3);
    }
  }

  @Test
  void oneEntitysEventsAreForgottenOnRequest_byItsNameThoughItIsStoredHashed() {
    String csv = baselineCsv();
    String hashedUser3 = new IdentifierHasher(KEY).hash("user3");
    try (VigilServer server = start()) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      assertThat(http.post("/api/v1/events", csv, "text/csv").status()).isEqualTo(200);
      long user3 = csv.lines().filter(l -> l.contains(",user3,")).count();
      assertThat(user3).isPositive();
      assertThat(http.get("/api/v1/behaviour?entity=user&recent=3d").json().get("entities")
          .asInt()).isEqualTo(20);
      var forgotten = http.delete("/api/v1/events?entity=User&value=user3");
      assertThat(forgotten.status()).as(forgotten.body()).isEqualTo(200);
      assertThat(forgotten.json().get("deleted").asLong()).isEqualTo(user3);
      JsonNode after = http.get("/api/v1/behaviour?entity=user&recent=3d").json();
      assertThat(after.get("entities").asInt()).isEqualTo(19);
      assertThat(after.toString()).doesNotContain(hashedUser3);
      assertThat(http.delete("/api/v1/events?entity=user").status()).isEqualTo(400);
    }
  }
}
