package io.vigil.server.alert;

import java.util.Map;
import java.util.regex.Pattern;

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
      try {
        Pattern.compile(m.getValue());
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new IllegalArgumentException("matcher " + m.getKey() + ": '" + m.getValue()
            + "' is not a regular expression: " + e.getDescription());
      }
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
      if (v == null || !v.matches(m.getValue())) {
        return false;
      }
    }
    return true;
  }
}
