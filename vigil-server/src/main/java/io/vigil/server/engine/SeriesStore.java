package io.vigil.server.engine;

import io.vigil.series.SeriesKey;
import java.util.List;
import java.util.Optional;

/** The series Vigil knows. */
public interface SeriesStore {
  /** The series with {@code key}, created with {@code detector} if it is new. */
  SeriesInfo findOrCreate(SeriesKey key, String detector);

  /** Every series, by id. */
  List<SeriesInfo> listSeries();

  /** The series with {@code id}, if any. */
  Optional<SeriesInfo> series(long id);

  /** A series to register, with the detector it gets. */
  record NewSeries(SeriesKey key, String detector) {}

  /**
   * Registers series that do not exist yet, all or none, in one transaction.
   *
   * @return them as registered, in the same order
   */
  List<SeriesInfo> createAll(List<NewSeries> series);

  /** The series with ids after {@code afterId}, by id, at most {@code limit}. */
  List<SeriesInfo> listSeries(long afterId, int limit);

  /** The series named {@code key}, if it exists. */
  Optional<SeriesInfo> find(SeriesKey key);

  /** The first {@code limit} series named {@code name} (any labels), by id. */
  List<SeriesInfo> named(String name, int limit);

  /** How many series there are. */
  long seriesCount();
}
