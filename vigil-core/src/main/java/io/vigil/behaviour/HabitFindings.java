package io.vigil.behaviour;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * An entity's recent events against its own baseline: values it has never used (first-seen)
 * or almost never (rare), hours it is not active at, bursts in its event rate, more distinct
 * values than usual, and numeric fields far from their usual level.
 *
 * <p>Each test gives a probability under the entity's habits, reported as a surprise:
 * <ul>
 *   <li>first-seen: the chance its next event brings a value it has not used, by Good-Turing
 *       ({@code (values used once + 1) / (events + 2)}), so an entity that often uses new
 *       values is not flagged for another; a value no entity used before adds 1;
 *   <li>rare: {@code (uses + ½) / (events + 1)} below 1%;
 *   <li>off-hours: the hour-of-day profile with add-½ smoothing, below 1%;
 *   <li>rate: the Poisson tail of the busiest recent hour at the baseline hourly rate (over
 *       the baseline from the entity's first event, and only after a day of it);
 *   <li>distinct: the Poisson tail of the recent distinct count at the baseline's mean count
 *       per period of the same length;
 *   <li>numeric: a recent value beyond 6 robust standard deviations (median and MAD) of the
 *       entity's own, scored by the normal tail.
 * </ul>
 * A field whose values are nearly all different (a request id) says nothing about habits and
 * is skipped for first-seen and rare.
 */
final class HabitFindings {
  private static final double SIGNIFICANT = 0.01;
  private static final double RATE_SIGNIFICANT = 1e-3;
  private static final double IDENTIFIER_LIKE = 0.5;
  private static final double NUMERIC_Z = 6;
  private static final long HOUR = 3_600_000L;

  private final EventLog log;
  private final BehaviourOptions options;
  private final int entity;
  private final int peer;
  private final BehaviourAnalysis.Population population;
  private final long baselineFrom;
  private final long recentFrom;

  HabitFindings(EventLog log, BehaviourOptions options, int entity, int peer,
      BehaviourAnalysis.Population population, long baselineFrom, long recentFrom) {
    this.log = log;
    this.options = options;
    this.entity = entity;
    this.peer = peer;
    this.population = population;
    this.baselineFrom = baselineFrom;
    this.recentFrom = recentFrom;
  }

  List<Finding> judge(List<Integer> baseline, List<Integer> recent) {
    List<Finding> out = new ArrayList<>();
    if (baseline.isEmpty()) {
      if (recentFrom <= baselineFrom) {
        return out; // the whole log is recent: no entity has a past to be new against
      }
      out.add(new Finding("new-entity", null, 1.0, "first seen in the recent period ("
          + recent.size() + " events)"));
      return out;
    }
    if (baseline.size() < options.minBaselineEvents()) {
      return out;
    }
    for (int f = 0; f < log.textFields().size(); f++) {
      if (f != entity && f != peer) {
        values(f, baseline, recent, out);
        distinct(f, baseline, recent, out);
      }
    }
    hours(baseline, recent, out);
    rate(baseline, recent, out);
    for (int f = 0; f < log.numericFields().size(); f++) {
      numeric(f, baseline, recent, out);
    }
    return out;
  }

  private void values(int f, List<Integer> baseline, List<Integer> recent,
      List<Finding> out) {
    String field = log.textFields().get(f);
    Map<String, Integer> counts = counts(f, baseline);
    int used = baseline.size() - missing(f, baseline);
    if (used == 0 || counts.size() > IDENTIFIER_LIKE * used) {
      return;
    }
    long once = counts.values().stream().filter(c -> c == 1).count();
    double pNew = (once + 1.0) / (used + 2.0);
    Map<String, Integer> recentCounts = counts(f, recent);
    List<String> firstSeen = new ArrayList<>();
    boolean unseenByAll = false;
    String rarest = null;
    double rarestP = 1;
    for (Map.Entry<String, Integer> e : recentCounts.entrySet()) {
      Integer c = counts.get(e.getKey());
      if (c == null) {
        firstSeen.add(e.getKey());
        unseenByAll |= population.entitiesUsing(f, e.getKey()) == 0;
      } else {
        double p = (c + 0.5) / (used + 1.0);
        if (p < rarestP) {
          rarestP = p;
          rarest = e.getKey();
        }
      }
    }
    if (!firstSeen.isEmpty() && pNew < SIGNIFICANT * 10) {
      String shown = String.join(", ", firstSeen.subList(0, Math.min(3, firstSeen.size())))
          + (firstSeen.size() > 3 ? " and " + (firstSeen.size() - 3) + " more" : "");
      String v = firstSeen.get(0);
      int others = population.entitiesUsing(f, v);
      out.add(new Finding("first-seen", field,
          -Math.log10(pNew) + (unseenByAll ? 1 : 0),
          String.format(Locale.ROOT, "new %s %s: not among its %d earlier events (it had"
              + " used %d value%s of %s, %d of them only once)%s", field, shown, used,
              counts.size(), counts.size() == 1 ? "" : "s", field, once, others == 0 ? "; no entity had used " + v + " before"
                  : "; " + others + " other entit" + (others == 1 ? "y uses " : "ies use ")
                      + v)));
    }
    if (rarest != null && rarestP < SIGNIFICANT) {
      out.add(new Finding("rare", field, -Math.log10(rarestP),
          String.format(Locale.ROOT, "rare %s %s: %d of its %d earlier events (%s)", field,
              rarest, counts.get(rarest), used, percent(counts.get(rarest), used))));
    }
  }

  private void distinct(int f, List<Integer> baseline, List<Integer> recent,
      List<Finding> out) {
    long period = options.recent().toMillis();
    int periods = (int) ((recentFrom - baselineFrom) / period);
    if (periods < 3) {
      return;
    }
    Map<Long, Set<String>> perPeriod = new HashMap<>();
    for (int i : baseline) {
      String v = log.text()[i][f];
      if (v != null) {
        long slot = (recentFrom - log.times()[i] - 1) / period;
        perPeriod.computeIfAbsent(slot, k -> new HashSet<>()).add(v);
      }
    }
    double mean = perPeriod.values().stream().mapToInt(Set::size).sum()
        / (double) periods;
    int now = counts(f, recent).size();
    if (now < 5 || now <= mean) {
      return;
    }
    double p = new PoissonDistribution(null, Math.max(mean, 0.5),
        PoissonDistribution.DEFAULT_EPSILON, PoissonDistribution.DEFAULT_MAX_ITERATIONS)
        .cumulativeProbability(now - 1);
    double tail = 1 - p;
    if (tail < RATE_SIGNIFICANT) {
      String field = log.textFields().get(f);
      out.add(new Finding("distinct", field, surprise(tail), String.format(Locale.ROOT,
          "%d distinct %s values in the recent period, usually %.1f per period of that length",
          now, field, mean)));
    }
  }

  private void hours(List<Integer> baseline, List<Integer> recent,
      List<Finding> out) {
    int[] byHour = new int[24];
    for (int i : baseline) {
      byHour[hourOf(log.times()[i])]++;
    }
    int worst = -1;
    double worstP = 1;
    int offHours = 0;
    for (int i : recent) {
      int h = hourOf(log.times()[i]);
      double p = (byHour[h] + 0.5) / (baseline.size() + 12.0);
      if (p < SIGNIFICANT) {
        offHours++;
        if (p < worstP) {
          worstP = p;
          worst = i;
        }
      }
    }
    if (worst >= 0) {
      ZonedDateTime at = Instant.ofEpochMilli(log.times()[worst]).atZone(options.zone());
      out.add(new Finding("off-hours", null, -Math.log10(worstP), String.format(Locale.ROOT,
          "%d event%s at hours it is rarely active, e.g. %s %02d:%02d (%d of %d earlier events"
              + " in that hour; usually active %s)", offHours, offHours == 1 ? "" : "s",
          at.toLocalDate(), at.getHour(), at.getMinute(), byHour[at.getHour()], baseline.size(),
          usualHours(byHour, baseline.size()))));
    }
  }

  private void rate(List<Integer> baseline, List<Integer> recent, List<Finding> out) {
    // From the entity's own first event: one that appeared mid-baseline was not idle before.
    long since = baseline.isEmpty() ? baselineFrom
        : Math.max(baselineFrom, log.times()[baseline.get(0)]);
    double hours = (recentFrom - since) / (double) HOUR;
    if (hours < 24) {
      return;
    }
    double perHour = baseline.size() / hours;
    Map<Long, Integer> recentHours = new HashMap<>();
    for (int i : recent) {
      recentHours.merge(Math.floorDiv(log.times()[i], HOUR), 1, Integer::sum);
    }
    long busiest = -1;
    int most = 0;
    for (Map.Entry<Long, Integer> e : recentHours.entrySet()) {
      if (e.getValue() > most) {
        most = e.getValue();
        busiest = e.getKey();
      }
    }
    if (most < 5) {
      return;
    }
    double tail = 1 - new PoissonDistribution(null, Math.max(perHour, 0.01),
        PoissonDistribution.DEFAULT_EPSILON, PoissonDistribution.DEFAULT_MAX_ITERATIONS)
        .cumulativeProbability(most - 1);
    if (tail < RATE_SIGNIFICANT) {
      ZonedDateTime at = Instant.ofEpochMilli(busiest * HOUR).atZone(options.zone());
      out.add(new Finding("rate", null, surprise(tail), String.format(Locale.ROOT,
          "%d events in the hour from %s %02d:00, usually %.2f an hour", most,
          at.toLocalDate(), at.getHour(), perHour)));
    }
  }

  private void numeric(int f, List<Integer> baseline, List<Integer> recent,
      List<Finding> out) {
    double[] values = baseline.stream().mapToDouble(i -> log.numbers()[i][f])
        .filter(Double::isFinite).toArray();
    if (values.length < options.minBaselineEvents()) {
      return;
    }
    double median = new Median().evaluate(values);
    double mad = new Median().evaluate(Arrays.stream(values).map(v -> Math.abs(v - median))
        .toArray()) * 1.4826;
    if (!(mad > 0)) {
      return;
    }
    double worstZ = 0;
    double worstValue = Double.NaN;
    for (int i : recent) {
      double v = log.numbers()[i][f];
      if (Double.isFinite(v) && Math.abs(v - median) / mad > Math.abs(worstZ)) {
        worstZ = (v - median) / mad;
        worstValue = v;
      }
    }
    if (Math.abs(worstZ) >= NUMERIC_Z) {
      String field = log.numericFields().get(f);
      out.add(new Finding("numeric", field, normalSurprise(worstZ), String.format(Locale.ROOT,
          "%s %s in one event, usually %s (median), %.1f robust standard deviations %s",
          field, number(worstValue), number(median), Math.abs(worstZ),
          worstZ > 0 ? "above" : "below")));
    }
  }

  private int hourOf(long ms) {
    return Instant.ofEpochMilli(ms).atZone(options.zone()).getHour();
  }

  private Map<String, Integer> counts(int f, List<Integer> events) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (int i : events) {
      String v = log.text()[i][f];
      if (v != null) {
        counts.merge(v, 1, Integer::sum);
      }
    }
    return counts;
  }

  private int missing(int f, List<Integer> events) {
    int n = 0;
    for (int i : events) {
      if (log.text()[i][f] == null) {
        n++;
      }
    }
    return n;
  }

  /** The hours holding at least 2% of the events, as ranges: "08:00-18:00". */
  static String usualHours(int[] byHour, int total) {
    StringBuilder sb = new StringBuilder();
    int h = 0;
    while (h < 24) {
      if (byHour[h] >= 0.02 * total && byHour[h] > 0) {
        int start = h;
        while (h < 24 && byHour[h] >= 0.02 * total && byHour[h] > 0) {
          h++;
        }
        sb.append(sb.length() == 0 ? "" : ", ")
            .append(String.format(Locale.ROOT, "%02d:00-%02d:00", start, h));
      } else {
        h++;
      }
    }
    return sb.length() == 0 ? "at no hour in particular" : sb.toString();
  }

  static double surprise(double tail) {
    return -Math.log10(Math.max(tail, 1e-300));
  }

  /** {@code −log₁₀} of the two-sided normal tail beyond |z|, computed in logs. */
  static double normalSurprise(double z) {
    double a = Math.abs(z);
    double tail = Erf.erfc(a / Math.sqrt(2));
    if (tail > 0) {
      return -Math.log10(tail);
    }
    // erfc underflows near z = 38; its asymptote: ln erfc(x) ≈ −x² − ln(x√π).
    double x = a / Math.sqrt(2);
    return (x * x + Math.log(x * Math.sqrt(Math.PI))) / Math.log(10);
  }

  private static String percent(int part, int whole) {
    return String.format(Locale.ROOT, "%.2f%%", 100.0 * part / whole);
  }

  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e12 ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%.4g", v);
  }
}
