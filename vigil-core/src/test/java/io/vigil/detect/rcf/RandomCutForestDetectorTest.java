package io.vigil.detect.rcf;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detect.Assessment;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The forest on a clean cycle with one break in it. */
class RandomCutForestDetectorTest {
  private static final long MINUTE = 60_000;

  @Test
  void aBreakInARegularCycleScoresFarAboveTheCycle() {
    RandomCutForestDetector d = new RandomCutForestDetector();
    Random random = new Random(8);
    long t = 0;
    double normalMax = 0;
    for (int i = 0; i < 3000; i++, t += MINUTE) {
      Assessment a = d.process(t, 10 * Math.sin(i / 10.0) + 0.1 * random.nextGaussian());
      if (i > 2000) {
        normalMax = Math.max(normalMax, a.score());
      }
    }
    Assessment spike = d.process(t, 40);
    assertThat(spike.status()).isEqualTo(Assessment.Status.SCORED);
    assertThat(spike.score()).isGreaterThan(2 * normalMax);
    assertThat(spike.probability()).isGreaterThan(0.999);
  }

  @Test
  void warmsUpBeforeScoring() {
    RandomCutForestDetector d = new RandomCutForestDetector();
    assertThat(d.process(0, 1).status()).isEqualTo(Assessment.Status.WARMING_UP);
  }
}
