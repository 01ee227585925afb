package io.vigil.server.config;

import java.util.Objects;

/**
 * Series the selector matches are grouped into hosts by a label, and each host's metrics are
 * judged together, a row per scrape step, by a streaming multivariate detector.
 *
 * @param name the rule's name (unique among host rules)
 * @param match which series take part
 * @param groupBy the label whose value names the host ({@code instance}, {@code host}); a
 *     matching series without it takes no part
 */
public record HostRule(String name, SeriesSelector match, String groupBy) {
  public HostRule {
    Objects.requireNonNull(match, "match");
    if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("name: letters, digits, '_', '.' and '-' only, was "
          + name);
    }
    if (groupBy == null || !groupBy.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("groupBy: a label name is required, was " + groupBy);
    }
  }
}
