package io.vigil.server.model;

import java.util.List;
import java.util.Optional;

/** Training jobs as stored: what each asked, where it stands, the versions it registered. */
public interface TrainingJobLog {
  /** Where a job stands. */
  enum State { QUEUED, RUNNING, DONE, FAILED }

  /** A version a job registered, and whether it was promoted automatically. */
  record JobVersion(long versionId, boolean promoted) {}

  /**
   * A stored job.
   *
   * @param error why it failed, or null
   * @param finishedMs when it finished, or 0 while unfinished
   */
  record Entry(long id, int series, String by, long submittedMs, State state,
      List<JobVersion> versions, String error, long finishedMs) {}

  /** Records a queued job; returns its id, never reused. */
  long open(int series, String by, long atMs);

  /** Records where a job stands and the versions it has registered so far. */
  void update(long id, State state, List<JobVersion> versions, String error, long finishedMs);

  /** A job by id. */
  Optional<Entry> job(long id);

  /** Marks every unfinished job failed with {@code why}; returns how many. */
  int failUnfinished(String why, long atMs);
}
