package io.vigil.eval.forecast;

import io.vigil.forecast.Forecast;
import io.vigil.forecast.Forecaster;
import io.vigil.forecast.SeasonFinder;
import io.vigil.series.TimeSeries;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Rolling-origin evaluation: the forecaster learns the series point by point; from half-way
 * on, every {@code horizon} points it forecasts the next {@code horizon}, which are then
 * compared with what happened. MASE is scaled by the mean absolute one-season difference of
 * the first half (Hyndman and Koehler 2006), so it compares across series; the season is
 * found from the first half too.
 */
public final class ForecastBacktest {
  private ForecastBacktest() {}

  /**
   * @param forecaster makes a forecaster for a season length in points
   */
  public static BacktestResult run(TimeSeries series, IntFunction<Forecaster> forecaster,
      int horizon, double coverage) {
    long[] t = series.timestampsMs();
    double[] y = series.values();
    int half = y.length / 2;
    int season = SeasonFinder.find(Arrays.copyOf(y, half), series.medianStepMs());
    double scale = 0;
    for (int i = season; i < half; i++) {
      scale += Math.abs(y[i] - y[i - season]) / (half - season);
    }
    Forecaster f = forecaster.apply(season);
    double absError = 0;
    double smape = 0;
    int inside = 0;
    int scored = 0;
    int forecasts = 0;
    for (int i = 0; i < y.length; i++) {
      if (i >= half && (i - half) % horizon == 0 && i + horizon <= y.length
          && f.learnt() >= f.minimumHistory()) {
        Forecast fc = f.forecast(horizon, coverage);
        forecasts++;
        for (int h = 0; h < horizon; h++) {
          double actual = y[i + h];
          double e = Math.abs(actual - fc.mean()[h]);
          absError += e;
          double denominator = Math.abs(actual) + Math.abs(fc.mean()[h]);
          smape += denominator == 0 ? 0 : 200 * e / denominator;
          if (actual >= fc.lower()[h] && actual <= fc.upper()[h]) {
            inside++;
          }
          scored++;
        }
      }
      f.learn(t[i], y[i]);
    }
    double mase = scored == 0 || scale == 0 ? Double.NaN : absError / scored / scale;
    return new BacktestResult(series.source(), season, mase,
        scored == 0 ? Double.NaN : smape / scored,
        scored == 0 ? Double.NaN : (double) inside / scored, forecasts);
  }
}
