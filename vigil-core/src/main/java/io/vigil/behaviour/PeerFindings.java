package io.vigil.behaviour;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * Each entity's recent behaviour against its peers' over the same period: a host against the
 * fleet, a user against the others in the same role.
 *
 * <p>Per entity: its number of events, its number of distinct values of each text field
 * (hosts touched, IPs used) and the mean of each numeric field. Per group of at least
 * {@value #MIN_GROUP} entities and per figure, the median and the robust standard deviation
 * (1.4826 × MAD, or 1.2533 × the mean absolute deviation when over half the group is level);
 * for counts the spread is at least the square root of the median, the chance variation of a
 * count; an entity {@value #Z} or more robust standard deviations from the median is an outlier,
 * scored by the normal tail. Robust statistics matter here: the outlier itself must not widen
 * the spread it is judged by.
 */
final class PeerFindings {
  static final int MIN_GROUP = 5;
  static final double Z = 5;

  private PeerFindings() {}

  /** The value of {@code field} in most of {@code events} (the first on a tie), or "-". */
  static String mostCommon(EventLog log, List<Integer> events, int field) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (int i : events) {
      String v = log.text()[i][field];
      if (v != null) {
        counts.merge(v, 1, Integer::sum);
      }
    }
    return counts.entrySet().stream().max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey).orElse("-");
  }

  static Map<String, List<Finding>> judge(EventLog log, Map<String, List<Integer>> recent,
      Map<String, String> groups, int entity, int peer) {
    List<String> figures = new ArrayList<>();
    figures.add("events");
    List<Integer> textFields = new ArrayList<>();
    for (int f = 0; f < log.textFields().size(); f++) {
      if (f != entity && f != peer) {
        textFields.add(f);
        figures.add("distinct " + log.textFields().get(f));
      }
    }
    log.numericFields().forEach(n -> figures.add("mean " + n));
    Map<String, double[]> values = new LinkedHashMap<>();
    recent.forEach((name, events) -> values.put(name, figures(log, events, textFields)));

    Map<String, List<String>> members = new LinkedHashMap<>();
    groups.forEach((name, group) -> members.computeIfAbsent(group, g -> new ArrayList<>())
        .add(name));
    Map<String, List<Finding>> out = new HashMap<>();
    for (Map.Entry<String, List<String>> group : members.entrySet()) {
      List<String> names = group.getValue();
      if (names.size() < MIN_GROUP) {
        continue;
      }
      for (int k = 0; k < figures.size(); k++) {
        final int figure = k;
        double[] column = names.stream().mapToDouble(n -> values.get(n)[figure])
            .filter(Double::isFinite).toArray();
        if (column.length < MIN_GROUP) {
          continue;
        }
        double median = new Median().evaluate(column);
        double scale = robustScale(column, median);
        if (figure < 1 + textFields.size()) {
          // A count varies by about its square root by chance alone (Poisson); without this
          // floor, peers that all count 2 would make a count of 3 an extreme outlier.
          scale = Math.max(scale, Math.sqrt(Math.max(1, median)));
        }
        if (!(scale > 0)) {
          continue;
        }
        for (String name : names) {
          double v = values.get(name)[figure];
          double z = (v - median) / scale;
          if (Double.isFinite(z) && Math.abs(z) >= Z) {
            out.computeIfAbsent(name, n -> new ArrayList<>()).add(new Finding("peer",
                figures.get(figure), HabitFindings.normalSurprise(z), reason(figures.get(figure),
                    v, median, z, names.size(), group.getKey())));
          }
        }
      }
    }
    return out;
  }

  private static double[] figures(EventLog log, List<Integer> events, List<Integer> textFields) {
    double[] out = new double[1 + textFields.size() + log.numericFields().size()];
    out[0] = events.size();
    for (int k = 0; k < textFields.size(); k++) {
      Set<String> distinct = new HashSet<>();
      for (int i : events) {
        String v = log.text()[i][textFields.get(k)];
        if (v != null) {
          distinct.add(v);
        }
      }
      out[1 + k] = distinct.size();
    }
    for (int n = 0; n < log.numericFields().size(); n++) {
      final int field = n;
      out[1 + textFields.size() + n] = events.stream().mapToDouble(i -> log.numbers()[i][field])
          .filter(Double::isFinite).average().orElse(Double.NaN);
    }
    return out;
  }

  private static double robustScale(double[] column, double median) {
    double[] deviations = Arrays.stream(column).map(v -> Math.abs(v - median)).toArray();
    double mad = new Median().evaluate(deviations) * 1.4826;
    return mad > 0 ? mad : Arrays.stream(deviations).average().orElse(0) * 1.2533;
  }

  private static String reason(String figure, double v, double median, double z, int peers,
      String group) {
    String ratio = median != 0 ? String.format(Locale.ROOT, ", %.1f× the median", v / median)
        : "";
    return String.format(Locale.ROOT, "%s %s in the recent period against a median of %s among"
        + " its %d peers (%s)%s: %.1f robust standard deviations %s", figure,
        HabitFindings.number(v), HabitFindings.number(median), peers - 1, group, ratio,
        Math.abs(z), z > 0 ? "above" : "below");
  }
}
