package io.vigil.series;

import java.util.List;

/**
 * What a metric's name says of it by Prometheus' naming conventions: whether it is a counter
 * (a running total that only rises, reset to zero on restart) and in which unit it counts.
 * Used when nothing better is known; a metric's own metadata (remote write's TYPE and UNIT)
 * takes precedence.
 *
 * <p>Counters: names ending in {@code _total}, and the {@code _count}, {@code _sum} and
 * {@code _bucket} series of histograms and summaries. Units: the base-unit suffixes
 * Prometheus recommends ({@code _seconds}, {@code _bytes}, {@code _ratio}, ...) and the
 * common others ({@code _percent}, {@code _ms}), looked for before a {@code _total} ending.
 */
public final class MetricNaming {
  private static final List<String> COUNTER_SUFFIXES = List.of("_total", "_count", "_sum",
      "_bucket");

  /** Suffix to unit symbol, longest suffixes first where one ends another. */
  private static final String[][] UNITS = {
      {"_milliseconds", "ms"}, {"_microseconds", "µs"}, {"_nanoseconds", "ns"},
      {"_seconds", "s"}, {"_ms", "ms"}, {"_bytes", "B"}, {"_bits", "bit"},
      {"_percent", "%"}, {"_ratio", "ratio"}, {"_celsius", "°C"}, {"_volts", "V"},
      {"_amperes", "A"}, {"_joules", "J"}, {"_watts", "W"}, {"_hertz", "Hz"},
      {"_meters", "m"}, {"_grams", "g"}};

  private MetricNaming() {}

  /** Whether {@code name} is a counter by its ending. */
  public static boolean counterByName(String name) {
    for (String s : COUNTER_SUFFIXES) {
      if (name.endsWith(s) && name.length() > s.length()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The unit {@code name} counts in, or null when its name does not say. A counter's unit is
   * its total's ({@code node_cpu_seconds_total}: s); the rate of a counter of seconds is a
   * share of time, which the caller knows and this does not.
   */
  public static String unitByName(String name) {
    String n = name;
    for (String s : COUNTER_SUFFIXES) {
      if (n.endsWith(s)) {
        n = n.substring(0, n.length() - s.length());
        break;
      }
    }
    for (String[] u : UNITS) {
      if (n.endsWith(u[0]) && n.length() > u[0].length()) {
        return u[1];
      }
    }
    return null;
  }

  /**
   * The family a series belongs to: its name without a histogram's or summary's series
   * suffix ({@code _bucket}, {@code _count}, {@code _sum}), as metadata names it.
   */
  public static String family(String name) {
    for (String s : List.of("_bucket", "_count", "_sum")) {
      if (name.endsWith(s) && name.length() > s.length()) {
        return name.substring(0, name.length() - s.length());
      }
    }
    return name;
  }
}
