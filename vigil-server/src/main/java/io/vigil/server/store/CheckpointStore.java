package io.vigil.server.store;

import java.util.Optional;

/** Detector states, so a restart continues where detection was. */
public interface CheckpointStore {
  /** Replaces the series' checkpoint. */
  void saveCheckpoint(Checkpoint checkpoint);

  /** The series' latest checkpoint, if any. */
  Optional<Checkpoint> checkpoint(long seriesId);
}
