package io.vigil.behaviour;

import java.time.Duration;
import java.time.ZoneId;

/**
 * What to analyse and how.
 *
 * @param entityField the field that names the entity, e.g. {@code user} or {@code host}
 * @param peerField the field that puts entities in peer groups (e.g. {@code role}), or {@code
 *     null} to compare every entity with all the others
 * @param recent the period judged, ending at the last event; everything before is the baseline
 * @param zone the time zone of "usual hours"
 * @param minBaselineEvents events an entity needs in the baseline before its own habits are
 *     judged (fewer, and only its peers judge it)
 */
public record BehaviourOptions(String entityField, String peerField, Duration recent,
    ZoneId zone, int minBaselineEvents) {

  /** 24 hours judged, UTC, 20 baseline events. */
  public static BehaviourOptions of(String entityField) {
    return new BehaviourOptions(entityField, null, Duration.ofHours(24), ZoneId.of("UTC"), 20);
  }

  public BehaviourOptions {
    if (entityField == null || entityField.isBlank()) {
      throw new IllegalArgumentException("name the entity field, e.g. user or host");
    }
    if (recent.isNegative() || recent.isZero()) {
      throw new IllegalArgumentException("the recent period must be positive");
    }
    if (minBaselineEvents < 1) {
      throw new IllegalArgumentException("minBaselineEvents must be at least 1");
    }
  }

  /** This with peers grouped by {@code field}. */
  public BehaviourOptions withPeerField(String field) {
    return new BehaviourOptions(entityField, field, recent, zone, minBaselineEvents);
  }

  /** This judging the last {@code period}. */
  public BehaviourOptions withRecent(Duration period) {
    return new BehaviourOptions(entityField, peerField, period, zone, minBaselineEvents);
  }

  /** This with usual hours in {@code z}. */
  public BehaviourOptions withZone(ZoneId z) {
    return new BehaviourOptions(entityField, peerField, recent, z, minBaselineEvents);
  }
}
