package io.vigil.server.config;

import java.time.Duration;

/**
 * How Vigil manages trained models.
 *
 * @param autoPromote whether a newly trained version becomes champion by itself when it beats
 *     the champion on the training's stated metric (off by default: promotion is a human's
 *     call unless asked otherwise)
 * @param validationFraction the most recent share of a series' history held back to compare
 *     candidates on, in (0, 0.5]
 * @param driftLimit the population stability index of a champion's recent probabilities
 *     against its training's above which its health is degraded
 * @param silenceLimit how long a modelled series may go without a point before its model's
 *     health is degraded
 */
public record ModelSettings(boolean autoPromote, double validationFraction, double driftLimit,
    Duration silenceLimit) {
  /** Manual promotion, 20% held back, drift limit 0.25 (the usual "significant" PSI), 1 h. */
  public static final ModelSettings DEFAULTS = new ModelSettings(false, 0.2, 0.25,
      Duration.ofHours(1));

  public ModelSettings {
    if (!(validationFraction > 0 && validationFraction <= 0.5)) {
      throw new IllegalArgumentException("validation must be in (0, 0.5], was "
          + validationFraction);
    }
    if (!(driftLimit > 0)) {
      throw new IllegalArgumentException("driftLimit must be positive, was " + driftLimit);
    }
    if (silenceLimit.isNegative() || silenceLimit.isZero()) {
      throw new IllegalArgumentException("silenceLimit must be positive, was " + silenceLimit);
    }
  }
}
