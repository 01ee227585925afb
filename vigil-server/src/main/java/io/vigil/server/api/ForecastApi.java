package io.vigil.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.vigil.forecast.Crossing;
import io.vigil.series.Timestamps;
import io.vigil.server.config.Durations;
import io.vigil.server.engine.DetectionEngine;
import io.vigil.server.engine.SeriesView;
import io.vigil.server.forecast.SeriesForecaster;
import io.vigil.server.store.PointStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Forecasts and time-to-threshold of stored series over HTTP. */
public final class ForecastApi {
  private final DetectionEngine engine;
  private final SeriesForecaster forecasts;

  public ForecastApi(DetectionEngine engine, PointStore points) {
    this.engine = engine;
    this.forecasts = new SeriesForecaster(points);
  }

  /** Registers the routes on {@code c}. */
  public void configure(JavalinConfig c) {
    c.routes.get("/api/v1/series/{id}/forecast", this::forecast);
  }

  /**
   * {@code ?horizon=24h&method=holt-winters&limit=95&coverage=0.8}: the series' forecast
   * with intervals and, with a limit, when it is reached.
   */
  private void forecast(Context ctx) {
    SeriesView v = HttpApi.seriesOf(engine, ctx.pathParam("id"));
    double coverage = number(ctx, "coverage", 0.8);
    if (!(coverage > 0 && coverage < 1)) {
      throw new ApiException(400, "coverage must be in (0, 1)");
    }
    String l = ctx.queryParam("limit");
    Double limit = l == null ? null : number(ctx, "limit", 0);
    SeriesForecaster.Result r;
    try {
      r = forecasts.forecast(v.info().id(), Durations.parse(
          Objects.requireNonNullElse(ctx.queryParam("horizon"), "24h")),
          Objects.requireNonNullElse(ctx.queryParam("method"), "holt-winters"),
          limit, coverage);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, e.getMessage());
    }
    ObjectNode out = Json.object();
    out.set("series", Json.series(v));
    out.put("method", r.method()).put("season", r.season()).put("stepMs", r.stepMs())
        .put("coverage", coverage);
    List<ObjectNode> steps = new ArrayList<>();
    for (int h = 0; h < r.forecast().horizon(); h++) {
      ObjectNode p = Json.object().put("timestamp", Timestamps.format(
          r.forecast().timesMs()[h]));
      Json.number(p, "mean", r.forecast().mean()[h]);
      Json.number(p, "lower", r.forecast().lower()[h]);
      Json.number(p, "upper", r.forecast().upper()[h]);
      steps.add(p);
    }
    out.set("forecast", Json.array(steps));
    if (r.crossing() != null) {
      Crossing c = r.crossing();
      ObjectNode o = out.putObject("crossing").put("limit", c.limit())
          .put("withinHorizon", c.withinHorizon());
      crossingTime(o, "expected", c.expectedMs(), r.lastTimeMs());
      crossingTime(o, "earliest", c.earliestMs(), r.lastTimeMs());
      crossingTime(o, "latest", c.latestMs(), r.lastTimeMs());
    }
    HttpApi.json(ctx, 200, out);
  }

  private static void crossingTime(ObjectNode o, String field, long ms, long fromMs) {
    if (ms == Crossing.NONE) {
      o.putNull(field);
      o.putNull(field + "InSeconds");
    } else {
      o.put(field, Timestamps.format(ms));
      o.put(field + "InSeconds", (ms - fromMs) / 1000);
    }
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
