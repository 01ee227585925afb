package io.vigil.server.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detect.catalog.DetectorSpec;
import io.vigil.server.config.ModelSettings;
import io.vigil.server.engine.ModelMonitor;
import io.vigil.server.registry.ModelVersion;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ModelHealthTest {
  private static final long[] SPREAD = {10, 10, 10, 10, 10, 10, 10, 10, 10, 9, 1, 0};
  private static final ModelVersion V = new ModelVersion(4, 2, 1, DetectorSpec.of("rcf"), 0.999,
      "default", new ModelVersion.TrainingWindow(0, 1, 100, 99, "x", "store", 0),
      new ModelVersion.Validation("injected-f1", 1, 0.01, SPREAD, "{}"), "me", 5_000,
      ModelVersion.Status.CHAMPION, -1);
  private static final ModelSettings SETTINGS = new ModelSettings(false, 0.2, 0.25,
      Duration.ofHours(1));

  @Test
  void silenceBeyondTheLimitDegrades_andTooFewPointsLeaveDriftUnjudged() {
    long now = 10_000_000;
    ModelHealth fresh = ModelHealth.of(new ModelMonitor(2, V, 50, 1, SPREAD, now - 1000, 7),
        SETTINGS, now);
    assertThat(fresh.status()).isEqualTo("ok");
    assertThat(fresh.drift()).isNaN(); // 50 points: fewer than the 200 drift needs
    assertThat(fresh.alertRate()).isEqualTo(0.02);
    ModelHealth silent = ModelHealth.of(new ModelMonitor(2, V, 50, 1, SPREAD,
        now - 3_601_000, 7), SETTINGS, now);
    assertThat(silent.status()).isEqualTo("degraded");
    assertThat(silent.reasons()).containsExactly("no point for 3601 s, above the limit of"
        + " 3600 s");
  }

  @Test
  void theSameSpreadHasNoDrift_allAlertsHaveMuch() {
    long[] same = new long[SPREAD.length];
    for (int i = 0; i < same.length; i++) {
      same[i] = SPREAD[i] * 10;
    }
    assertThat(ModelHealth.of(new ModelMonitor(2, V, 1000, 10, same, 0, 7), SETTINGS, 0)
        .drift()).isZero();
    long[] tail = new long[SPREAD.length];
    tail[11] = 1000;
    ModelHealth h = ModelHealth.of(new ModelMonitor(2, V, 1000, 1000, tail, 0, 7), SETTINGS, 0);
    assertThat(h.drift()).isGreaterThan(5);
    assertThat(h.status()).isEqualTo("degraded");
    assertThat(h.reasons().get(0)).startsWith("score drift ");
  }
}
