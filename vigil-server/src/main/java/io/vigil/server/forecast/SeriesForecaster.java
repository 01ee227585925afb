package io.vigil.server.forecast;

import io.vigil.forecast.Crossing;
import io.vigil.forecast.Forecasters;
import io.vigil.series.TimeSeries;
import io.vigil.server.store.PointStore;
import io.vigil.server.store.StoredPoint;
import java.time.Duration;
import java.util.List;

/**
 * Forecasts a stored series from its recent points, fitted when asked: the stored points are
 * the state, so nothing has to be checkpointed.
 */
public final class SeriesForecaster {
  /** The most points a forecast learns from. */
  public static final int MAX_POINTS = 20_000;
  /** The newest point, whenever it is. */
  public static final long LATEST = Long.MAX_VALUE;

  private final PointStore points;

  public SeriesForecaster(PointStore points) {
    this.points = points;
  }

  /**
   * What to forecast.
   *
   * @param horizon how far ahead
   * @param method a name {@link Forecasters} knows
   * @param limit when not null, also when the forecast reaches it
   * @param coverage the intervals' coverage
   * @param history how far back before the last point it learns from
   */
  public record Request(Duration horizon, String method, Double limit, double coverage,
      Duration history) {}

  /**
   * A forecast and, with a limit, when it is reached.
   *
   * @param lastTimeMs the last point's time
   * @param lastValue its value
   * @param crossing null without a limit
   */
  public record Result(Forecasters.Fitted fitted, long lastTimeMs, double lastValue,
      Crossing crossing) {}

  /**
   * The series' points within {@code history} before its last point at or before
   * {@code untilMs} ({@link #LATEST}: the newest), at most {@value #MAX_POINTS} of them,
   * points the detector skipped (NaN, out of order) left out.
   */
  public TimeSeries history(long seriesId, long untilMs, Duration history) {
    List<StoredPoint> stored = untilMs == LATEST
        ? points.pointsAfter(seriesId, Math.max(-1, points.nextSeq(seriesId) - MAX_POINTS - 1))
        : points.points(seriesId, untilMs - history.toMillis(), untilMs + 1, Integer.MAX_VALUE);
    List<StoredPoint> usable = stored.stream()
        .filter(p -> !p.assessment().status().skipped()).toList();
    long from = usable.isEmpty() ? 0
        : usable.get(usable.size() - 1).timestampMs() - history.toMillis();
    usable = usable.stream().filter(p -> p.timestampMs() >= from).toList();
    usable = usable.subList(Math.max(0, usable.size() - MAX_POINTS), usable.size());
    long[] t = new long[usable.size()];
    double[] v = new double[usable.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = usable.get(i).timestampMs();
      v[i] = usable.get(i).value();
    }
    return new TimeSeries("series " + seriesId, t, v, new long[t.length]);
  }

  /**
   * The forecast of the series from its last point at or before {@code untilMs}.
   *
   * @throws IllegalArgumentException for an unknown method, a bad horizon, or too little
   *     history ("not enough history: need N points, have M")
   */
  public Result forecast(long seriesId, long untilMs, Request request) {
    TimeSeries series = history(seriesId, untilMs, request.history());
    Forecasters.Fitted f = Forecasters.fit(series, request.method(), request.horizon(),
        request.coverage());
    int last = series.size() - 1;
    long lastMs = series.timestampsMs()[last];
    double lastValue = series.values()[last];
    Crossing crossing = request.limit() == null ? null
        : Crossing.of(f.forecast(), request.limit(), lastValue, lastMs);
    return new Result(f, lastMs, lastValue, crossing);
  }
}
