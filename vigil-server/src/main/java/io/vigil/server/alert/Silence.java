package io.vigil.server.alert;

import com.google.re2j.Pattern;
import io.vigil.server.config.SeriesSelector;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mutes notifications of alerts whose labels all match, between two times. Alerts still
 * happen and are stored; their deliveries are recorded as silenced.
 *
 * @param id its number (0 before it is stored)
 * @param matchers label name to a regular expression its whole value must match
 * @param startsMs from (wall clock, epoch ms)
 * @param endsMs until
 * @param comment why, and who
 */
public record Silence(long id, Map<String, String> matchers, long startsMs, long endsMs,
    String comment) {
  public Silence {
    if (matchers == null || matchers.isEmpty()) {
      throw new IllegalArgumentException("a silence needs at least one matcher");
    }
    matchers = Map.copyOf(matchers);
    for (Map.Entry<String, String> m : matchers.entrySet()) {
      pattern("matchers." + m.getKey(), m.getValue());
    }
    if (endsMs <= startsMs) {
      throw new IllegalArgumentException("a silence must end after it starts");
    }
    comment = comment == null ? "" : comment;
  }

  /** Whether it mutes an alert with {@code labels} at {@code nowMs}. */
  public boolean mutes(Map<String, String> labels, long nowMs) {
    if (nowMs < startsMs || nowMs >= endsMs) {
      return false;
    }
    for (Map.Entry<String, String> m : matchers.entrySet()) {
      String v = labels.get(m.getKey());
      if (v == null || !pattern(m.getKey(), m.getValue()).matcher(v).matches()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Matchers compiled once, by their text. RE2/J matches in linear time, so a matcher such as
   * {@code (.*a){12}$} costs what any other does instead of holding the notifier for minutes.
   */
  private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();
  private static final int MAX_COMPILED = 10_000;

  private static Pattern pattern(String where, String regex) {
    Pattern p = COMPILED.get(regex);
    if (p == null) {
      p = SeriesSelector.compile(where, regex);
      if (COMPILED.size() < MAX_COMPILED) {
        COMPILED.put(regex, p);
      }
    }
    return p;
  }
}
