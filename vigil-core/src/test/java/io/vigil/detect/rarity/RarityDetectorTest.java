package io.vigil.detect.rarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.detect.Assessment;
import io.vigil.detect.Direction;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Rarity on synthetic series whose answer is plain to a person. */
class RarityDetectorTest {
  private static final long MINUTE = 60_000;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;

  /** Ten days of 5-minute points: 10 ± noise, and a spike to 50 at 03:00 every night. */
  private static RarityDetector nightlySpikes(Random random) {
    RarityDetector d = new RarityDetector();
    for (long t = 0; t < 10 * DAY; t += 5 * MINUTE) {
      boolean spike = t % DAY == 3 * HOUR;
      d.process(t, spike ? 50 : 10 + random.nextGaussian());
    }
    return d;
  }

  @Test
  void aRecurringSpikeIsNotNews_butAHigherOneIs() {
    RarityDetector d = nightlySpikes(new Random(1));
    long t = 10 * DAY + 3 * HOUR;
    assertThat(d.process(t, 50).probability()).isLessThan(0.99);
    Assessment higher = d.process(t + 5 * MINUTE, 90);
    assertThat(higher.probability()).isGreaterThan(0.999);
    assertThat(higher.direction()).isEqualTo(Direction.SPIKE);
  }

  @Test
  void aDaytimeValueAtNightIsRare() {
    RarityDetector d = new RarityDetector();
    Random random = new Random(2);
    for (long t = 0; t < 14 * DAY; t += 5 * MINUTE) {
      long hour = t % DAY / HOUR;
      d.process(t, (hour >= 8 && hour < 20 ? 100 : 10) + random.nextGaussian());
    }
    long noon = 14 * DAY + 12 * HOUR;
    Assessment atNoon = d.process(noon, 100);
    assertThat(atNoon.probability()).isLessThan(0.9);
    assertThat(atNoon.expected()).isCloseTo(100, within(5.0));
    Assessment atThree = d.process(noon + 15 * HOUR, 100); // 03:00 next day
    assertThat(atThree.probability()).isGreaterThan(0.99);
    assertThat(atThree.expected()).isCloseTo(10, within(5.0));
    assertThat(atThree.upper()).isLessThan(100);
    assertThat(atThree.direction()).isEqualTo(Direction.SPIKE);
  }

  @Test
  void aNewLevelIsRareAtFirst_thenLearnt() {
    RarityDetector d = new RarityDetector();
    Random random = new Random(3);
    long t = 0;
    for (int i = 0; i < 3000; i++) {
      d.process(t += MINUTE, 17 + random.nextGaussian() * 0.5);
    }
    assertThat(d.process(t += MINUTE, 28).probability()).isGreaterThan(0.999);
    for (int i = 0; i < 6000; i++) {
      d.process(t += MINUTE, 28 + random.nextGaussian() * 0.5);
    }
    assertThat(d.process(t + MINUTE, 28).probability()).isLessThan(0.99);
  }

  @Test
  void warmUp_scoresNothing() {
    RarityDetector d = new RarityDetector();
    for (int i = 0; i < RarityDetector.WARM_UP; i++) {
      assertThat(d.process(i * MINUTE, i).status()).isEqualTo(Assessment.Status.WARMING_UP);
    }
    assertThat(d.process(RarityDetector.WARM_UP * MINUTE, 3).status())
        .isEqualTo(Assessment.Status.SCORED);
  }

  @Test
  void anExtremeValue_widensTheRange_andEverythingStaysFinite() {
    RarityDetector d = new RarityDetector();
    long t = 0;
    for (int i = 0; i < 200; i++) {
      d.process(t += MINUTE, 0); // a flat start: the narrowest range there is
    }
    Assessment huge = d.process(t += MINUTE, 1e300);
    assertThat(huge.probability()).isGreaterThan(0.99);
    Assessment back = d.process(t + MINUTE, 0);
    assertThat(back.score()).isFinite();
    assertThat(back.upper()).isFinite();
    // The bins are now ~1e298 wide (see ValueHistogram: the range never narrows again), so
    // the expectation is only known to within a bin.
    assertThat(back.expected()).isBetween(0.0, 1e299);
  }
}
