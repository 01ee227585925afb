package io.vigil.cli;

import io.vigil.cli.plot.ForecastPlot;
import io.vigil.cli.plot.Png;
import io.vigil.forecast.Crossing;
import io.vigil.forecast.ErrorBudget;
import io.vigil.forecast.ForecastJson;
import io.vigil.forecast.Forecast;
import io.vigil.forecast.Forecasters;
import io.vigil.forecast.TrendReport;
import io.vigil.series.DataFormatException;
import io.vigil.series.TimeSeries;
import io.vigil.series.TimeSeriesCsvReader;
import io.vigil.series.Timestamps;
import io.vigil.server.config.Durations;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil forecast}: what a series will do next, and when it reaches a limit. */
@Command(name = "forecast", mixinStandardHelpOptions = true,
    description = {
        "Forecast a series (CSV with timestamp and value columns) with a prediction interval;"
            + " with --limit, estimate when it reaches the limit, with the earliest and latest"
            + " plausible times."})
final class ForecastCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin OutputFormat format;

  @Option(names = "--data", required = true, paramLabel = "CSV", description = "The series.")
  Path data;

  @Option(names = "--horizon", defaultValue = "24h", paramLabel = "DURATION",
      description = "How far ahead, e.g. 6h, 3d. Default: ${DEFAULT-VALUE}.")
  String horizon;

  @Option(names = "--method", paramLabel = "NAME",
      description = "holt-winters (season found from the data), linear-trend (capacity),"
          + " or seasonal-naive. Default: with --limit, the one that forecasts the series'"
          + " own last part best (backtest); else holt-winters.")
  String method;

  @Option(names = "--direction", defaultValue = "up", paramLabel = "up|down",
      description = "up: the limit is a ceiling the series must not reach from below; down:"
          + " a floor. Default: ${DEFAULT-VALUE}.")
  String direction;

  @Option(names = "--coverage", defaultValue = "0.8", paramLabel = "P",
      description = "Interval coverage. Default: ${DEFAULT-VALUE}.")
  double coverage;

  @Option(names = "--limit", paramLabel = "VALUE",
      description = "Estimate when the series reaches this value.")
  Double limit;

  @Option(names = "--trend",
      description = "Also report the trend: slope per day, where it changed, and the values"
          + " projected at 7, 30 and 90 days.")
  boolean trend;

  @Option(names = "--slo", paramLabel = "TARGET",
      description = "The series is a bad fraction of requests (0-1): project when the error"
          + " budget of this objective (e.g. 0.999) runs out.")
  Double slo;

  @Option(names = "--slo-window", defaultValue = "30d", paramLabel = "DURATION",
      description = "The objective's window. Default: ${DEFAULT-VALUE}.")
  String sloWindow;

  @Option(names = "--plot", paramLabel = "PNG",
      description = "Draw history, forecast, interval, limit and crossing.")
  Path plot;

  @Override
  public Integer call() throws IOException {
    if (!(coverage > 0 && coverage < 1)) {
      throw new IllegalArgumentException("--coverage must be in (0, 1), was " + coverage);
    }
    if (limit != null && !Double.isFinite(limit)) {
      throw new IllegalArgumentException("--limit must be a finite number");
    }
    Duration ahead = Durations.parse(horizon);
    TimeSeries s = TimeSeriesCsvReader.read(data);
    long[] t = s.timestampsMs();
    for (int i = 1; i < t.length; i++) {
      if (t[i] <= t[i - 1]) {
        throw new DataFormatException(data.toString(), s.lines()[i], "timestamp",
            "timestamps must increase (" + Timestamps.format(t[i]) + " follows "
                + Timestamps.format(t[i - 1]) + ")");
      }
    }
    if (!direction.equals("up") && !direction.equals("down")) {
      throw new IllegalArgumentException("--direction must be up or down, was '" + direction
          + "'");
    }
    String why = null;
    if (method == null && limit != null) {
      try {
        Forecasters.Choice choice = Forecasters.chooseByBacktest(s, ahead);
        method = choice.method();
        why = choice.reason();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(data + ": " + e.getMessage(), e);
      }
    } else if (method == null) {
      method = Forecasters.METHODS.get(0);
    }
    Forecasters.Fitted fitted;
    try {
      fitted = Forecasters.fit(s, method, ahead, coverage);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(data + ": " + e.getMessage(), e);
    }
    Forecast fc = fitted.forecast();
    int steps = fc.horizon();
    int last = t.length - 1;
    Crossing crossing = limit == null ? null
        : Crossing.of(fc, limit, direction.equals("up"), s.values()[last], t[last]);
    if (plot != null) {
      int from = Math.max(0, t.length - 3 * steps);
      var chart = ForecastPlot.build(Arrays.copyOfRange(t, from, t.length),
          Arrays.copyOfRange(s.values(), from, t.length), fc, crossing,
          data.getFileName() + ": " + method + ", " + horizon + " ahead", 1000, 600);
      Png.write(chart, plot);
    }
    TrendReport report = trend ? TrendReport.of(s, coverage) : null;
    ErrorBudget budget = slo == null ? null
        : ErrorBudget.of(s, slo, Durations.parse(sloWindow), fc);
    report(fitted, why, crossing, t[last], s.values()[last], report);
    if (budget != null) {
      report(budget, t[last]);
    }
    return 0;
  }

  private void report(Forecasters.Fitted fitted, String why, Crossing crossing, long lastMs,
      double lastValue, TrendReport report) {
    var out = spec.commandLine().getOut();
    Forecast fc = fitted.forecast();
    int season = fitted.season();
    long step = fitted.stepMs();
    if (format.json) {
      Map<String, Object> j = ForecastJson.fitted(fitted);
      if (why != null) {
        j.put("methodChosenBy", why);
      }
      if (crossing != null) {
        j.put("crossing", ForecastJson.crossing(crossing, lastMs));
      }
      if (report != null) {
        j.put("trend", ForecastJson.trend(report));
      }
      OutputFormat.printJson(out, j);
      return;
    }
    out.printf(Locale.ROOT, "%s of %s: step %s, season %s, %d steps, %.0f%% interval%n",
        method, data, Duration.ofMillis(step), season > 1 ? season + " points" : "none",
        fc.horizon(), 100 * coverage);
    if (why != null) {
      out.printf(Locale.ROOT, "Method %s, chosen by %s%n", method, why);
    }
    int every = Math.max(1, fc.horizon() / 12);
    out.printf(Locale.ROOT, "%-24s %14s %14s %14s%n", "time", "expected", "lower", "upper");
    for (int h = every - 1; h < fc.horizon(); h += every) {
      out.printf(Locale.ROOT, "%-24s %14.6g %14.6g %14.6g%n", Timestamps.format(fc.timesMs()[h]),
          fc.mean()[h], fc.lower()[h], fc.upper()[h]);
    }
    if (crossing != null) {
      if (crossing.expectedMs() == lastMs) {
        out.printf(Locale.ROOT, "Already past %s: the last value is %s (at %s)%n",
            crossing.limit(), lastValue, Timestamps.format(lastMs));
      } else if (crossing.withinHorizon()) {
        out.printf(Locale.ROOT, "Reaches %s at %s (%s from the last point); earliest %s,"
            + " latest %s%n", crossing.limit(), Timestamps.format(crossing.expectedMs()),
            Forecasters.human(crossing.expectedMs() - lastMs), time(crossing.earliestMs()),
            crossing.latestMs() == Crossing.NONE ? "beyond " + horizon
                : Timestamps.format(crossing.latestMs()));
      } else if (crossing.earliestMs() != Crossing.NONE) {
        out.printf(Locale.ROOT, "Not expected to reach %s within %s, but it may from %s%n",
            crossing.limit(), horizon, Timestamps.format(crossing.earliestMs()));
      } else {
        out.printf(Locale.ROOT, "Not within %s: %s is outside the %.0f%% interval throughout%n",
            horizon, crossing.limit(), 100 * coverage);
      }
    }
    if (report != null) {
      out.printf(Locale.ROOT, "Trend: %+.4g a day%s%n", report.slopePerDay(),
          report.changePointsMs().isEmpty() ? ", no change in the trend"
              : ", changed at " + String.join(", ", report.changePointsMs().stream()
                  .map(Timestamps::format).toList()));
      for (TrendReport.Projection p : report.projections()) {
        out.printf(Locale.ROOT, "  in %2d days: %.6g (%.6g to %.6g)%n", p.days(), p.mean(),
            p.lower(), p.upper());
      }
    }
    if (plot != null) {
      out.println("Plot written to " + plot);
    }
    out.flush();
  }

  private void report(ErrorBudget b, long lastMs) {
    var out = spec.commandLine().getOut();
    String objective = String.format(Locale.ROOT, "%s%% over %s", 100 * b.target(), sloWindow);
    if (format.json) {
      OutputFormat.printJson(out, Map.of("errorBudget", ForecastJson.errorBudget(b, lastMs)));
      return;
    }
    out.printf(Locale.ROOT, "Error budget (%s): %.1f%% spent, burn rate %.2f; %s%n", objective,
        100 * b.consumed(), b.burnRate(), b.exhaustionMs() == Crossing.NONE
            ? "lasts beyond " + horizon
            : "runs out at " + Timestamps.format(b.exhaustionMs()) + " (in "
                + Forecasters.human(b.exhaustionMs() - lastMs) + "), earliest "
                + time(b.earliestMs())
                + ", latest " + (b.latestMs() == Crossing.NONE ? "beyond " + horizon
                    : Timestamps.format(b.latestMs())));
    out.flush();
  }

  private static String time(long ms) {
    return ms == Crossing.NONE ? null : Timestamps.format(ms);
  }

}
