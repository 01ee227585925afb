package io.vigil.server.alert;

import io.vigil.correlate.RootCause;
import io.vigil.correlate.TraceAlignment;
import io.vigil.series.SeriesKey;
import io.vigil.server.engine.PointStore;
import io.vigil.server.engine.StoredPoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ranks the probable origin of an alert that gathers several series (a rule grouped by host,
 * say): reads each series of the group from the store, from {@value #LOOKBACK_MINUTES} minutes
 * before the first anomaly to now, puts them on one grid ({@link TraceAlignment}) and ranks
 * them ({@link RootCause}: earliest deviation first, then strongest, with the relationships
 * that broke).
 */
public final class IncidentOrigin implements AlertEvaluator.Origins {
  /** Normal history read before the incident, to judge which relationships held. */
  static final int LOOKBACK_MINUTES = 60;
  /** At most this many points a series are read. */
  private static final int MAX_POINTS = 20_000;

  private final PointStore points;

  public IncidentOrigin(PointStore points) {
    this.points = points;
  }

  @Override
  public List<RootCause.Cause> rank(Map<SeriesKey, Long> members, long startsMs, long untilMs,
      double threshold) {
    long from = startsMs - Duration.ofMinutes(LOOKBACK_MINUTES).toMillis();
    List<TraceAlignment.Samples> samples = new ArrayList<>();
    for (Map.Entry<SeriesKey, Long> m : members.entrySet()) {
      List<StoredPoint> stored = points.points(m.getValue(), from, untilMs + 1, MAX_POINTS);
      int n = stored.size();
      long[] times = new long[n];
      double[] values = new double[n];
      double[] probability = new double[n];
      for (int i = 0; i < n; i++) {
        StoredPoint p = stored.get(i);
        times[i] = p.timestampMs();
        values[i] = p.value();
        probability[i] = p.assessment().probability();
      }
      samples.add(new TraceAlignment.Samples(m.getKey().toString(), times, values,
          probability));
    }
    TraceAlignment.Aligned aligned;
    try {
      aligned = TraceAlignment.align(samples);
    } catch (IllegalArgumentException e) {
      return List.of(); // too little stored to compare the series
    }
    int start = aligned.indexOf(startsMs);
    if (start < 3) {
      return List.of(); // too little normal history before the incident
    }
    return RootCause.rank(aligned.times(), aligned.traces(), start, threshold);
  }
}
