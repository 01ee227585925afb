package io.vigil.detect.warm;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detect.AbstractStreamingDetector;
import io.vigil.detect.Assessment;
import io.vigil.detect.StreamingDetector;
import java.io.DataOutput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmStartTest {
  private static final long MINUTE = 60_000L;
  private static final long DAY = 86_400_000L;

  /** Remembers what it was taught. */
  private static final class Recorder extends AbstractStreamingDetector {
    final List<long[]> times = new ArrayList<>();
    final List<Double> values = new ArrayList<>();

    @Override
    public String algorithm() {
      return "recorder";
    }

    @Override
    protected Assessment assess(long timestampMs, double value) {
      times.add(new long[] {timestampMs});
      values.add(value);
      return Assessment.warmingUp(value);
    }

    @Override
    protected int stateVersion() {
      return 1;
    }

    @Override
    protected void writeState(DataOutput out) { }
  }

  @Test
  void theMap_takesMedianToMedian_andInterquartileRangeToInterquartileRange() {
    // 0..10: median 5, quartiles 2.5 and 7.5; 100, 102, ..., 120: median 110, quartiles 105, 115
    double[] sibling = new double[11];
    double[] first = new double[11];
    for (int i = 0; i <= 10; i++) {
      sibling[i] = i;
      first[i] = 100 + 2 * i;
    }
    WarmStart.Rescaling map = WarmStart.Rescaling.between(sibling, first);
    assertThat(map.apply(5)).isEqualTo(110);
    assertThat(map.apply(7.5)).isEqualTo(115);
    assertThat(map.apply(20)).isEqualTo(140); // 110 + 15 × 2
    // A flat new series: shifted only.
    WarmStart.Rescaling flat = WarmStart.Rescaling.between(sibling, new double[] {3, 3, 3});
    assertThat(flat.apply(7)).isEqualTo(5);
  }

  @Test
  void theSiblingsLastWeek_movesBackByWholeWeeks_beforeTheNewSeries() {
    // The sibling ran for ten days up to the new series' start plus two hours.
    long start = 1_700_000_000_000L;
    int n = (int) (10 * DAY / (60 * MINUTE));
    long[] t = new long[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = start - 10 * DAY + 2 * 60 * MINUTE + i * 60 * MINUTE;
      v[i] = i % 2;
    }
    Recorder r = new Recorder();
    StreamingDetector d = WarmStart.warmed(() -> r, t, v, new long[] {start},
        new double[] {0.5});
    assertThat(d).isSameAs(r);
    long firstReplayed = r.times.get(0)[0];
    long lastReplayed = r.times.get(r.times.size() - 2)[0];
    assertThat(lastReplayed).as("one week back").isEqualTo(t[n - 1] - 7 * DAY);
    assertThat(lastReplayed - firstReplayed).as("at most seven days")
        .isLessThanOrEqualTo(7 * DAY);
    assertThat(r.times.get(r.times.size() - 1)[0]).isEqualTo(start);
    assertThat(r.values.get(r.values.size() - 1)).isEqualTo(0.5);
  }
}
