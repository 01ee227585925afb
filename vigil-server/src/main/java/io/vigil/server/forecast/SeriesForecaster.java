package io.vigil.server.forecast;

import io.vigil.forecast.Crossing;
import io.vigil.forecast.Forecasters;
import io.vigil.series.TimeSeries;
import io.vigil.server.engine.PointStore;
import io.vigil.server.engine.StoredPoint;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Forecasts a stored series from its recent points, fitted when asked: the stored points are
 * the state, so nothing has to be checkpointed. Points of one series are in time order: the
 * detector skips a point older than the newest it has seen.
 */
public final class SeriesForecaster {
  /** The most points a forecast learns from. */
  public static final int MAX_POINTS = 20_000;

  private final PointStore points;

  public SeriesForecaster(PointStore points) {
    this.points = points;
  }

  /**
   * What to forecast.
   *
   * @param horizon how far ahead
   * @param method a name {@link Forecasters} knows, or {@link Forecasters#AUTO} (or null):
   *     with a limit, chosen by backtest on the series; without, the default
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
   * @param methodChosenBy why the method was chosen, when it was chosen by backtest; else
   *     null
   */
  public record Result(Forecasters.Fitted fitted, long lastTimeMs, double lastValue,
      Crossing crossing, String methodChosenBy) {}

  /**
   * The series' last {@code history} before its newest point, at most
   * {@value #MAX_POINTS} points.
   */
  public TimeSeries latest(long seriesId, Duration history) {
    List<StoredPoint> stored = points.pointsAfter(seriesId,
        Math.max(-1, points.nextSeq(seriesId) - MAX_POINTS - 1));
    TimeSeries all = series(seriesId, stored);
    return all.size() == 0 ? all
        : slice(all, all.timestampsMs()[all.size() - 1], history);
  }

  /**
   * The series' points with {@code fromMs <= timestamp <= untilMs}, all of them, points the
   * detector skipped (NaN, out of order) left out.
   */
  public TimeSeries between(long seriesId, long fromMs, long untilMs) {
    return series(seriesId, points.points(seriesId, fromMs, untilMs + 1, Integer.MAX_VALUE));
  }

  /**
   * The points of {@code s} (in time order) within {@code history} up to {@code untilMs},
   * at most the last {@value #MAX_POINTS}.
   */
  public static TimeSeries slice(TimeSeries s, long untilMs, Duration history) {
    long[] t = s.timestampsMs();
    int to = upperBound(t, untilMs);
    int from = Math.max(upperBound(t, untilMs - history.toMillis() - 1), to - MAX_POINTS);
    return new TimeSeries(s.source(), Arrays.copyOfRange(t, from, to),
        Arrays.copyOfRange(s.values(), from, to), new long[to - from]);
  }

  /** The forecast of the series from its newest point, learning from its last history. */
  public Result forecast(long seriesId, Request request) {
    return forecast(latest(seriesId, request.history()), request);
  }

  /**
   * The forecast from {@code history}'s last point, learning from all of it.
   *
   * @throws IllegalArgumentException for an unknown method, a bad horizon, or too little
   *     history ("not enough history: need N points, have M")
   */
  public static Result forecast(TimeSeries history, Request request) {
    String method = request.method();
    String why = null;
    if (method == null || method.equals(Forecasters.AUTO)) {
      if (request.limit() != null && history.size() > 0) {
        Forecasters.Choice choice = Forecasters.chooseByBacktest(history, request.horizon());
        method = choice.method();
        why = choice.reason();
      } else {
        method = Forecasters.METHODS.get(0);
      }
    }
    Forecasters.Fitted f = Forecasters.fit(history, method, request.horizon(),
        request.coverage());
    int last = history.size() - 1;
    long lastMs = history.timestampsMs()[last];
    double lastValue = history.values()[last];
    Crossing crossing = request.limit() == null ? null
        : Crossing.of(f.forecast(), request.limit(), lastValue, lastMs);
    return new Result(f, lastMs, lastValue, crossing, why);
  }

  private static TimeSeries series(long seriesId, List<StoredPoint> stored) {
    List<StoredPoint> usable = stored.stream()
        .filter(p -> !p.assessment().status().skipped()).toList();
    long[] t = new long[usable.size()];
    double[] v = new double[usable.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = usable.get(i).timestampMs();
      v[i] = usable.get(i).value();
    }
    return new TimeSeries("series " + seriesId, t, v, new long[t.length]);
  }

  /** The index of the first time after {@code ms}. */
  private static int upperBound(long[] t, long ms) {
    int lo = 0;
    int hi = t.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (t[mid] <= ms) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
