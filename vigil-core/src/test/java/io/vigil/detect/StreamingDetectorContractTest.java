package io.vigil.detect;

import io.vigil.detect.catalog.DetectorSpec;
import io.vigil.detect.catalog.StreamingDetectors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.TestData;
import io.vigil.series.TimeSeries;
import io.vigil.series.TimeSeriesCsvReader;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every built-in streaming detector promises: exact restore, and the input rules. */
class StreamingDetectorContractTest {
  private static final TimeSeries SERIES = TimeSeriesCsvReader.read(
      TestData.dataset("nab/data/realKnownCause/nyc_taxi.csv"));

  static java.util.List<String> detectors() {
    return StreamingDetectors.names();
  }

  private static void assertSame(Assessment a, Assessment b, int row) {
    assertThat(a.status()).as("row %d", row).isEqualTo(b.status());
    assertThat(a.direction()).as("row %d", row).isEqualTo(b.direction());
    double[] x = {a.score(), a.probability(), a.expected(), a.lower(), a.upper()};
    double[] y = {b.score(), b.probability(), b.expected(), b.lower(), b.upper()};
    for (int k = 0; k < x.length; k++) {
      assertThat(Double.doubleToLongBits(x[k])).as("row %d field %d", row, k)
          .isEqualTo(Double.doubleToLongBits(y[k]));
    }
  }

  @ParameterizedTest
  @MethodSource("detectors")
  void snapshotHalfway_restored_continuesBitIdentically(String name) {
    StreamingDetector uninterrupted = StreamingDetectors.create(name);
    StreamingDetector first = StreamingDetectors.create(name);
    int half = SERIES.size() / 2;
    long[] t = SERIES.timestampsMs();
    double[] v = SERIES.values();
    Assessment[] expected = new Assessment[v.length];
    for (int i = 0; i < v.length; i++) {
      expected[i] = uninterrupted.process(t[i], v[i]);
    }
    for (int i = 0; i < half; i++) {
      assertSame(first.process(t[i], v[i]), expected[i], i);
    }
    DetectorState state = first.snapshot();
    StreamingDetector restored = StreamingDetectors.restore(state);
    assertThat(restored.snapshot()).isEqualTo(state);
    for (int i = half; i < v.length; i++) {
      assertSame(restored.process(t[i], v[i]), expected[i], i);
    }
    assertThat(restored.snapshot()).isEqualTo(uninterrupted.snapshot());
  }

  @ParameterizedTest
  @MethodSource("detectors")
  void nanInfinityAndOutOfOrderPoints_areSkipped_andLeaveTheStateAlone(String name) {
    StreamingDetector clean = StreamingDetectors.create(name);
    StreamingDetector dirty = StreamingDetectors.create(name);
    long[] t = SERIES.timestampsMs();
    double[] v = SERIES.values();
    for (int i = 0; i < 2000; i++) {
      if (i % 100 == 50) {
        assertThat(dirty.process(t[i], Double.NaN).status())
            .isEqualTo(Assessment.Status.SKIPPED_NOT_FINITE);
        assertThat(dirty.process(t[i], Double.POSITIVE_INFINITY).probability()).isZero();
        assertThat(dirty.process(t[i - 1] - 1, v[i]).status())
            .isEqualTo(Assessment.Status.SKIPPED_OUT_OF_ORDER);
      }
      assertSame(dirty.process(t[i], v[i]), clean.process(t[i], v[i]), i);
    }
    AbstractStreamingDetector d = (AbstractStreamingDetector) dirty;
    assertThat(d.skippedNotFinite()).isEqualTo(40);
    assertThat(d.skippedOutOfOrder()).isEqualTo(20);
    assertThat(d.learnt()).isEqualTo(2000);
  }

  @ParameterizedTest
  @MethodSource("detectors")
  void repeatedTimestamps_areNewObservations(String name) {
    StreamingDetector d = StreamingDetectors.create(name);
    for (int i = 0; i < 500; i++) {
      assertThat(d.process(1000, 5 + Math.sin(i)).status().skipped()).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("detectors")
  void damagedState_isRefused(String name) {
    StreamingDetector d = StreamingDetectors.create(name);
    for (int i = 0; i < 300; i++) {
      d.process(i * 60_000L, Math.sin(i / 10.0));
    }
    DetectorState s = d.snapshot();
    byte[] cut = Arrays.copyOf(s.bytes(), s.size() - 3);
    assertThatThrownBy(() -> StreamingDetectors.restore(
        new DetectorState(s.algorithm(), s.formatVersion(), cut)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(s.algorithm());
    assertThatThrownBy(() -> StreamingDetectors.restore(
        new DetectorState(s.algorithm(), 99, s.bytes())))
        .hasMessageContaining("version 99");
  }
}
