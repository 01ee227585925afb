package io.vigil.server.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detect.Assessment;
import io.vigil.series.TimeSeries;
import io.vigil.server.engine.StoredPoint;
import org.junit.jupiter.api.Test;

class LatestPointsTest {
  private static StoredPoint point(long seq) {
    return new StoredPoint(1, seq, seq * 1000, seq / 2.0, Assessment.warmingUp(Double.NaN));
  }

  @Test
  void keepsTheLatestInOrder_acrossGrowthAndWrapping() {
    LatestPoints few = new LatestPoints(5000);
    for (long s = 0; s < 3000; s++) { // grows past its first 1024
      few.accept(point(s));
    }
    TimeSeries all = few.series("a");
    assertThat(all.size()).isEqualTo(3000);
    assertThat(all.lines()[2999]).isEqualTo(2999);
    assertThat(few.lastSeq()).isEqualTo(2999);

    LatestPoints latest = new LatestPoints(2500);
    for (long s = 0; s < 7001; s++) { // wraps the ring twice and a bit
      latest.accept(point(s));
    }
    TimeSeries kept = latest.series("b");
    assertThat(kept.size()).isEqualTo(2500);
    assertThat(kept.lines()[0]).isEqualTo(4501);
    assertThat(kept.lines()[2499]).isEqualTo(7000);
    assertThat(kept.timestampsMs()[0]).isEqualTo(4_501_000);
    assertThat(kept.values()[2499]).isEqualTo(3500);
    for (int i = 1; i < kept.size(); i++) {
      assertThat(kept.lines()[i]).isEqualTo(kept.lines()[i - 1] + 1);
    }
    assertThat(latest.lastSeq()).isEqualTo(7000);
    LatestPoints small = new LatestPoints(10);
    assertThat(small.lastSeq()).isEqualTo(-1);
    for (long s = 0; s < 25; s++) {
      small.accept(point(s));
    }
    assertThat(small.series("c").lines()).containsExactly(15, 16, 17, 18, 19, 20, 21, 22, 23,
        24);
  }
}
