package io.vigil.cli;

import io.vigil.eval.forecast.BacktestResult;
import io.vigil.eval.forecast.ForecastBacktest;
import io.vigil.eval.nab.NabCorpus;
import io.vigil.eval.nab.NabFile;
import io.vigil.forecast.Forecaster;
import io.vigil.forecast.HoltWintersForecaster;
import io.vigil.forecast.LinearTrendForecaster;
import io.vigil.forecast.SeasonalNaiveForecaster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil bench forecast}: rolling-origin backtests of the forecasters. */
@Command(name = "forecast", mixinStandardHelpOptions = true,
    description = {
        "Backtest the forecasters on every series of a corpus in NAB's layout: from half-way,"
            + " every HORIZON points, forecast the next HORIZON and compare.",
        "Prints, per forecaster: mean and median MASE, on how many series it beats seasonal"
            + " naive, sMAPE, and the coverage of its intervals."})
final class ForecastBenchCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin OutputFormat format;

  @Option(names = "--data", defaultValue = "datasets/nab", paramLabel = "DIR",
      description = "The corpus. Default: ${DEFAULT-VALUE}.")
  Path data;

  @Option(names = "--horizon", defaultValue = "24", paramLabel = "STEPS",
      description = "Steps forecast from each origin. Default: ${DEFAULT-VALUE}.")
  int horizon;

  @Option(names = "--coverage", defaultValue = "0.8", paramLabel = "P",
      description = "Interval coverage asked for. Default: ${DEFAULT-VALUE}.")
  double coverage;

  /** The forecasters, by name, as functions of the season found. */
  static Map<String, IntFunction<Forecaster>> forecasters() {
    Map<String, IntFunction<Forecaster>> f = new LinkedHashMap<>();
    f.put("seasonal-naive", SeasonalNaiveForecaster::new);
    f.put("holt-winters", HoltWintersForecaster::withDefaults);
    f.put("holt-winters-multiplicative",
        m -> new HoltWintersForecaster(m, true, 0.3, 0.001, 0.1, 0.98));
    f.put("linear-trend", m -> new LinearTrendForecaster(Math.max(288, 4 * m), m));
    return f;
  }

  /** One forecaster's figures over the corpus. */
  record Row(String forecaster, double meanMase, double medianMase, int beatsNaive,
      int series, double smape, double coverage) {}

  @Override
  public Integer call() {
    if (horizon < 1 || !(coverage > 0 && coverage < 1)) {
      throw new IllegalArgumentException("--horizon must be positive and --coverage in (0, 1)");
    }
    List<NabFile> files = NabCorpus.load(data).files();
    Map<String, BacktestResult[]> results = new LinkedHashMap<>();
    forecasters().forEach((name, make) -> {
      BacktestResult[] r = new BacktestResult[files.size()];
      IntStream.range(0, files.size()).parallel().forEach(i -> r[i] = ForecastBacktest.run(
          files.get(i).series(), positive(files.get(i), name) ? make
              : HoltWintersForecaster::withDefaults, horizon, coverage));
      results.put(name, r);
    });
    BacktestResult[] naive = results.get("seasonal-naive");
    List<Row> rows = new ArrayList<>();
    results.forEach((name, r) -> rows.add(row(name, r, naive)));
    var out = spec.commandLine().getOut();
    if (format.json) {
      OutputFormat.printJson(out, Map.of("horizon", horizon, "coverage", coverage,
          "forecasters", rows));
      return 0;
    }
    out.printf(Locale.ROOT, "Rolling-origin backtest of %s: %d series, horizon %d steps, %.0f%%"
        + " intervals%n", data, files.size(), horizon, 100 * coverage);
    out.printf(Locale.ROOT, "%-28s %9s %11s %13s %7s %9s%n", "forecaster", "mean MASE",
        "median MASE", "beats naive", "sMAPE", "coverage");
    for (Row r : rows) {
      out.printf(Locale.ROOT, "%-28s %9.3f %11.3f %8d of %-2d %7.1f %8.1f%%%n", r.forecaster(),
          r.meanMase(), r.medianMase(), r.beatsNaive(), r.series(), r.smape(),
          100 * r.coverage());
    }
    out.println("Multiplicative Holt-Winters runs as additive on series with values <= 0.");
    out.flush();
    return 0;
  }

  private static boolean positive(NabFile f, String forecaster) {
    return !forecaster.endsWith("multiplicative")
        || Arrays.stream(f.series().values()).allMatch(v -> v > 0);
  }

  private static Row row(String name, BacktestResult[] r, BacktestResult[] naive) {
    double[] mase = Arrays.stream(r).mapToDouble(BacktestResult::mase)
        .filter(Double::isFinite).sorted().toArray();
    int beats = 0;
    int series = 0;
    double smape = 0;
    double cover = 0;
    for (int i = 0; i < r.length; i++) {
      if (Double.isFinite(r[i].mase()) && Double.isFinite(naive[i].mase())) {
        series++;
        if (r[i].mase() < naive[i].mase()) {
          beats++;
        }
        smape += r[i].smape();
        cover += r[i].coverage();
      }
    }
    return new Row(name, Arrays.stream(mase).average().orElse(Double.NaN),
        mase.length == 0 ? Double.NaN : mase[mase.length / 2], beats, series,
        smape / Math.max(1, series), cover / Math.max(1, series));
  }
}
