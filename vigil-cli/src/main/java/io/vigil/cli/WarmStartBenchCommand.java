package io.vigil.cli;

import io.vigil.detect.Assessment;
import io.vigil.detect.catalog.DetectorSpec;
import io.vigil.detect.warm.WarmStart;
import io.vigil.eval.nab.NabCorpus;
import io.vigil.eval.warm.WarmStartEvaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil bench warm-start}: a new series' first day, from nothing and warm-started. */
@Command(name = "warm-start", mixinStandardHelpOptions = true,
    description = {
        "Replay every file of each corpus as a new series, once from nothing and once"
            + " warm-started from a sibling (another file of its category, the same metric where"
            + " the names say so): the sibling's last 7 days, mapped onto the new series' level"
            + " and spread from its first " + WarmStart.SCALING_POINTS + " points, are learnt"
            + " first.",
        "Prints, per corpus, the false alarms (alarm onsets outside the labelled windows) and"
            + " the labelled windows missed in each series' first day, at probability 0.999."})
final class WarmStartBenchCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin OutputFormat format;

  @Option(names = "--corpora", split = ",", paramLabel = "DIR",
      defaultValue = AccuracyBenchCommand.BUNDLED_CORPORA,
      description = "Corpora in NAB's layout. Default: ${DEFAULT-VALUE}.")
  List<Path> corpora;

  @Option(names = "--detector", paramLabel = "SPEC", defaultValue = "default",
      description = "The detector. Default: ${DEFAULT-VALUE}.")
  String detector;

  @Override
  public Integer call() {
    DetectorSpec spec;
    try {
      spec = DetectorSpec.parse(detector);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(this.spec.commandLine(),
          "--detector " + detector + ": " + e.getMessage());
    }
    List<WarmStartEvaluation.Result> results = new ArrayList<>();
    for (Path c : corpora) {
      results.add(WarmStartEvaluation.run(c.getFileName().toString(), NabCorpus.load(c),
          spec::create, Assessment.ALARM_PROBABILITY));
    }
    PrintWriter out = this.spec.commandLine().getOut();
    if (format.json) {
      OutputFormat.printJson(out, Map.of("detector", detector, "corpora", results));
      return 0;
    }
    out.printf(Locale.ROOT, "First day of each series as new, detector %s%n", detector);
    out.printf(Locale.ROOT, "%-18s %6s %9s %8s %14s %14s%n", "corpus", "series", "points",
        "windows", "false alarms", "missed");
    out.printf(Locale.ROOT, "%-18s %6s %9s %8s %14s %14s%n", "", "", "", "",
        "cold → warm", "cold → warm");
    for (WarmStartEvaluation.Result r : results) {
      out.printf(Locale.ROOT, "%-18s %6d %9d %8d %14s %14s%n", r.corpus(), r.files(),
          r.firstDayPoints(), r.windows(), r.coldFalseAlarms() + " → " + r.warmFalseAlarms(),
          r.coldMissed() + " → " + r.warmMissed());
    }
    out.flush();
    return 0;
  }
}
