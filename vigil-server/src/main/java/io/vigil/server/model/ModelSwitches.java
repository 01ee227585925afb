package io.vigil.server.model;

import io.vigil.server.engine.DetectionEngine;
import io.vigil.server.registry.ModelRegistry;
import io.vigil.server.registry.ModelVersion;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Promotion, rollback and shadowing of registered versions. Each switch restores the
 * version's trained state and replays the series' stored points after its training window
 * (outside the engine's lock), then swaps it in under the lock with the few points that came
 * meanwhile, recording the switch and the new checkpoint in one transaction: the live
 * detector never loses its place in the stream and needs no restart.
 *
 * <p>Refusals: {@link NoSuchElementException} for an unknown version or series, {@link
 * IllegalStateException} for a switch that makes no sense now (promoting the champion,
 * rolling back with no earlier champion).
 */
public final class ModelSwitches {
  private final DetectionEngine engine;
  private final ModelRegistry registry;

  public ModelSwitches(DetectionEngine engine, ModelRegistry registry) {
    this.engine = engine;
    this.registry = registry;
  }

  /** Makes a candidate or retired version its series' champion. */
  public synchronized ModelVersion promote(long versionId, String by) {
    return makeChampion(version(versionId), "promote", by);
  }

  /**
   * Makes an earlier version champion again: {@code toVersionId}, or when null the champion
   * before the current one.
   */
  public synchronized ModelVersion rollback(long seriesId, Long toVersionId, String by) {
    ModelVersion target;
    if (toVersionId != null) {
      target = version(toVersionId);
      if (target.seriesId() != seriesId) {
        throw new IllegalArgumentException("model version " + toVersionId + " belongs to series "
            + target.seriesId() + ", not " + seriesId);
      }
    } else {
      ModelVersion current = registry.champion(seriesId).orElseThrow(() ->
          new IllegalStateException("series " + seriesId + " has no champion model to roll"
              + " back from"));
      List<ModelRegistry.ModelEvent> events = registry.events(seriesId);
      long previous = 0;
      for (ModelRegistry.ModelEvent e : events) {
        if (e.versionId() == current.id() && !e.action().contains("shadow")) {
          previous = e.previousId();
        }
      }
      if (previous == 0) {
        throw new IllegalStateException("series " + seriesId + " had no champion before"
            + " version " + current.version() + "; name the version to roll back to");
      }
      target = version(previous);
    }
    return makeChampion(target, "rollback", by);
  }

  /** Runs a version in shadow next to its series' champion from the next point on. */
  public synchronized ModelVersion shadow(long versionId, String by) {
    ModelVersion v = version(versionId);
    if (v.status() == ModelVersion.Status.CHAMPION) {
      throw new IllegalStateException("model version " + versionId + " is the champion; only"
          + " another version can run in its shadow");
    }
    long[] from = new long[1];
    engine.startShadow(engine.catchUp(v, registry.state(versionId)), seq -> {
      registry.setShadow(versionId, seq, by);
      from[0] = seq;
    });
    return v.shadowFrom(from[0]);
  }

  /** Takes a version out of shadow. */
  public synchronized void unshadow(long versionId, String by) {
    ModelVersion v = version(versionId);
    if (!v.inShadow()) {
      throw new IllegalStateException("model version " + versionId + " is not in shadow");
    }
    registry.setShadow(versionId, -1, by);
    engine.stopShadow(v.seriesId(), versionId);
  }

  private ModelVersion makeChampion(ModelVersion v, String action, String by) {
    if (v.status() == ModelVersion.Status.CHAMPION) {
      throw new IllegalStateException("model version " + v.id() + " is already the champion"
          + " of series " + v.seriesId());
    }
    engine.switchTo(engine.catchUp(v, registry.state(v.id())),
        checkpoint -> registry.makeChampion(v.id(), checkpoint, action, by));
    return registry.version(v.id()).orElseThrow();
  }

  private ModelVersion version(long id) {
    return registry.version(id).orElseThrow(() -> new NoSuchElementException(
        "no model version " + id));
  }
}
