package io.vigil.behaviour;

/**
 * One reason an entity's recent behaviour is unusual.
 *
 * @param kind what was compared: {@code first-seen}, {@code rare}, {@code off-hours}, {@code
 *     rate}, {@code distinct}, {@code numeric}, {@code peer} or {@code new-entity}
 * @param field the field concerned, or {@code null} (hours, rate, new entity)
 * @param score the surprise, {@code −log₁₀} of how likely this is under the entity's habits
 *     (or its peers'), capped at {@value #MAX_SCORE}; 2 means "one in a hundred"
 * @param reason the finding in plain words, with the numbers behind it
 */
public record Finding(String kind, String field, double score, String reason) {
  /** The largest score one finding contributes, so one extreme figure cannot bury the rest. */
  public static final double MAX_SCORE = 30;

  public Finding {
    score = Math.min(MAX_SCORE, score);
  }
}
