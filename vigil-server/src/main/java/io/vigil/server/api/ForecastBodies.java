package io.vigil.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.forecast.Crossing;
import io.vigil.forecast.Forecast;
import io.vigil.forecast.Forecasters;
import io.vigil.series.Timestamps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The forecast routes' answers as they travel, checked against {@code openapi.json} by
 * {@code OpenApiTest}.
 */
public final class ForecastBodies {
  private ForecastBodies() {}

  /**
   * {@code GET /api/v1/series/{id}/forecast}.
   *
   * @param methodChosenBy why the method was chosen, when it was chosen by backtest
   * @param crossing when the forecast reaches the limit asked for; absent without one
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SeriesForecast(SeriesBody series, String method, int season, long stepMs,
      double coverage, List<Step> forecast, String methodChosenBy, CrossingBody crossing) {

    /** The fitted forecast of {@code series}. */
    public static SeriesForecast of(SeriesBody series, Forecasters.Fitted f, String chosenBy,
        CrossingBody crossing) {
      Forecast fc = f.forecast();
      List<Step> steps = new ArrayList<>();
      for (int h = 0; h < fc.horizon(); h++) {
        steps.add(new Step(Timestamps.format(fc.timesMs()[h]), finite(fc.mean()[h]),
            finite(fc.lower()[h]), finite(fc.upper()[h])));
      }
      return new SeriesForecast(series, f.method(), f.season(), f.stepMs(), fc.coverage(),
          steps, chosenBy, crossing);
    }
  }

  /** One step ahead: the forecast and its interval. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Step(String timestamp, Double mean, Double lower, Double upper) {}

  /**
   * When a forecast reaches a limit ({@code components/schemas/Crossing}): expected, earliest
   * and latest, each as a time and as seconds after the last point; null where the forecast
   * does not reach it within its horizon.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record CrossingBody(double limit, boolean withinHorizon, String expected,
      Long expectedInSeconds, String earliest, Long earliestInSeconds, String latest,
      Long latestInSeconds) {

    /** {@code c}, its seconds counted from {@code fromMs} (the last point). */
    public static CrossingBody of(Crossing c, long fromMs) {
      return new CrossingBody(c.limit(), c.withinHorizon(), time(c.expectedMs()),
          seconds(c.expectedMs(), fromMs), time(c.earliestMs()), seconds(c.earliestMs(), fromMs),
          time(c.latestMs()), seconds(c.latestMs(), fromMs));
    }
  }

  /** {@code GET /api/v1/predictions}. */
  public record Predictions(long pending, long dropped, List<Prediction> predictions) {}

  /**
   * A prediction rule's latest estimate on a series.
   *
   * @param evaluatedAt the series' last point when it was made
   * @param secondsToCrossing expected seconds from then to the limit: 0 reached, null not in
   *     the horizon
   * @param crossing when the forecast reaches the limit; null once it has been reached
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Prediction(String rule, String series, Map<String, String> labels,
      String evaluatedAt, boolean reached, boolean firing, Double secondsToCrossing,
      CrossingBody crossing) {}

  private static String time(long ms) {
    return ms == Crossing.NONE ? null : Timestamps.format(ms);
  }

  private static Long seconds(long ms, long fromMs) {
    return ms == Crossing.NONE ? null : (ms - fromMs) / 1000;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
