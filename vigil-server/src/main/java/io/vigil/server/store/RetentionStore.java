package io.vigil.server.store;

/** Deletes what is older than a cut-off, one kind of data at a time; each returns rows gone. */
public interface RetentionStore {
  /** Stored points, anomalies and hosts' rows before {@code cutoffMs}. */
  long points(long cutoffMs);

  /** Behaviour events before {@code cutoffMs}. */
  long events(long cutoffMs);

  /** Alerts that ended before {@code cutoffMs}, with their deliveries, and ended silences. */
  long alerts(long cutoffMs);
}
