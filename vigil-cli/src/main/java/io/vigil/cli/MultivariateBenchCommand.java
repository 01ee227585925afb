package io.vigil.cli;

import io.vigil.detect.multi.MultivariateDetectors;
import io.vigil.eval.multivariate.LabelledPair;
import io.vigil.eval.multivariate.MultivariateBenchmark;
import io.vigil.eval.multivariate.MultivariateBenchmark.DetectorResult;
import io.vigil.eval.multivariate.MultivariateBenchmark.FileResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil bench multivariate}: the multivariate detectors on labelled train/test pairs. */
@Command(name = "multivariate", mixinStandardHelpOptions = true,
    description = {
        "Fit each multivariate detector on every <name>_train.csv in DIR and score the labelled"
            + " <name>_test.csv beside it.",
        "Prints per file and on average: ROC-AUC, PR-AUC (average precision), the best F1 over"
            + " all thresholds without point adjustment, the best event-level F1 (a labelled"
            + " segment counts once, precision stays per row), and rows per second to fit and"
            + " to score (one thread). The default detector comes first."})
final class MultivariateBenchCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin OutputFormat format;

  @Option(names = "--data", defaultValue = "datasets/multivariate", paramLabel = "DIR",
      description = "The pairs. Default: ${DEFAULT-VALUE}.")
  Path data;

  @Option(names = "--detectors", split = ",", paramLabel = "NAME",
      description = "Detectors to run, comma-separated. Default: all, the ensemble first.")
  List<String> detectors;

  @Option(names = "--seed", defaultValue = "42",
      description = "Seed for the randomised detectors. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Override
  public Integer call() {
    List<String> known = MultivariateBenchmark.detectors();
    List<String> names = detectors == null ? known : detectors;
    for (String name : names) {
      if (!known.contains(MultivariateDetectors.algorithmOf(name))) {
        throw new IllegalArgumentException("unknown detector '" + name + "'; known: "
            + String.join(", ", known) + " (and autoencoder:window=N)");
      }
    }
    List<LabelledPair> pairs = LabelledPair.readAll(data);
    List<DetectorResult> results = new MultivariateBenchmark(seed).run(names, pairs);
    PrintWriter out = spec.commandLine().getOut();
    if (format.json) {
      OutputFormat.printJson(out, Map.of("detectors", results));
      return 0;
    }
    out.printf(Locale.ROOT, "Multivariate benchmark on %s: %d pairs%n", data, pairs.size());
    // The file column is as wide as the longest name, so long names keep the columns aligned.
    int width = pairs.stream().mapToInt(p -> p.name().length()).max().orElse(0);
    String file = "  %-" + Math.max(22, width) + "s";
    for (DetectorResult r : results) {
      out.printf(Locale.ROOT, "%n%s%n", r.name());
      out.printf(Locale.ROOT, file + " %6s %7s %7s %7s %8s %7s %6s %12s %12s%n", "file",
          "rows", "events", "ROC-AUC", "PR-AUC", "best F1", "event F1", "", "fit rows/s",
          "score rows/s");
      for (FileResult f : r.files()) {
        out.printf(Locale.ROOT, file + " %6d %7d %7.4f %7.4f %8.4f %8.4f %6s %12.0f %12.0f%n",
            f.file(), f.testRows(), f.events(), f.rocAuc(), f.prAuc(), f.f1(), f.eventF1(), "",
            f.fitRowsPerSecond(), f.scoreRowsPerSecond());
      }
      var m = r.mean();
      out.printf(Locale.ROOT, file + " %6s %7s %7.4f %7.4f %8.4f %8.4f %6s %12.0f %12.0f%n",
          "mean", "", "", m.rocAuc(), m.prAuc(), m.f1(), m.eventF1(), "",
          m.fitRowsPerSecond(), m.scoreRowsPerSecond());
    }
    out.printf(Locale.ROOT, "%nsummary (mean over files)%n  %-18s %7s %7s %8s %8s %12s %12s%n",
        "detector", "ROC-AUC", "PR-AUC", "best F1", "event F1", "fit rows/s", "score rows/s");
    for (DetectorResult r : results) {
      var m = r.mean();
      out.printf(Locale.ROOT, "  %-18s %7.4f %7.4f %8.4f %8.4f %12.0f %12.0f%n", r.name(),
          m.rocAuc(), m.prAuc(), m.f1(), m.eventF1(), m.fitRowsPerSecond(),
          m.scoreRowsPerSecond());
    }
    out.flush();
    return 0;
  }
}
