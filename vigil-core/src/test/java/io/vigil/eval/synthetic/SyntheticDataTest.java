package io.vigil.eval.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.eval.synthetic.ServerMetricsGenerator.Host;
import io.vigil.eval.synthetic.ServerMetricsGenerator.Injection;
import io.vigil.series.CsvDatasetReader;
import io.vigil.series.CsvDatasetWriter;
import io.vigil.series.Dataset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDataTest {
  private static final Path COMMITTED = Path.of("..", "datasets", "multivariate");

  private static Host host(long seed) {
    return new ServerMetricsGenerator(seed).host("host" + seed, 7, 7, List.of(Fault.values()));
  }

  @Test
  void theCommittedFilesAreTheGeneratorsOutput() {
    for (long seed = 1; seed <= 4; seed++) {
      Host h = host(seed);
      assertThat(CsvDatasetReader.read(COMMITTED.resolve("host" + seed + "_train.csv")).rows())
          .isDeepEqualTo(h.train().rows());
      Dataset test = CsvDatasetReader.read(COMMITTED.resolve("host" + seed + "_test.csv"));
      assertThat(test.rows()).isDeepEqualTo(h.test().rows());
      assertThat(test.labels()).containsExactly(h.test().labels());
    }
  }

  @Test
  void everyFaultIsLabelledOverItsSegmentAndNothingElse() {
    Host h = host(3);
    assertThat(h.injections()).extracting(Injection::fault)
        .containsExactlyInAnyOrder(Fault.values());
    int labelled = h.injections().stream().mapToInt(i -> i.end() - i.start()).sum();
    assertThat(h.test().anomalyCount()).isEqualTo(labelled);
    for (Injection i : h.injections()) {
      assertThat(Arrays.copyOfRange(h.test().labels(), i.start(), i.end())).containsOnly(1);
    }
  }

  @Test
  void aStuckSensorRepeatsItsLastReading() {
    Host h = host(2);
    for (Injection i : h.injections()) {
      double[][] rows = h.test().rows();
      int cpu = ServerMetricsGenerator.FEATURES.indexOf("cpu_pct");
      if (i.fault() == Fault.STUCK_SENSOR) {
        for (int t = i.start(); t < i.end(); t++) {
          assertThat(rows[t][cpu]).isEqualTo(rows[i.start() - 1][cpu]);
        }
      }
    }
  }

  @Test
  void writtenFilesReadBackEqual(@TempDir Path dir) {
    Dataset test = host(1).test();
    CsvDatasetWriter.write(test, dir.resolve("t.csv"));
    Dataset back = CsvDatasetReader.read(dir.resolve("t.csv"));
    assertThat(back.rows()).isDeepEqualTo(test.rows());
    assertThat(back.labels()).containsExactly(test.labels());
    assertThat(back.featureNames()).isEqualTo(test.featureNames());
  }
}
