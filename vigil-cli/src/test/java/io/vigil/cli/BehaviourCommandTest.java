package io.vigil.cli;

import static io.vigil.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.series.Timestamps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil behaviour} on a login log where one user logs in at 3 a.m. from a new IP. */
class BehaviourCommandTest {
  private static final long DAY = 86_400_000L;
  private static final long T0 = Timestamps.parseMillis("2026-03-02T00:00:00Z");

  @TempDir Path dir;

  private Path logins() throws IOException {
    Random r = new Random(2);
    StringBuilder csv = new StringBuilder("timestamp,user,ip,action\n");
    for (int day = 0; day < 10; day++) {
      for (int u = 0; u < 8; u++) {
        for (int k = 0; k < 5; k++) {
          long t = T0 + day * DAY + (9 * 60 + r.nextInt(8 * 60)) * 60_000L;
          csv.append(Timestamps.format(t)).append(",user").append(u).append(",10.0.0.")
              .append(u).append(",login\n");
        }
      }
    }
    csv.append(Timestamps.format(T0 + 9 * DAY + 3 * 3_600_000L))
        .append(",user5,198.51.100.7,login\n");
    return Files.writeString(dir.resolve("logins.csv"), csv);
  }

  @Test
  void theNightLoginFromANewAddressIsRankedFirstWithItsReasons() throws IOException {
    Path html = dir.resolve("report.html");
    Cli.Result text = run("behaviour", "--events", logins().toString(), "--entity", "user",
        "--recent", "20h", "--report", html.toString());
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).contains(" 1. user5 ", "[off-hours", "03:00", "usually active",
        "[first-seen", "new ip 198.51.100.7");
    assertThat(text.out()).doesNotContain("user1 ");
    assertThat(Files.readString(html)).contains("<h1>Behaviour of user</h1>", "user5",
        "new ip 198.51.100.7").doesNotContain("<script");

    JsonNode j = run("behaviour", "--events", logins().toString(), "--entity", "user",
        "--recent", "20h", "--json").json();
    assertThat(j.get("events").asInt()).isEqualTo(401);
    assertThat(j.get("ranked")).hasSize(1);
    JsonNode top = j.get("ranked").get(0);
    assertThat(top.get("entity").asText()).isEqualTo("user5");
    assertThat(top.get("findings")).extracting(f -> f.get("kind").asText())
        .contains("off-hours", "first-seen");
  }

  @Test
  void hashingWithoutAKeyIsRefusedAndBadInputIsNamed() throws IOException {
    Cli.Result noKey = run("behaviour", "--events", logins().toString(), "--entity", "user",
        "--hash", "user");
    assertThat(noKey.exitCode()).isEqualTo(1);
    assertThat(noKey.err()).contains("--hash needs a key in $VIGIL_HASH_KEY");

    Path bad = Files.writeString(dir.resolve("bad.csv"), "timestamp,user\n2026-03-02T00:00:00Z,a"
        + "\n2026-03-02T00:00:00Z\n");
    Cli.Result r = run("behaviour", "--events", bad.toString(), "--entity", "user");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("bad.csv:3: expected 2 values but found 1");

    Cli.Result wrongField = run("behaviour", "--events", logins().toString(), "--entity", "host");
    assertThat(wrongField.err()).contains("column 'host': no such field; text fields: user, ip,"
        + " action");
  }
}
