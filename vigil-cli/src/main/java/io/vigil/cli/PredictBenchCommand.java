package io.vigil.cli;

import io.vigil.eval.nab.NabCorpus;
import io.vigil.eval.nab.NabFile;
import io.vigil.forecast.Forecasters;
import io.vigil.series.Timestamps;
import io.vigil.server.config.Durations;
import io.vigil.server.config.PredictionRule;
import io.vigil.server.config.SeriesSelector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil bench predict}: a labelled series replayed through {@code vigil serve} with a
 * predictive rule; for each labelled window, whether and how long before it the rule warned.
 * The defaults are the machine whose temperature fell when it failed (NAB's
 * {@code machine_temperature_system_failure}: a planned shutdown, then a fault that led to a
 * catastrophic failure, then another).
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {
        "Replay a labelled series of a NAB-layout corpus through vigil serve with one"
            + " predictive rule, and report for each labelled window whether the rule warned"
            + " before it and how long before."})
final class PredictBenchCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin OutputFormat format;

  @Option(names = "--data", defaultValue = "datasets/nab", paramLabel = "DIR",
      description = "The corpus. Default: ${DEFAULT-VALUE}.")
  Path data;

  @Option(names = "--file", paramLabel = "KEY",
      defaultValue = "realKnownCause/machine_temperature_system_failure.csv",
      description = "The series, as the labels name it. Default: ${DEFAULT-VALUE}.")
  String file;

  @Option(names = "--limit", defaultValue = "50", description = "Default: ${DEFAULT-VALUE}.")
  double limit;

  @Option(names = "--direction", defaultValue = "down",
      description = "up: the limit is reached from below; down: from above."
          + " Default: ${DEFAULT-VALUE}.")
  String direction;

  @Option(names = "--within", defaultValue = "6h",
      description = "The rule's lead time. Default: ${DEFAULT-VALUE}.")
  String within;

  @Option(names = "--history", defaultValue = "6h",
      description = "What each forecast learns from. Default: ${DEFAULT-VALUE}.")
  String history;

  @Option(names = "--method", defaultValue = "linear-trend",
      description = "Default: ${DEFAULT-VALUE}.")
  String method;

  @Option(names = "--confidence", defaultValue = "0.9",
      description = "Default: ${DEFAULT-VALUE}.")
  double confidence;

  @Option(names = "--every", defaultValue = "5m", description = "Default: ${DEFAULT-VALUE}.")
  String every;

  @Option(names = "--for", defaultValue = "0s", paramLabel = "DURATION",
      description = "How long the crossing must keep being predicted before the alert fires."
          + " Default: ${DEFAULT-VALUE}.")
  String forDuration;

  @Override
  public Integer call() throws Exception {
    NabFile nab = NabCorpus.load(data).files().stream().filter(f -> f.key().equals(file))
        .findFirst().orElseThrow(() -> new IllegalArgumentException(data + ": no series '"
            + file + "' in the labels"));
    if (!direction.equals("up") && !direction.equals("down")) {
      throw new IllegalArgumentException("--direction must be up or down, was " + direction);
    }
    PredictionRule rule = new PredictionRule("replay", SeriesSelector.all(), limit,
        direction.equals("up"), Durations.parse(within), Durations.parse(history),
        Forecasters.requireKnown(method), confidence, Durations.parse(every),
        Durations.parse(forDuration));
    Path dir = Files.createTempDirectory("vigil-predict");
    PredictiveReplay.Report r;
    try {
      r = PredictiveReplay.run(nab, rule, dir);
    } finally {
      try (var walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    print(nab, r);
    return 0;
  }

  private void print(NabFile nab, PredictiveReplay.Report r) {
    var out = spec.commandLine().getOut();
    if (format.json) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("file", file);
      j.put("rule", describe());
      j.put("windows", outcomes(r.windows()));
      j.put("crossings", outcomes(r.crossings()));
      j.put("alerts", r.alertsMs().size());
      j.put("alertsBorneOut", r.borneOut());
      j.put("alertsOutsideWindows", r.unexplained());
      j.put("importSeconds", r.importSeconds());
      j.put("evaluationSeconds", r.evaluationSeconds());
      j.put("evaluations", r.evaluations());
      OutputFormat.printJson(out, j);
      return;
    }
    out.printf(Locale.ROOT, "%s (%d points) replayed through vigil serve%n", file,
        nab.series().size());
    out.printf(Locale.ROOT, "rule: %s%n", describe());
    out.printf(Locale.ROOT, "import %.1f s; %d evaluations in %.1f s more%n%n",
        r.importSeconds(), r.evaluations(), r.evaluationSeconds());
    out.printf(Locale.ROOT, "%-42s %-22s %s%n", "labelled window", "first alert",
        "lead time");
    for (PredictiveReplay.Outcome o : r.windows()) {
      row(out, Timestamps.format(o.startMs()) + " .. " + Timestamps.format(o.endMs()), o);
    }
    out.printf(Locale.ROOT, "%n%-42s %-22s %s%n", "limit reached", "first alert", "lead time");
    for (PredictiveReplay.Outcome o : r.crossings()) {
      row(out, Timestamps.format(o.startMs()), o);
    }
    out.printf(Locale.ROOT, "%nwarned before %d of %d labelled windows and %d of %d times the"
        + " limit was reached; of %d alerts, %d were borne out (the limit reached within %s),"
        + " %d fired neither in a window nor within %s before one%n",
        PredictiveReplay.Report.warned(r.windows()), r.windows().size(),
        PredictiveReplay.Report.warned(r.crossings()), r.crossings().size(),
        r.alertsMs().size(), r.borneOut(), within, r.unexplained(), within);
    out.flush();
  }

  private static void row(java.io.PrintWriter out, String what, PredictiveReplay.Outcome o) {
    out.printf(Locale.ROOT, "%-42s %-22s %s%n", what, o.alertMs() == Long.MIN_VALUE ? "-"
        : Timestamps.format(o.alertMs()), o.alertMs() == Long.MIN_VALUE ? "missed"
        : o.warned() ? Forecasters.human(o.leadMs()) + " before"
        : Forecasters.human(-o.leadMs()) + " after the start");
  }

  private static List<Map<String, Object>> outcomes(List<PredictiveReplay.Outcome> list) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (PredictiveReplay.Outcome o : list) {
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("start", Timestamps.format(o.startMs()));
      w.put("end", Timestamps.format(o.endMs()));
      boolean any = o.alertMs() != Long.MIN_VALUE;
      w.put("firstAlert", any ? Timestamps.format(o.alertMs()) : null);
      w.put("warnedBefore", o.warned());
      w.put("leadSeconds", any ? o.leadMs() / 1000 : null);
      out.add(w);
    }
    return out;
  }

  private String describe() {
    return String.format(Locale.ROOT, "%s %s within %s at confidence %s for %s (%s over the"
        + " last %s, every %s)", direction.equals("up") ? "reaches" : "falls to", limit, within,
        confidence, forDuration, method, history, every);
  }
}
