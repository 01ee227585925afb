package io.vigil.server.engine;

import io.vigil.series.SeriesKey;

/**
 * A stored series.
 *
 * @param id the store's number for it
 * @param key name and labels
 * @param detector the detector it was given
 * @param createdMs when its first point arrived (server clock)
 */
public record SeriesInfo(long id, SeriesKey key, String detector, long createdMs) {}
