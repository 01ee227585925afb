package io.vigil.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.vigil.forecast.ErrorBudget;
import io.vigil.forecast.ForecastJson;
import io.vigil.forecast.Forecasters;
import io.vigil.forecast.TrendReport;
import io.vigil.series.TimeSeries;
import io.vigil.series.Timestamps;
import io.vigil.server.alert.PredictiveEvaluator;
import io.vigil.server.config.PredictionRule;
import io.vigil.server.engine.DetectionEngine;
import io.vigil.server.engine.SeriesView;
import io.vigil.server.forecast.SeriesForecaster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Forecasts of stored series over HTTP: the forecast with time-to-threshold, the trend and
 * capacity report, the error-budget projection, and the predictive rules' latest estimates.
 * Each learns from the series' last {@code history} (default 28 days, at most
 * {@value SeriesForecaster#MAX_POINTS} points).
 */
public final class ForecastApi {
  private final DetectionEngine engine;
  private final SeriesForecaster forecasts;
  private final PredictiveEvaluator predictive;

  public ForecastApi(DetectionEngine engine, SeriesForecaster forecasts,
      PredictiveEvaluator predictive) {
    this.engine = engine;
    this.forecasts = forecasts;
    this.predictive = predictive;
  }

  /** Registers the routes on {@code c}. */
  public void configure(JavalinConfig c) {
    c.routes.get("/api/v1/series/{id}/forecast", this::forecast);
    c.routes.get("/api/v1/series/{id}/trend", this::trend);
    c.routes.get("/api/v1/series/{id}/error-budget", this::errorBudget);
    c.routes.get("/api/v1/predictions", this::predictions);
  }

  /**
   * {@code ?horizon=24h&method=holt-winters&limit=95&coverage=0.8&history=28d}: the series'
   * forecast with intervals and, with a limit, when it is reached; without a method, a limit
   * has the method chosen by backtest on the series ({@code methodChosenBy} says why).
   */
  private void forecast(Context ctx) {
    SeriesView v = RequestParams.seriesOf(engine, ctx.pathParam("id"));
    String l = ctx.queryParam("limit");
    Double limit = l == null ? null : number(ctx, "limit", 0);
    SeriesForecaster.Result r = fit(ctx, v, Duration.ofHours(24), limit);
    HttpApi.json(ctx, 200, Json.MAPPER.valueToTree(ForecastBodies.SeriesForecast.of(
        SeriesBody.of(v), r.fitted(), r.methodChosenBy(), r.crossing() == null ? null
            : ForecastBodies.CrossingBody.of(r.crossing(), r.lastTimeMs()))));
  }

  /** {@code ?coverage=0.8&history=28d}: slope, change points, 7/30/90-day projections. */
  private void trend(Context ctx) {
    SeriesView v = RequestParams.seriesOf(engine, ctx.pathParam("id"));
    TimeSeries s = forecasts.latest(v.info().id(), history(ctx));
    TrendReport report;
    try {
      report = TrendReport.of(s, coverage(ctx));
    } catch (IllegalStateException e) {
      throw new ApiException(400, e.getMessage());
    }
    ObjectNode out = Json.object();
    out.set("series", Json.series(v));
    out.set("trend", Json.MAPPER.valueToTree(ForecastJson.trend(report)));
    HttpApi.json(ctx, 200, out);
  }

  /**
   * {@code ?objective=0.999&window=30d&horizon=30d&method=holt-winters}: the series read as
   * the bad fraction of requests; the budget spent and when it runs out.
   */
  private void errorBudget(Context ctx) {
    SeriesView v = RequestParams.seriesOf(engine, ctx.pathParam("id"));
    if (ctx.queryParam("objective") == null) {
      throw new ApiException(400, "objective is required, e.g. objective=0.999");
    }
    double objective = number(ctx, "objective", 0);
    Duration window = RequestParams.duration(ctx, "window", Duration.ofDays(30));
    SeriesForecaster.Result r = fit(ctx, v, Duration.ofDays(30), null);
    ErrorBudget b;
    try {
      b = ErrorBudget.of(forecasts.latest(v.info().id(),
          window.compareTo(history(ctx)) > 0 ? window : history(ctx)), objective, window,
          r.fitted().forecast());
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, e.getMessage());
    }
    ObjectNode out = Json.object();
    out.set("series", Json.series(v));
    out.set("errorBudget", Json.MAPPER.valueToTree(ForecastJson.errorBudget(b,
        r.lastTimeMs())));
    HttpApi.json(ctx, 200, out);
  }

  /** Every predictive rule's latest evaluation on every series, and the queue. */
  private void predictions(Context ctx) {
    List<ForecastBodies.Prediction> items = new ArrayList<>();
    for (PredictiveEvaluator.Estimate e : predictive.estimates()) {
      double s = e.secondsToCrossing();
      items.add(new ForecastBodies.Prediction(e.rule(), e.key().name(), e.key().labels(),
          Timestamps.format(e.atMs()), e.reached(), e.firing(), Double.isNaN(s) ? null : s,
          e.reached() ? null : ForecastBodies.CrossingBody.of(e.crossing(), e.atMs())));
    }
    HttpApi.json(ctx, 200, Json.MAPPER.valueToTree(new ForecastBodies.Predictions(
        predictive.pending(), predictive.dropped(), items)));
  }

  private SeriesForecaster.Result fit(Context ctx, SeriesView v, Duration horizon,
      Double limit) {
    String method = Objects.requireNonNullElse(ctx.queryParam("method"), Forecasters.AUTO);
    try {
      return forecasts.forecast(v.info().id(), new SeriesForecaster.Request(
          RequestParams.duration(ctx, "horizon", horizon), method, limit, coverage(ctx), history(ctx)));
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, e.getMessage());
    }
  }

  private static double coverage(Context ctx) {
    double coverage = number(ctx, "coverage", 0.8);
    if (!(coverage > 0 && coverage < 1)) {
      throw new ApiException(400, "coverage must be in (0, 1)");
    }
    return coverage;
  }

  private static Duration history(Context ctx) {
    return RequestParams.duration(ctx, "history", PredictionRule.DEFAULT_HISTORY);
  }

  private static double number(Context ctx, String param, double otherwise) {
    String t = ctx.queryParam(param);
    if (t == null) {
      return otherwise;
    }
    try {
      double d = Double.parseDouble(t);
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ApiException(400, param + " must be a finite number, was '" + t + "'");
  }
}
