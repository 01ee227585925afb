package io.vigil.forecast;

import io.vigil.series.Timestamps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of forecasts, crossings, trend reports and error budgets, as maps for
 * Jackson: the CLI's {@code --json} and the HTTP API answer alike. Times are RFC 3339, a time
 * that does not come within the horizon is null, and so is a number that is not finite.
 */
public final class ForecastJson {
  private ForecastJson() {}

  /** {@code method, season, stepMs, coverage, forecast: [{timestamp, mean, lower, upper}]}. */
  public static Map<String, Object> fitted(Forecasters.Fitted f) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("method", f.method());
    j.put("season", f.season());
    j.put("stepMs", f.stepMs());
    j.put("coverage", f.forecast().coverage());
    Forecast fc = f.forecast();
    List<Map<String, Object>> steps = new ArrayList<>();
    for (int h = 0; h < fc.horizon(); h++) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("timestamp", Timestamps.format(fc.timesMs()[h]));
      p.put("mean", number(fc.mean()[h]));
      p.put("lower", number(fc.lower()[h]));
      p.put("upper", number(fc.upper()[h]));
      steps.add(p);
    }
    j.put("forecast", steps);
    return j;
  }

  /**
   * {@code limit, withinHorizon, expected, expectedInSeconds, earliest, …, latest, …}, the
   * seconds counted from {@code fromMs} (the last point).
   */
  public static Map<String, Object> crossing(Crossing c, long fromMs) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("limit", c.limit());
    j.put("withinHorizon", c.withinHorizon());
    time(j, "expected", c.expectedMs(), fromMs);
    time(j, "earliest", c.earliestMs(), fromMs);
    time(j, "latest", c.latestMs(), fromMs);
    return j;
  }

  /** {@code slopePerDay, changePoints: [time], projections: [{days, timestamp, …}]}. */
  public static Map<String, Object> trend(TrendReport r) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("slopePerDay", number(r.slopePerDay()));
    j.put("changePoints", r.changePointsMs().stream().map(Timestamps::format).toList());
    List<Map<String, Object>> projections = new ArrayList<>();
    for (TrendReport.Projection p : r.projections()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("days", p.days());
      m.put("timestamp", Timestamps.format(p.timeMs()));
      m.put("mean", number(p.mean()));
      m.put("lower", number(p.lower()));
      m.put("upper", number(p.upper()));
      projections.add(m);
    }
    j.put("projections", projections);
    return j;
  }

  /** {@code target, window, budgetSpent, burnRate, exhaustion, …, earliest, latest}. */
  public static Map<String, Object> errorBudget(ErrorBudget b, long fromMs) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("target", b.target());
    j.put("window", Forecasters.human(b.window().toMillis()));
    j.put("budgetSpent", number(b.consumed()));
    j.put("burnRate", number(b.burnRate()));
    time(j, "exhaustion", b.exhaustionMs(), fromMs);
    time(j, "earliest", b.earliestMs(), fromMs);
    time(j, "latest", b.latestMs(), fromMs);
    return j;
  }

  private static void time(Map<String, Object> j, String field, long ms, long fromMs) {
    boolean none = ms == Crossing.NONE;
    j.put(field, none ? null : Timestamps.format(ms));
    j.put(field + "InSeconds", none ? null : (ms - fromMs) / 1000);
  }

  private static Double number(double d) {
    return Double.isFinite(d) ? d : null;
  }
}
