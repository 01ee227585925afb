package io.vigil.server.config;

import io.vigil.series.SeriesKey;
import java.util.Map;
import java.util.TreeMap;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Which series a rule applies to: a regular expression the whole metric name must match, and
 * for each listed label a regular expression its whole value must match (a series without the
 * label does not match). No name pattern matches every name.
 *
 * <p>Patterns are RE2 syntax, matched by RE2/J in time linear in the text: selectors come
 * from the API too (training selectors), and no pattern may hold a thread by backtracking.
 * RE2 has no lookaround and no back-references; everything else Prometheus users write works.
 */
public final class SeriesSelector {
  private final Pattern name;
  private final Map<String, Pattern> labels;
  /** Series these select are not selected, whatever the rest says. */
  private final java.util.List<SeriesSelector> except;

  /**
   * @param name a regular expression for the metric name, or null for any
   * @param labels label name to a regular expression for its value
   * @throws IllegalArgumentException naming the pattern that does not compile
   */
  public SeriesSelector(String name, Map<String, String> labels) {
    this.name = name == null ? null : compile("series", name);
    this.labels = new TreeMap<>();
    if (labels != null) {
      labels.forEach((k, v) -> this.labels.put(k, compile("labels." + k, v)));
    }
    this.except = java.util.List.of();
  }

  private SeriesSelector(SeriesSelector base, java.util.List<SeriesSelector> except) {
    this.name = base.name;
    this.labels = base.labels;
    this.except = java.util.List.copyOf(except);
  }

  /** This selector, less the series any of {@code others} selects. */
  public SeriesSelector except(java.util.List<SeriesSelector> others) {
    if (others.isEmpty()) {
      return this;
    }
    java.util.List<SeriesSelector> all = new java.util.ArrayList<>(except);
    others.stream().filter(o -> !except.contains(o)).forEach(all::add);
    return all.size() == except.size() ? this : new SeriesSelector(this, all);
  }

  /** Matches every series. */
  public static SeriesSelector all() {
    return new SeriesSelector(null, Map.of());
  }

  /** {@code regex} compiled, or an error naming {@code where} and what is wrong. */
  public static Pattern compile(String where, String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(where + ": '" + regex + "' is not a regular"
          + " expression: " + e.getDescription());
    }
  }

  /** Whether {@code key} is selected. */
  public boolean matches(SeriesKey key) {
    if (name != null && !name.matcher(key.name()).matches()) {
      return false;
    }
    for (Map.Entry<String, Pattern> e : labels.entrySet()) {
      String v = key.labels().get(e.getKey());
      if (v == null || !e.getValue().matcher(v).matches()) {
        return false;
      }
    }
    for (SeriesSelector e : except) {
      if (e.matches(key)) {
        return false;
      }
    }
    return true;
  }
}
