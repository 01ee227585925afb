package io.vigil.correlate;

import io.vigil.series.Timestamps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * When several series of one entity go anomalous together, ranks the probable origin: the
 * series that deviated first, then the one that deviated most, with the relationships that
 * broke. An SRE reads the first line first, so the ranking is by onset (a fault spreads from
 * where it starts: the disk fills, then writes slow, then latency rises), ties within one step
 * broken by strength.
 *
 * <p>Strength is the largest surprise {@code −log₁₀(1 − p)} of the anomaly probability in the
 * incident. A relationship broke when two series correlated (|r| ≥ {@value #CORRELATED}) before
 * the incident and r moved by at least {@value #BREAK} during it; of the pair, the one that
 * deviated is named, since the other kept to its normal course.
 */
public final class RootCause {
  static final double CORRELATED = 0.7;
  static final double BREAK = 0.5;
  private static final double MAX_SURPRISE = 10;

  /**
   * One series around an incident, aligned with the others on the same time steps.
   *
   * @param probability the anomaly probability of each point, in [0, 1]
   */
  public record Trace(String name, double[] values, double[] probability) {}

  /**
   * One series' place in the ranking.
   *
   * @param onset the time it first reached the probability threshold, or {@code null} if never
   * @param strength its largest surprise during the incident
   * @param reasons why it is here, in words
   */
  public record Cause(String name, String onset, double strength, List<String> reasons) {}

  private RootCause() {}

  /**
   * Ranks {@code traces} for the incident that starts at index {@code from} of {@code times}.
   *
   * @param threshold the anomaly probability at which a series counts as deviating
   */
  public static List<Cause> rank(long[] times, List<Trace> traces, int from, double threshold) {
    int n = times.length;
    if (from < 3 || from >= n) {
      throw new IllegalArgumentException("the incident must start after at least 3 points of"
          + " normal history and before the end (" + n + " points, start " + from + ")");
    }
    for (Trace t : traces) {
      if (t.values.length != n || t.probability.length != n) {
        throw new IllegalArgumentException(t.name + " is not aligned with the others: "
            + t.values.length + " values for " + n + " times");
      }
    }
    int k = traces.size();
    int[] onset = new int[k];
    double[] strength = new double[k];
    List<List<String>> reasons = new ArrayList<>();
    for (int s = 0; s < k; s++) {
      Trace t = traces.get(s);
      onset[s] = -1;
      for (int i = from; i < n; i++) {
        double p = t.probability[i];
        strength[s] = Math.max(strength[s], Math.min(MAX_SURPRISE, -Math.log10(1 - p)));
        if (onset[s] < 0 && p >= threshold) {
          onset[s] = i;
        }
      }
      reasons.add(new ArrayList<>());
    }
    relationships(traces, from, strength, reasons);
    Integer[] order = new Integer[k];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator
        .comparingInt((Integer s) -> onset[s] < 0 ? Integer.MAX_VALUE : onset[s])
        .thenComparing(s -> -strength[s]));
    int first = order.length > 0 ? onset[order[0]] : -1;
    int strongest = 0;
    for (int s = 1; s < k; s++) {
      if (strength[s] > strength[strongest]) {
        strongest = s;
      }
    }
    List<Cause> out = new ArrayList<>();
    for (int rank = 0; rank < k; rank++) {
      int s = order[rank];
      List<String> why = new ArrayList<>();
      if (onset[s] >= 0) {
        int next = nextOnset(onset, s);
        why.add(onset[s] == first && rank == 0
            ? "first to deviate, at " + Timestamps.format(times[onset[s]])
                + (next < 0 ? "" : " (" + (next - onset[s]) + " steps before the next)")
            : "deviated at " + Timestamps.format(times[onset[s]]) + ", " + (onset[s] - first)
                + " steps after the first");
      } else {
        why.add("did not reach the threshold");
      }
      if (s == strongest && strength[s] > 0) {
        why.add(String.format(Locale.ROOT, "strongest deviation (surprise %.1f)", strength[s]));
      }
      why.addAll(reasons.get(s));
      out.add(new Cause(traces.get(s).name, onset[s] < 0 ? null
          : Timestamps.format(times[onset[s]]), strength[s], why));
    }
    return out;
  }

  private static int nextOnset(int[] onset, int s) {
    int next = -1;
    for (int o = 0; o < onset.length; o++) {
      if (o != s && onset[o] > onset[s] && (next < 0 || onset[o] < next)) {
        next = onset[o];
      }
    }
    return next;
  }

  private static void relationships(List<Trace> traces, int from, double[] strength,
      List<List<String>> reasons) {
    int n = traces.get(0).values.length;
    for (int a = 0; a < traces.size(); a++) {
      for (int b = a + 1; b < traces.size(); b++) {
        double before = LaggedCorrelation.correlation(
            Arrays.copyOfRange(traces.get(a).values, 0, from),
            Arrays.copyOfRange(traces.get(b).values, 0, from), 0);
        if (n - from < 3 || Math.abs(before) < CORRELATED) {
          continue;
        }
        double during = LaggedCorrelation.correlation(
            Arrays.copyOfRange(traces.get(a).values, from, n),
            Arrays.copyOfRange(traces.get(b).values, from, n), 0);
        if (Math.abs(during - before) >= BREAK) {
          int blamed = strength[a] >= strength[b] ? a : b;
          int other = blamed == a ? b : a;
          reasons.get(blamed).add(String.format(Locale.ROOT, "its relationship with %s broke"
              + " (r %.2f before, %.2f during)", traces.get(other).name, before, during));
        }
      }
    }
  }
}
