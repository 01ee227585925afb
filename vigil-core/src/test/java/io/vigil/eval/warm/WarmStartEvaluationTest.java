package io.vigil.eval.warm;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detect.Assessment;
import io.vigil.detect.catalog.StreamingDetectors;
import io.vigil.eval.nab.NabCorpus;
import io.vigil.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pins the README's warm-start table for the default detector (`vigil bench warm-start`). */
class WarmStartEvaluationTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      // corpus, series, windows, false alarms cold, warm, missed cold, warm
      "nezha-cpu,     112,  18, 151,  59,   1,   5",
      "synthetic-kpi,  10,   0,   4,   1,   0,   0",
      "nezha-pods,    370, 319, 301, 145, 235, 253"})
  void aNewSeriesFirstDay_coldAndWarm(String corpus, int series, int windows, int coldFalse,
      int warmFalse, int coldMissed, int warmMissed) {
    WarmStartEvaluation.Result r = WarmStartEvaluation.run(corpus,
        NabCorpus.load(TestData.dataset(corpus)),
        () -> StreamingDetectors.create(StreamingDetectors.DEFAULT),
        Assessment.ALARM_PROBABILITY);
    assertThat(r).isEqualTo(new WarmStartEvaluation.Result(corpus, series, r.firstDayPoints(),
        windows, coldFalse, warmFalse, coldMissed, warmMissed));
    assertThat(r.warmFalseAlarms()).isLessThan(r.coldFalseAlarms());
  }

  @Test
  void aSiblingIsTheSameMetricOfAnotherPod() {
    NabCorpus pods = NabCorpus.load(TestData.dataset("nezha-pods"));
    var file = pods.files().stream()
        .filter(f -> f.name().startsWith("ts-route-service") && f.name().contains("SyscallRead"))
        .findFirst().orElseThrow();
    var sibling = WarmStartEvaluation.sibling(file, pods.files());
    assertThat(sibling.category()).isEqualTo(file.category());
    assertThat(sibling.name()).endsWith("_SyscallRead.csv").doesNotStartWith("ts-route");
  }
}
