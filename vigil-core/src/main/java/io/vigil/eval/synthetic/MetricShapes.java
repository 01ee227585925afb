package io.vigil.eval.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The shapes real server metrics take, generated with known answers: flat stretches, whole
 * numbers, percentages pinned at a bound, mostly-zero counts, counters with resets, steps,
 * spikes, drift, daily and weekly cycles, gaps and uneven sampling, heavy-tailed latencies.
 * Whole numbers rescaled to [0, 1] (as some benchmarks ship server metrics) are there too.
 * Every detector must cope with every one: no spread collapsing on a flat or quantised
 * stretch, no alarms on a constant series or a clean cycle, the marked points found.
 *
 * <p>Deterministic: each shape has its own seed.
 */
public final class MetricShapes {
  /** Where the first value is. */
  public static final long T0 = 1_700_000_000_000L;
  /** The regular step, five minutes. */
  public static final long STEP = 300_000L;
  /** Points in a regular shape: three weeks. */
  public static final int POINTS = 6048;

  private MetricShapes() {}

  /** What a detector should conclude about a shape. */
  public enum Expect {
    /** No point is anomalous: few alarms, none on a constant or clean cycle. */
    QUIET,
    /** The marked points are anomalous and should rank above every other point. */
    MARKED_ON_TOP,
    /** A lasting change at the marked point: flag it, learn the new level. */
    STEP
  }

  /**
   * One generated series.
   *
   * @param name what it is
   * @param timestampsMs in order
   * @param values the values
   * @param marked the anomalous points (for STEP, the first point of the new level)
   * @param expect what a detector should conclude
   * @param strictlyQuiet for QUIET: not a single alarm allowed (constant, clean cycle)
   * @param resolution the step the values are written in (0 when continuous)
   * @param counter whether it is a cumulative counter (to be read as a rate)
   */
  public record Shape(String name, long[] timestampsMs, double[] values, int[] marked,
      Expect expect, boolean strictlyQuiet, double resolution, boolean counter) {}

