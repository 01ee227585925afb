package io.vigil.correlate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Puts series sampled at their own times (each scraped on its own schedule, some more often
 * than others) on one grid of time steps, so that {@link RootCause} can compare them step by
 * step.
 *
 * <p>The step is the coarsest series' median interval, so every series has a value in almost
 * every step; within a step a series keeps its last value and its highest anomaly
 * probability. A step with no point repeats the series' previous value with probability 0, and
 * steps before a series' first point take that first value, so a late or sparse series breaks
 * no correlation by itself.
 */
public final class TraceAlignment {
  /** At most this many steps: a longer span is refused rather than allocated. */
  static final int MAX_STEPS = 100_000;

  /**
   * One series as stored.
   *
   * @param times ascending epoch milliseconds
   * @param probability the anomaly probability of each point
   */
  public record Samples(String name, long[] times, double[] values, double[] probability) {
    public Samples {
      if (times.length != values.length || times.length != probability.length) {
        throw new IllegalArgumentException(name + ": one value and probability per time");
      }
    }
  }

  /**
   * The series on one grid.
   *
   * @param times the start of each step
   * @param step the step in milliseconds
   */
  public record Aligned(long[] times, long step, List<RootCause.Trace> traces) {
    /** The index of the step holding {@code timeMs}, clamped to the grid. */
    public int indexOf(long timeMs) {
      long i = Math.floorDiv(timeMs - times[0], step);
      return (int) Math.max(0, Math.min(times.length - 1, i));
    }
  }

  private TraceAlignment() {}

  /**
   * Aligns {@code series}.
   *
   * @throws IllegalArgumentException when no series has two points, or the grid would exceed
   *     {@value #MAX_STEPS} steps
   */
  public static Aligned align(List<Samples> series) {
    long step = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (Samples s : series) {
      if (s.times.length > 0) {
        first = Math.min(first, s.times[0]);
        last = Math.max(last, s.times[s.times.length - 1]);
      }
      step = Math.max(step, medianGap(s.times));
    }
    if (step <= 0) {
      throw new IllegalArgumentException("no series has two points at different times");
    }
    long steps = (last - first) / step + 1;
    if (steps > MAX_STEPS) {
      throw new IllegalArgumentException("the series span " + steps + " steps of " + step
          + " ms; at most " + MAX_STEPS);
    }
    int n = (int) steps;
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      times[i] = first + i * step;
    }
    List<RootCause.Trace> traces = new ArrayList<>();
    for (Samples s : series) {
      traces.add(onGrid(s, first, step, n));
    }
    return new Aligned(times, step, traces);
  }

  private static RootCause.Trace onGrid(Samples s, long first, long step, int n) {
    double[] values = new double[n];
    double[] probability = new double[n];
    boolean[] seen = new boolean[n];
    for (int k = 0; k < s.times.length; k++) {
      int i = (int) ((s.times[k] - first) / step);
      probability[i] = seen[i] ? Math.max(probability[i], s.probability[k]) : s.probability[k];
      values[i] = s.values[k];
      seen[i] = true;
    }
    double carried = s.values.length > 0 ? s.values[0] : 0;
    for (int i = 0; i < n; i++) {
      if (seen[i]) {
        carried = values[i];
      } else {
        values[i] = carried;
      }
    }
    return new RootCause.Trace(s.name, values, probability);
  }

  private static long medianGap(long[] times) {
    if (times.length < 2) {
      return 0;
    }
    long[] gaps = new long[times.length - 1];
    int g = 0;
    for (int i = 1; i < times.length; i++) {
      if (times[i] > times[i - 1]) {
        gaps[g++] = times[i] - times[i - 1];
      }
    }
    if (g == 0) {
      return 0;
    }
    long[] positive = Arrays.copyOf(gaps, g);
    Arrays.sort(positive);
    return positive[(g - 1) / 2]; // the lower median: with two gaps, the shorter
  }
}
