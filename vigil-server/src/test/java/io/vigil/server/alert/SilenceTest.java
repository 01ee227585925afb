package io.vigil.server.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class SilenceTest {
  @Test
  void matchersMatchWholeValues() {
    Silence s = new Silence(0, Map.of("host", "web.*", "env", "prod"), 0, 100, "deploy");
    assertThat(s.mutes(Map.of("host", "web1", "env", "prod"), 50)).isTrue();
    assertThat(s.mutes(Map.of("host", "db-web1", "env", "prod"), 50)).isFalse();
    assertThat(s.mutes(Map.of("host", "web1"), 50)).isFalse();
    assertThat(s.mutes(Map.of("host", "web1", "env", "prod"), 100)).isFalse();
  }

  @Test
  void aBacktrackingPattern_isMatchedInLinearTime() {
    // java.util.regex needs about 2^30 steps for this: the guard below is for a hang, not a
    // speed figure (RE2/J answers in microseconds).
    Silence s = new Silence(0, Map.of("host", "(.*a){12}$"), 0, 100, "");
    Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThat(
        s.mutes(Map.of("host", "a".repeat(40) + "!"), 50)).isFalse());
  }

  @Test
  void aBrokenPattern_isNamed() {
    assertThatThrownBy(() -> new Silence(0, Map.of("host", "("), 0, 1, ""))
        .hasMessageStartingWith("matchers.host: '(' is not a regular expression");
  }
}
