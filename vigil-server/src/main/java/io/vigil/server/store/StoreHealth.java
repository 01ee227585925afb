package io.vigil.server.store;

/** Whether the store can write, for health checks and metrics. */
public interface StoreHealth {
  /**
   * Why the store last failed to write (disk full, read-only, I/O error), or null when its
   * last write succeeded.
   */
  String writeFailure();

  /** Bytes free for the store on its file system, or -1 when that cannot be read. */
  long freeBytes();
}
