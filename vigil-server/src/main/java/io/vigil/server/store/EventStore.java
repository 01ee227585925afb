package io.vigil.server.store;

import io.vigil.behaviour.EventReader.Event;
import java.util.List;
import java.util.OptionalLong;

/** Events for behavioural analysis. */
public interface EventStore {
  /**
   * Stores {@code events} durably, all or none.
   *
   * @throws StoreException when they could not be stored; none was
   */
  void appendEvents(List<Event> events);

  /**
   * Events with {@code fromMs <= time <= toMs}, in time order; at most {@code limit}, the
   * oldest first.
   */
  List<Event> events(long fromMs, long toMs, int limit);

  /** The time of the newest event, if there is one. */
  OptionalLong newestEventTime();

  /**
   * Deletes every event whose field {@code field} (any case) has the value {@code value}, as
   * stored (a pseudonym for a hashed field).
   *
   * @return how many were deleted
   */
  int deleteEvents(String field, String value);
}
