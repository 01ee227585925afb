package io.vigil.server.engine;

import io.vigil.server.registry.Checkpoint;
import java.util.Optional;

/** Detector states, so a restart continues where detection was. */
public interface CheckpointStore {
  /** Replaces the series' checkpoint. */
  void saveCheckpoint(Checkpoint checkpoint);

  /** Replaces several series' checkpoints, all or none, in one transaction. */
  void saveCheckpoints(java.util.List<Checkpoint> checkpoints);

  /** The series' latest checkpoint, if any. */
  Optional<Checkpoint> checkpoint(long seriesId);
}
