package io.vigil.series;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What identifies one series: a metric name and its labels, as Prometheus names them
 * ({@code http_latency_ms{host="a"}}). Labels are kept sorted, so the same set in any order
 * is the same series.
 *
 * <p>A class rather than a record so it can keep its hash and a flat copy of its labels: the
 * engine looks every incoming point's key up in its maps, and hashing the name and every label
 * anew cost a quarter of the engine's time per point, comparing label maps entry by entry
 * (a lookup in the other map each) a tenth of the service's.
 */
public final class SeriesKey {
  /** The longest name, label name or label value accepted. */
  public static final int MAX_TEXT = 1024;
  /** The most labels a series may have. */
  public static final int MAX_LABELS = 64;

  private final String name;
  private final SortedMap<String, String> labels;
  /** The labels flat, name then value, sorted: compared without map lookups. */
  private final String[] flat;
  private final int hash;

  /**
   * @param name the metric name: letters, digits, '_' and ':', not starting with a digit
   * @param labels label names (letters, digits, '_', not starting with a digit) to values,
   *     in any order
   * @throws IllegalArgumentException naming the part that is not acceptable
   */
  public SeriesKey(String name, Map<String, String> labels) {
    if (name == null || name.length() > MAX_TEXT || !identifier(name, true)) {
      throw new IllegalArgumentException("series name '" + name + "' is not a metric name"
          + " (letters, digits, '_' or ':', not starting with a digit, at most " + MAX_TEXT
          + " characters)");
    }
    if (labels.size() > MAX_LABELS) {
      throw new IllegalArgumentException(labels.size() + " labels: at most " + MAX_LABELS);
    }
    for (Map.Entry<String, String> e : labels.entrySet()) {
      String k = e.getKey();
      if (k.length() > MAX_TEXT || !identifier(k, false) || k.startsWith("__")) {
        throw new IllegalArgumentException("label name '" + k + "' is not acceptable"
            + " (letters, digits and '_', not starting with a digit or '__')");
      }
      if (e.getValue() == null || e.getValue().length() > MAX_TEXT) {
        throw new IllegalArgumentException("label '" + k + "' needs a value of at most "
            + MAX_TEXT + " characters");
      }
    }
    TreeMap<String, String> sorted = new TreeMap<>(labels);
    this.name = name;
    this.labels = java.util.Collections.unmodifiableSortedMap(sorted);
    this.flat = new String[2 * sorted.size()];
    int i = 0;
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      flat[i++] = e.getKey();
      flat[i++] = e.getValue();
    }
    this.hash = 31 * name.hashCode() + sorted.hashCode();
  }

  /** The metric name. */
  public String name() {
    return name;
  }

  /** The labels, sorted by name; not modifiable. */
  public SortedMap<String, String> labels() {
    return labels;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof SeriesKey k && k.hash == hash && k.name.equals(name)
        && java.util.Arrays.equals(k.flat, flat);
  }

  /**
   * Whether {@code s} is a Prometheus metric name ({@code [a-zA-Z_:][a-zA-Z0-9_:]*}) or, without
   * colons, a label name. A loop rather than a regular expression: it runs for every point.
   */
  private static boolean identifier(String s, boolean colons) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
          || (colons && c == ':') || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** A key with {@code labels} in any order. */
  public static SeriesKey of(String name, Map<String, String> labels) {
    return new SeriesKey(name, labels);
  }

  /** The canonical text form, {@code name{a="x",b="y"}} with quotes and backslashes escaped. */
  @Override
  public String toString() {
    if (labels.isEmpty()) {
      return name;
    }
    StringBuilder b = new StringBuilder(name).append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : labels.entrySet()) {
      if (!first) {
        b.append(',');
      }
      first = false;
      b.append(e.getKey()).append("=\"").append(escape(e.getValue())).append('"');
    }
    return b.append('}').toString();
  }

  /** A label value escaped as Prometheus' text format wants it. */
  public static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
