package io.vigil.server.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Prometheus writes them: {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2d}, at
 * most {@link #MAX} (ten years), so that adding one to a time never overflows.
 */
public final class Durations {
  /** The longest duration accepted. */
  public static final Duration MAX = Duration.ofDays(3650);
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

  private Durations() {}

  /**
   * @throws IllegalArgumentException saying the accepted form
   */
  public static Duration parse(String text) {
    String t = text == null ? "" : text.strip();
    Matcher m = PART.matcher(t);
    Duration d = Duration.ZERO;
    int at = 0;
    while (m.lookingAt()) {
      if (m.group(1).length() > 12) {
        throw tooLong(text);
      }
      long n = Long.parseLong(m.group(1));
      d = d.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(7 * n);
      });
      at = m.end();
      m.region(at, t.length());
      if (d.compareTo(MAX) > 0) {
        throw tooLong(text);
      }
    }
    if (t.isEmpty() || at != t.length()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration: use for example"
          + " 30s, 5m, 1h30m or 2d");
    }
    return d;
  }

  private static IllegalArgumentException tooLong(String text) {
    return new IllegalArgumentException("'" + text + "' is longer than the longest duration"
        + " accepted, 3650d (ten years)");
  }
}
