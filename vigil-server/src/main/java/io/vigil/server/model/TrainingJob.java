package io.vigil.server.model;

import io.vigil.server.model.TrainingJobLog.State;
import java.util.ArrayList;
import java.util.List;

/**
 * A training run in the background: how far it has got and, once done, the versions it
 * registered (or why it failed). Read from request threads while the trainer writes it. A job
 * finished before a restart is rebuilt from its {@link TrainingJobLog} entry, without the
 * progress of its last series.
 */
public final class TrainingJob {
  private final long id;
  private final int series;
  private State state = State.QUEUED;
  private int seriesDone;
  private long pointsDone;
  private long pointsTotal;
  private final List<TrainingOutcome> outcomes = new ArrayList<>();
  private String error;

  TrainingJob(long id, int series) {
    this.id = id;
    this.series = series;
  }

  /** A stored job with the outcomes of the versions it registered. */
  static TrainingJob stored(TrainingJobLog.Entry e, List<TrainingOutcome> outcomes) {
    TrainingJob j = new TrainingJob(e.id(), e.series());
    j.state = e.state();
    j.outcomes.addAll(outcomes);
    j.seriesDone = outcomes.size();
    j.error = e.error();
    return j;
  }

  public long id() {
    return id;
  }

  /** How many series it trains. */
  public int series() {
    return series;
  }

  public synchronized State state() {
    return state;
  }

  /** Series finished so far. */
  public synchronized int seriesDone() {
    return seriesDone;
  }

  /** Points processed of the series in training now, and of how many. */
  public synchronized long[] points() {
    return new long[] {pointsDone, pointsTotal};
  }

  public synchronized List<TrainingOutcome> outcomes() {
    return List.copyOf(outcomes);
  }

  /** The versions registered so far, as the log keeps them. */
  synchronized List<TrainingJobLog.JobVersion> versions() {
    return outcomes.stream().map(o -> new TrainingJobLog.JobVersion(o.version().id(),
        o.promoted())).toList();
  }

  /** Why it failed, or null. */
  public synchronized String error() {
    return error;
  }

  synchronized void running() {
    state = State.RUNNING;
  }

  synchronized void progress(long done, long total) {
    pointsDone = done;
    pointsTotal = total;
  }

  synchronized void finished(TrainingOutcome outcome) {
    outcomes.add(outcome);
    seriesDone++;
  }

  synchronized void done() {
    state = State.DONE;
  }

  synchronized void failed(String why) {
    state = State.FAILED;
    error = why;
  }
}
