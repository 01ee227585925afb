package io.vigil.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detect.Direction;
import org.junit.jupiter.api.Test;

class AlertTextTest {
  @Test
  void saysTheDeviationWithUnits_andAProbabilityThatIsNotRoundedToOne() {
    assertThat(AlertText.anomaly("api_latency_seconds", Direction.SPIKE, 2.41, 0.18, "s",
        0.999977, null)).isEqualTo("api_latency_seconds: spike to 2.41 s, expected 0.18 s"
            + " (+2.23 s, 13.39× expected), probability 0.999977");
    assertThat(AlertText.anomaly("disk_used_percent", Direction.DIP, 40, 97.5, "%", 0.9991,
        "disk_io")).isEqualTo("disk_used_percent: dip to 40%, expected 97.5% (−57.5%),"
            + " probability 0.9991, probable origin disk_io");
    assertThat(AlertText.anomaly("queue", Direction.NONE, 7, Double.NaN, null, 0.995, null))
        .isEqualTo("queue: unusual value 7, probability 0.995");
  }

  @Test
  void probabilitiesKeepTheDigitsThatTellThemFromOne() {
    assertThat(AlertText.probability(0.5)).isEqualTo("0.50");
    assertThat(AlertText.probability(0.99)).isEqualTo("0.99");
    assertThat(AlertText.probability(0.999977)).isEqualTo("0.999977");
    assertThat(AlertText.probability(0.9999999998574416)).isEqualTo("0.99999999986");
    assertThat(AlertText.probability(1.0)).isEqualTo("> 0.9999999999999");
  }
}
