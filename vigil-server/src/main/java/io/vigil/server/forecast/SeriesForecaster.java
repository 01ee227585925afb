package io.vigil.server.forecast;

import io.vigil.forecast.Crossing;
import io.vigil.forecast.Forecast;
import io.vigil.forecast.Forecaster;
import io.vigil.forecast.Forecasters;
import io.vigil.forecast.SeasonFinder;
import io.vigil.series.TimeSeries;
import io.vigil.server.store.PointStore;
import io.vigil.server.store.StoredPoint;
import java.time.Duration;
import java.util.List;

/**
 * Forecasts a stored series from its most recent points (at most {@value #HISTORY} of them),
 * fitted when asked: the stored points are the state, so nothing has to be checkpointed.
 */
public final class SeriesForecaster {
  /** The most points a forecast learns from. */
  public static final int HISTORY = 20_000;
  /** The most steps a forecast may have. */
  public static final int MAX_STEPS = 100_000;

  private final PointStore points;

  public SeriesForecaster(PointStore points) {
    this.points = points;
  }

  /**
   * A forecast and, with a limit, when it is reached.
   *
   * @param season the season used, in points
   * @param lastTimeMs the last point's time
   * @param lastValue its value
   * @param crossing null without a limit
   */
  public record Result(String method, int season, long stepMs, Forecast forecast,
      long lastTimeMs, double lastValue, Crossing crossing) {}

  /**
   * @throws IllegalArgumentException for an unknown method, a bad horizon, or too little
   *     history ("not enough history: need N points, have M")
   */
  public Result forecast(long seriesId, Duration horizon, String method, Double limit,
      double coverage) {
    long next = points.nextSeq(seriesId);
    List<StoredPoint> recent = points.pointsAfter(seriesId, Math.max(-1, next - HISTORY - 1))
        .stream().filter(p -> !p.assessment().status().skipped()).toList();
    long[] t = new long[recent.size()];
    double[] v = new double[recent.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = recent.get(i).timestampMs();
      v[i] = recent.get(i).value();
    }
    TimeSeries series = new TimeSeries("series " + seriesId, t, v, new long[t.length]);
    long step = series.medianStepMs();
    if (horizon.isNegative() || horizon.isZero()) {
      throw new IllegalArgumentException("the horizon must be positive");
    }
    int steps = (int) Math.min(MAX_STEPS, Math.ceil((double) horizon.toMillis() / step));
    int season = SeasonFinder.find(v, step);
    Forecaster f = Forecasters.create(method, season, t.length);
    for (int i = 0; i < t.length; i++) {
      f.learn(t[i], v[i]);
    }
    Forecast fc;
    try {
      fc = f.forecast(steps, coverage);
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    int last = t.length - 1;
    Crossing crossing = limit == null ? null : Crossing.of(fc, limit, v[last], t[last]);
    return new Result(method, season, step, fc, t[last], v[last], crossing);
  }
}