  /** Every shape. */
  public static List<Shape> all() {
    List<Shape> out = new ArrayList<>();
    out.add(regular("constant", Expect.QUIET, true, 0, i -> 42.0, new int[0]));
    out.add(regular("clean daily cycle", Expect.QUIET, true, 0,
        i -> 50 + 20 * Math.sin(2 * Math.PI * i / 288), new int[0]));
    Random blips = new Random(1);
    int[] blipAt = {2500, 3700, 4900, 5600};
    out.add(regular("flat with rare blips", Expect.MARKED_ON_TOP, false, 1,
        i -> contains(blipAt, i) ? 70 : 50 + (blips.nextDouble() < 0.01 ? 1 : 0), blipAt));
    Random counts = new Random(2);
    out.add(regular("whole-number counts", Expect.QUIET, false, 1,
        i -> poisson(counts, 3), new int[0]));
    Random pinned = new Random(3);
    out.add(regular("percentage pinned at 100", Expect.QUIET, false, 1,
        i -> pinned.nextDouble() < 0.02 ? 99 : 100, new int[0]));
    Random zero = new Random(4);
    out.add(regular("percentage pinned at 0", Expect.QUIET, false, 0.1,
        i -> zero.nextDouble() < 0.02 ? 0.1 * (1 + zero.nextInt(3)) : 0, new int[0]));
    Random scaled = new Random(15);
    out.add(regular("whole numbers rescaled to [0, 1]", Expect.QUIET, false, 1.0 / 31,
        i -> (3 + (scaled.nextDouble() < 0.02 ? 1 : 0)) / 31.0, new int[0]));
    Random sparse = new Random(5);
    out.add(regular("mostly zero", Expect.QUIET, false, 1,
        i -> sparse.nextDouble() < 0.03 ? 1 + sparse.nextInt(3) : 0, new int[0]));
    Random counter = new Random(6);
    double[] total = {0};
    out.add(new Shape("counter with resets", times(POINTS), values(POINTS, i -> {
      if (i == 2000 || i == 4500) {
        total[0] = 0; // a restart
      }
      total[0] += 300 * (10 + counter.nextGaussian());
      return Math.floor(total[0]);
    }), new int[0], Expect.QUIET, false, 1, true));
    Random stepUp = new Random(7);
    out.add(regular("step up", Expect.STEP, false, 0,
        i -> (i < 4000 ? 20 : 60) + stepUp.nextGaussian(), new int[] {4000}));
    Random stepDown = new Random(8);
    out.add(regular("step down", Expect.STEP, false, 0,
        i -> (i < 4000 ? 60 : 20) + stepDown.nextGaussian(), new int[] {4000}));
    Random spikes = new Random(9);
    int[] spikeAt = {3000, 4400, 5500};
    out.add(regular("single spikes", Expect.MARKED_ON_TOP, false, 0,
        i -> 100 + 5 * spikes.nextGaussian() + (contains(spikeAt, i) ? 60 : 0), spikeAt));
    Random drift = new Random(10);
    out.add(regular("slow drift", Expect.QUIET, false, 0,
        i -> 50 + 0.002 * i + drift.nextGaussian(), new int[0]));
    Random daily = new Random(11);
    out.add(regular("daily cycle", Expect.QUIET, false, 0,
        i -> 50 + 20 * Math.sin(2 * Math.PI * i / 288) + daily.nextGaussian(), new int[0]));
    Random weekly = new Random(12);
    out.add(regular("weekly cycle", Expect.QUIET, false, 0, i -> {
      boolean weekend = (i / 288) % 7 >= 5;
      return (weekend ? 20 : 50) + 15 * Math.sin(2 * Math.PI * i / 288) + weekly.nextGaussian();
    }, new int[0]));
    Random lognormal = new Random(13);
    out.add(regular("heavy-tailed latency", Expect.QUIET, false, 0,
        i -> 0.05 * Math.exp(0.8 * lognormal.nextGaussian()), new int[0]));
    out.add(uneven());
    return out;
  }

  /** A daily cycle sampled every 1 to 15 minutes, with a six-hour gap. */
  private static Shape uneven() {
    Random r = new Random(14);
    List<Long> t = new ArrayList<>();
    long now = T0;
    while (now < T0 + 21L * 86_400_000L) {
      t.add(now);
      now += 60_000L * (1 + r.nextInt(15));
      if (t.size() == 1000) {
        now += 6 * 3_600_000L;
      }
    }
    long[] ts = t.stream().mapToLong(Long::longValue).toArray();
    double[] v = new double[ts.length];
    for (int i = 0; i < ts.length; i++) {
      v[i] = 50 + 20 * Math.sin(2 * Math.PI * (ts[i] - T0) / 86_400_000.0) + r.nextGaussian();
    }
    return new Shape("uneven sampling with a gap", ts, v, new int[0], Expect.QUIET, false, 0,
        false);
  }

  private static Shape regular(String name, Expect expect, boolean strict, double resolution,
      java.util.function.IntToDoubleFunction value, int[] marked) {
    return new Shape(name, times(POINTS), values(POINTS, value), marked, expect, strict,
        resolution, false);
  }

  private static long[] times(int n) {
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      t[i] = T0 + i * STEP;
    }
    return t;
  }

  private static double[] values(int n, java.util.function.IntToDoubleFunction f) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = f.applyAsDouble(i);
    }
    return v;
  }

  private static boolean contains(int[] a, int i) {
    for (int x : a) {
      if (x == i) {
        return true;
      }
    }
    return false;
  }

  private static int poisson(Random r, double mean) {
    double limit = Math.exp(-mean);
    double p = 1;
    int k = 0;
    do {
      k++;
      p *= r.nextDouble();
    } while (p > limit);
    return k - 1;
  }
}
