package io.vigil.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CorrelationTest {

  /** Queue depth leads latency by 4 steps: latency[t] = 2·queue[t − 4] + noise. */
  @Test
  void laggedCorrelationFindsTheLeader() {
    Random r = new Random(1);
    int n = 500;
    double[] queue = new double[n];
    double[] latency = new double[n];
    double level = 0;
    for (int t = 0; t < n; t++) {
      level = 0.9 * level + r.nextGaussian(); // an AR(1) walk, so lags are identifiable
      queue[t] = level;
      latency[t] = t >= 4 ? 2 * queue[t - 4] + 0.1 * r.nextGaussian() : 0;
    }
    LaggedCorrelation c = LaggedCorrelation.of(queue, latency, 10);
    assertThat(c.lag()).isEqualTo(4);
    assertThat(c.correlation()).isGreaterThan(0.99);
    assertThat(c.atZero()).isLessThan(c.correlation());
    assertThat(c.describe("queue", "latency")).startsWith("queue leads latency by 4 steps");
    assertThat(LaggedCorrelation.of(latency, queue, 10).lag()).isEqualTo(-4);
  }

  @Test
  void rollingCorrelationMatchesTheDirectFormula() {
    double[] x = {1, 2, 3, 4, 5, 6};
    double[] y = {2, 4, 6, 5, 1, 0};
    double[] r = RollingCorrelation.of(x, y, 3);
    assertThat(r[0]).isNaN();
    assertThat(r[1]).isNaN();
    assertThat(r[2]).isCloseTo(1.0, within(1e-12)); // (1,2),(2,4),(3,6): a line
    // Window (3,6),(4,5),(5,1): x̄ 4, ȳ 4; Σdxdy = (−1)(2) + 0 + (1)(−3) = −5;
    // Σdx² = 2, Σdy² = 4 + 1 + 9 = 14; r = −5 / √28.
    assertThat(r[4]).isCloseTo(-5 / Math.sqrt(28), within(1e-12));
    assertThat(RollingCorrelation.of(new double[] {1, 1, 1}, new double[] {1, 2, 3}, 3)[2])
        .as("a constant window has no correlation").isNaN();
  }

  /**
   * Disk fills from step 60, write latency follows from 64, request latency from 70. CPU, tied
   * to requests before, stays normal. The disk must rank first, named as first to deviate.
   */
  @Test
  void rootCauseIsTheEarliestDeviationAndNamesTheBrokenRelationship() {
    int n = 100;
    long[] times = new long[n];
    double[] requests = new double[n];
    double[] latency = new double[n];
    double[] disk = new double[n];
    double[] pRequests = new double[n];
    double[] pLatency = new double[n];
    double[] pDisk = new double[n];
    double[] pWrites = new double[n];
    Random r = new Random(4);
    for (int t = 0; t < n; t++) {
      times[t] = 1_700_000_000_000L + t * 60_000L;
      requests[t] = 100 + 20 * Math.sin(t / 5.0) + r.nextGaussian();
      latency[t] = 10 + 0.1 * requests[t] + 0.1 * r.nextGaussian() + (t >= 70 ? 30 : 0);
      disk[t] = 50 + 0.01 * t + (t >= 60 ? 2 * (t - 60) : 0);
      pDisk[t] = t >= 60 ? 0.9999 : 0.2;
      pWrites[t] = t >= 64 ? 0.999 : 0.3;
      pLatency[t] = t >= 70 ? 0.99999 : 0.1;
      pRequests[t] = 0.2;
    }
    List<RootCause.Cause> causes = RootCause.rank(times, List.of(
        new RootCause.Trace("requests", requests, pRequests),
        new RootCause.Trace("latency", latency, pLatency),
        new RootCause.Trace("write_latency", disk, pWrites),
        new RootCause.Trace("disk_used", disk, pDisk)), 55, 0.99);
    assertThat(causes).extracting(RootCause.Cause::name)
        .containsExactly("disk_used", "write_latency", "latency", "requests");
    assertThat(causes.get(0).reasons().get(0)).startsWith("first to deviate, at")
        .endsWith("(4 steps before the next)");
    assertThat(causes.get(2).reasons()).contains("strongest deviation (surprise 5.0)")
        // r before: 0.1·requests (variance ≈ 2) against noise of variance 0.01, √(2/2.01) ≈ 1.00.
        .anyMatch(s -> s.startsWith("its relationship with requests broke (r 1.00 before"));
    assertThat(causes.get(3).onset()).isNull();
    assertThatThrownBy(() -> RootCause.rank(times, List.of(new RootCause.Trace("x",
        new double[3], new double[3])), 55, 0.99)).hasMessageContaining("x is not aligned");
  }

  @Test
  void alignmentPutsSeriesOfDifferentRatesOnTheCoarsestStep() {
    // fast: every 15 s for 4 minutes, anomalous (0.999) at 150 s; slow: every 60 s from 60 s.
    long[] fastTimes = new long[16];
    double[] fastValues = new double[16];
    double[] fastP = new double[16];
    for (int i = 0; i < 16; i++) {
      fastTimes[i] = i * 15_000L;
      fastValues[i] = i;
      fastP[i] = i == 10 ? 0.999 : 0.1;
    }
    var aligned = TraceAlignment.align(List.of(
        new TraceAlignment.Samples("fast", fastTimes, fastValues, fastP),
        new TraceAlignment.Samples("slow", new long[] {60_000, 120_000, 240_000},
            new double[] {7, 8, 9}, new double[] {0, 0.5, 0})));
    assertThat(aligned.step()).isEqualTo(60_000);
    assertThat(aligned.times()).containsExactly(0, 60_000, 120_000, 180_000, 240_000);
    // fast: the last value of each minute, its highest probability (0.999 in minute 2), and
    // minute 4, where it has no point, carries 15 on with probability 0
    assertThat(aligned.traces().get(0).values()).containsExactly(3, 7, 11, 15, 15);
    assertThat(aligned.traces().get(0).probability()).containsExactly(0.1, 0.1, 0.999, 0.1, 0);
    // slow: minute 0 back-filled with its first value, minute 3 carries minute 2's on
    assertThat(aligned.traces().get(1).values()).containsExactly(7, 7, 8, 8, 9);
    assertThat(aligned.traces().get(1).probability()).containsExactly(0, 0, 0.5, 0, 0);
    assertThat(aligned.indexOf(150_000)).isEqualTo(2);
    assertThat(aligned.indexOf(-5)).isZero();
    assertThatThrownBy(() -> TraceAlignment.align(List.of(new TraceAlignment.Samples("one",
        new long[] {5}, new double[] {1}, new double[] {0})))).hasMessageContaining("two points");
  }
}
