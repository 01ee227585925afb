package io.vigil.cli;

import io.vigil.eval.nab.Contender;
import io.vigil.eval.nab.CorpusAccuracy;
import io.vigil.eval.nab.NabCorpus;
import io.vigil.eval.nab.NabRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil bench accuracy} (and plain {@code vigil bench}): Vigil's detectors and the two
 * peers on every bundled corpus in one run, side by side.
 */
@Command(name = "accuracy", mixinStandardHelpOptions = true,
    description = {
        "Run Vigil's detectors and two peers measured in the same run (a causal z-score over"
            + " the last 1000 points; Random Cut Forest as OpenSearch configures it, scored by"
            + " its anomaly grade) over every corpus in NAB's layout.",
        "Prints, per corpus and overall (the mean of the corpora): NAB standard, low-FP and"
            + " low-FN; point-wise PR-AUC and VUS-PR; false alarms per 1000 points and windows"
            + " alarmed at each detector's operating threshold (Vigil: probability 0.999; z-score:"
            + " 3; RCF: grade above 0); and each figure of the first detector as a ratio to"
            + " each peer's."})
final class AccuracyBenchCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin OutputFormat format;

  /** The bundled corpora in NAB's layout. */
  static final String BUNDLED_CORPORA = "datasets/nab,datasets/cloud-monitoring,"
      + "datasets/nezha-cpu,datasets/nezha-pods,datasets/synthetic-kpi";

  @Option(names = "--corpora", split = ",", paramLabel = "DIR", defaultValue = BUNDLED_CORPORA,
      description = "Corpora in NAB's layout. Default: ${DEFAULT-VALUE}.")
  List<Path> corpora;

  @Option(names = "--detectors", split = ",", paramLabel = "SPEC", defaultValue = "default",
      description = "Vigil detectors (specs such as windowed-gaussian:window=500); the first is"
          + " the one compared with the peers. Default: ${DEFAULT-VALUE}.")
  List<String> detectors;

  @Option(names = "--no-peers", description = "Leave the two peers out (faster).")
  boolean noPeers;

  /** One contender's figures on one corpus. */
  private record Row(Contender contender, CorpusAccuracy accuracy, double pointsPerSecond,
      double stateBytes) {}

  @Override
  public Integer call() {
    List<Contender> contenders = new ArrayList<>();
    for (String d : detectors) {
      try {
        contenders.add(Contender.vigil(d));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--detectors " + d + ": " + e.getMessage());
      }
    }
    if (!noPeers) {
      contenders.add(Contender.zScore());
      contenders.add(Contender.openSearchRcf());
    }
    List<NabCorpus> loaded = new ArrayList<>();
    for (Path c : corpora) {
      loaded.add(NabCorpus.load(c));
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, List<Row>> byCorpus = new LinkedHashMap<>();
    for (NabCorpus corpus : loaded) {
      List<Row> rows = new ArrayList<>();
      for (Contender c : contenders) {
        if (System.console() != null) {
          err.printf(Locale.ROOT, "\r%-60s", name(corpus) + ": " + c.name());
          err.flush();
        }
        NabRun run = NabRun.run(c, corpus, done -> { });
        rows.add(new Row(c, CorpusAccuracy.of(corpus, run, c), run.pointsPerSecond(corpus),
            run.meanStateBytes()));
      }
      byCorpus.put(name(corpus), rows);
      if (!format.json) {
        printCorpus(out, corpus, rows);
      }
    }
    if (System.console() != null) {
      err.print("\r" + " ".repeat(60) + "\r");
      err.flush();
    }
    List<Row> overall = overall(contenders, byCorpus);
    if (format.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (NabCorpus corpus : loaded) {
        m.put(name(corpus), json(byCorpus.get(name(corpus))));
      }
      m.put("overall", json(overall));
      OutputFormat.printJson(out, m);
    } else {
      out.printf(Locale.ROOT, "%nOverall: the mean of %d corpora%n", loaded.size());
      printRows(out, overall, false);
      printRatios(out, overall);
      out.flush();
    }
    return 0;
  }

  private static String name(NabCorpus corpus) {
    return corpus.root().getFileName().toString();
  }

  private static List<Row> overall(List<Contender> contenders, Map<String, List<Row>> byCorpus) {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < contenders.size(); i++) {
      int k = i;
      List<CorpusAccuracy> all = byCorpus.values().stream().map(r -> r.get(k).accuracy()).toList();
      int n = all.size();
      out.add(new Row(contenders.get(i), new CorpusAccuracy(
          all.stream().mapToDouble(CorpusAccuracy::standard).sum() / n,
          all.stream().mapToDouble(CorpusAccuracy::lowFp).sum() / n,
          all.stream().mapToDouble(CorpusAccuracy::lowFn).sum() / n,
          all.stream().mapToDouble(CorpusAccuracy::prAuc).sum() / n,
          all.stream().mapToDouble(CorpusAccuracy::vusPr).sum() / n,
          all.stream().mapToDouble(CorpusAccuracy::falseAlarmsPer1000).sum() / n,
          all.stream().mapToInt(CorpusAccuracy::windowsAlarmed).sum(),
          all.stream().mapToInt(CorpusAccuracy::windows).sum()),
          byCorpus.values().stream().mapToDouble(r -> r.get(k).pointsPerSecond()).sum() / n,
          byCorpus.values().stream().mapToDouble(r -> r.get(k).stateBytes()).sum() / n));
    }
    return out;
  }

  private static void printCorpus(PrintWriter out, NabCorpus corpus, List<Row> rows) {
    out.printf(Locale.ROOT, "%s: %d files, %d windows, %d rows%n", corpus.root(),
        corpus.files().size(), corpus.windowCount(), corpus.rowCount());
    printRows(out, rows, true);
    out.println();
    out.flush();
  }

  private static void printRows(PrintWriter out, List<Row> rows, boolean speed) {
    out.printf(Locale.ROOT, "%-24s %8s %7s %7s %7s %7s %9s %9s", "detector", "standard",
        "low-FP", "low-FN", "PR-AUC", "VUS-PR", "FA/1000", "alarmed");
    out.println(speed ? String.format(Locale.ROOT, " %12s %9s", "points/s/core", "state B") : "");
    for (Row r : rows) {
      CorpusAccuracy a = r.accuracy();
      out.printf(Locale.ROOT, "%-24s %8.2f %7.2f %7.2f %7.3f %7.3f %9.2f %9s",
          r.contender().name() + (r.contender().peer() ? " (peer)" : ""), a.standard(), a.lowFp(),
          a.lowFn(), a.prAuc(), a.vusPr(), a.falseAlarmsPer1000(),
          a.windowsAlarmed() + "/" + a.windows());
      out.println(speed ? String.format(Locale.ROOT, " %12.0f %9.0f", r.pointsPerSecond(),
          r.stateBytes()) : "");
    }
  }

  /** The first detector's figures over each peer's (false alarms: the peer's over its own). */
  private static void printRatios(PrintWriter out, List<Row> overall) {
    Row first = overall.get(0);
    for (Row peer : overall.subList(1, overall.size())) {
      if (!peer.contender().peer()) {
        continue;
      }
      CorpusAccuracy a = first.accuracy();
      CorpusAccuracy b = peer.accuracy();
      out.printf(Locale.ROOT, "%-24s %8.2f %7.2f %7.2f %7.2f %7.2f %9.2f%n",
          first.contender().name() + " / " + peer.contender().name(),
          a.standard() / b.standard(), a.lowFp() / b.lowFp(), a.lowFn() / b.lowFn(),
          a.prAuc() / b.prAuc(), a.vusPr() / b.vusPr(),
          b.falseAlarmsPer1000() / a.falseAlarmsPer1000());
    }
    out.println("(ratios above 1 favour " + first.contender().name() + "; FA/1000 is the peer's"
        + " over " + first.contender().name() + "'s)");
  }

  private static List<Map<String, Object>> json(List<Row> rows) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row r : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      CorpusAccuracy a = r.accuracy();
      m.put("detector", r.contender().name());
      m.put("peer", r.contender().peer());
      m.put("standard", a.standard());
      m.put("reward_low_FP_rate", a.lowFp());
      m.put("reward_low_FN_rate", a.lowFn());
      m.put("prAuc", a.prAuc());
      m.put("vusPr", a.vusPr());
      m.put("falseAlarmsPer1000", a.falseAlarmsPer1000());
      m.put("windowsAlarmed", a.windowsAlarmed());
      m.put("windows", a.windows());
      m.put("pointsPerSecond", r.pointsPerSecond());
      m.put("stateBytesPerSeries", r.stateBytes());
      out.add(m);
    }
    return out;
  }
}
