package io.vigil.detect;

import io.vigil.detect.catalog.DetectorSpec;
import io.vigil.detect.catalog.StreamingDetectors;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpoints written by earlier releases restore and carry on. Each file under
 * {@code checkpoints/<release>/} is a detector's snapshot, written by that release after 3,000
 * points of a daily cycle with noise (five-minute steps, seed 7); the series continues here.
 * A release that changes a detector's state keeps reading the older layouts: add its own
 * files as a new folder and keep the old ones.
 */
class GoldenCheckpointTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long STEP = 300_000L;

  @ParameterizedTest(name = "0.1.0 {0}")
  @ValueSource(strings = {"default", "rarity", "seasonal", "holt-winters", "rcf",
      "windowed-gaussian", "robust-ewma", "transformed", "ensemble"})
  void aCheckpointOfRelease010_restoresAndContinues(String algorithm) throws IOException {
    restoresAndContinues("0.1.0", algorithm);
  }

  /**
   * Layouts the main line wrote between 0.1.0 and 0.2.0 and then changed again (rarity's
   * dense histogram rows, seasonal phase flags a byte each): a service that ran it keeps its
   * checkpoints.
   */
  @ParameterizedTest(name = "pre-0.2.0 {0}")
  @ValueSource(strings = {"default", "rarity", "ensemble", "seasonal", "holt-winters"})
  void aCheckpointOfTheMainLineBefore020_restoresAndContinues(String algorithm)
      throws IOException {
    restoresAndContinues("pre-0.2.0", algorithm);
  }

  private void restoresAndContinues(String release, String algorithm) throws IOException {
    DetectorState state;
    try (InputStream in = getClass().getResourceAsStream("/checkpoints/" + release + "/"
        + algorithm + ".state")) {
      assertThat(in).as("golden file for " + algorithm).isNotNull();
      state = StreamingDetectors.read(new DataInputStream(in));
    }
    StreamingDetector d = StreamingDetectors.restore(state);
    Random r = new Random(7);
    for (int i = 0; i < 3000; i++) {
      r.nextGaussian(); // the values the old release saw
    }
    double maxQuiet = 0;
    for (int i = 3000; i < 3600; i++) {
      double v = 50 + 10 * Math.sin(2 * Math.PI * i / 288) + r.nextGaussian();
      Assessment a = d.process(T0 + i * STEP, v);
      assertThat(a.status()).isEqualTo(Assessment.Status.SCORED);
      maxQuiet = Math.max(maxQuiet, a.probability());
    }
    Assessment spike = d.process(T0 + 3600 * STEP, 50 + 10 * Math.sin(2 * Math.PI * 3600 / 288)
        + 40);
    assertThat(spike.probability()).as("a 40σ spike after the restore")
        .isGreaterThan(0.99).isGreaterThanOrEqualTo(maxQuiet);
    // and the continued detector checkpoints again
    assertThat(StreamingDetectors.restore(d.snapshot()).algorithm()).isEqualTo(d.algorithm());
  }
}
