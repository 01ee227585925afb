package io.vigil.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detect.Assessment;
import io.vigil.detect.DetectorState;
import io.vigil.detect.StreamingDetector;
import io.vigil.detect.catalog.DetectorSpec;
import io.vigil.detect.catalog.StreamingDetectors;
import io.vigil.plugin.Plugins;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The example detector through Vigil's catalogue, as a registered plug-in is used. */
class MedianDistanceTest {

  @BeforeAll
  static void register() {
    if (!StreamingDetectors.names().contains(MedianDistance.ALGORITHM)) {
      Plugins.register(new ExamplePlugin());
    }
  }

  @Test
  void aSpikeIsFarFromTheMedian_inRobustStandardDeviations() {
    StreamingDetector d = DetectorSpec.parse("median-distance:window=5").create();
    double[] values = {10, 12, 11, 13, 9}; // median 11, deviations 1,1,0,2,2: MAD 1
    for (int i = 0; i < values.length; i++) {
      assertThat(d.process(i * 60_000L, values[i]).status())
          .isEqualTo(Assessment.Status.WARMING_UP);
    }
    Assessment a = d.process(5 * 60_000L, 17);
    assertThat(a.score()).isEqualTo(6 / 1.4826); // (17 - 11) / (1.4826 × 1)
    assertThat(a.expected()).isEqualTo(11);
  }

  @Test
  void aCheckpointRestoresThroughTheCatalogue_andContinuesExactly() {
    StreamingDetector d = StreamingDetectors.create(MedianDistance.ALGORITHM);
    StreamingDetector uninterrupted = StreamingDetectors.create(MedianDistance.ALGORITHM);
    Random r = new Random(3);
    double[] v = new double[400];
    for (int i = 0; i < v.length; i++) {
      v[i] = 100 + r.nextGaussian() + (i == 350 ? 30 : 0);
    }
    for (int i = 0; i < 200; i++) {
      d.process(i * 60_000L, v[i]);
      uninterrupted.process(i * 60_000L, v[i]);
    }
    DetectorState state = d.snapshot();
    StreamingDetector restored = StreamingDetectors.restore(state);
    for (int i = 200; i < v.length; i++) {
      assertThat(restored.process(i * 60_000L, v[i]))
          .isEqualTo(uninterrupted.process(i * 60_000L, v[i]));
    }
    assertThat(restored.snapshot()).isEqualTo(uninterrupted.snapshot());
  }
}
