package io.vigil.server.registry;

import io.vigil.detect.DetectorState;
import java.util.List;
import java.util.Optional;

/**
 * Model versions of series with their trained states, and who switched which live. Every
 * change is one transaction: the registry is never left half-written.
 */
public interface ModelRegistry {
  /**
   * Registers a candidate and its trained state, numbering it after the series' latest.
   *
   * @return the version as stored, with its id and number
   */
  ModelVersion register(ModelVersion candidate, DetectorState state);

  /** One version. */
  Optional<ModelVersion> version(long id);

  /**
   * A version's trained state.
   *
   * @throws TamperedModelException when its threshold, spec or state no longer matches the
   *     signature it was registered with
   */
  DetectorState state(long id);

  /** Versions newest first, of one series or all (null), at most {@code limit}. */
  List<ModelVersion> versions(Long seriesId, int limit);

  /** The series' champion, if it has one. */
  Optional<ModelVersion> champion(long seriesId);

  /** Every series' champion, by series id. */
  List<ModelVersion> champions();

  /** Versions running in shadow, of one series or all (null). */
  List<ModelVersion> shadows(Long seriesId);

  /**
   * Makes {@code versionId} its series' champion, retiring the former one, takes it out of
   * shadow, stores {@code caughtUp} as the series' checkpoint (the version's state replayed to
   * the newest point), and records the event: all or nothing.
   *
   * @param action {@code promote} or {@code rollback}
   */
  void makeChampion(long versionId, Checkpoint caughtUp, String action, String by);

  /** Puts a version in shadow from point {@code fromSeq} (or out of it with -1). */
  void setShadow(long versionId, long fromSeq, String by);

  /** The series' switches, oldest first. */
  List<ModelEvent> events(long seriesId);

  /**
   * A switch of a series' model.
   *
   * @param versionId the version switched to (or put in or out of shadow)
   * @param action promote, rollback, shadow or unshadow
   * @param previousId the champion before, or 0
   */
  record ModelEvent(long versionId, String action, long previousId, String by, long atMs) {}
}
