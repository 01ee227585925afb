package io.vigil.cli;

import io.vigil.detect.catalog.StreamingDetectors;
import io.vigil.eval.nab.NabCorpus;
import io.vigil.eval.nab.NabFile;
import io.vigil.eval.nab.NabProfile;
import io.vigil.eval.nab.NabRun;
import io.vigil.eval.nab.NabScore;
import io.vigil.eval.nab.NabScorer;
import io.vigil.io.AtomicFile;
import io.vigil.series.TimeSeries;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

/** {@code vigil bench nab}: streaming detectors on the Numenta Anomaly Benchmark. */
@Command(name = "nab", mixinStandardHelpOptions = true,
    description = {
        "Run streaming detectors over a corpus in NAB's layout (data/<category>/*.csv,"
            + " labels/combined_windows.json) and score them as NAB v1.1 does.",
        "Prints, per detector: NAB standard, low-FP and low-FN scores, points/s per core, and"
            + " snapshot bytes per series."})
final class NabBenchCommand implements Callable<Integer> {
  private static final DateTimeFormatter NAB_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin OutputFormat format;

  @Option(names = "--data", defaultValue = "datasets/nab", paramLabel = "DIR",
      description = "The corpus. Default: ${DEFAULT-VALUE}.")
  Path data;

  @Option(names = "--detectors", split = ",", paramLabel = "NAME",
      description = "Detectors to run. Default: all built-in ones.")
  List<String> detectors;

  @Option(names = "--results-dir", paramLabel = "DIR",
      description = "Write NAB-format results here: <det>/<category>/<det>_<file>.csv.")
  Path resultsDir;

  @Override
  public Integer call() throws IOException {
    List<String> names = detectors == null ? StreamingDetectors.names() : detectors;
    for (String n : names) {
      StreamingDetectors.create(n); // fail fast on an unknown name
    }
    PrintWriter err = spec.commandLine().getErr();
    NabCorpus corpus = NabCorpus.load(data);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String name : names) {
      int files = corpus.files().size();
      NabRun run = NabRun.run(name, () -> StreamingDetectors.create(name), corpus,
          done -> progress(err, name, done, files));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("detector", name);
      for (NabProfile p : NabProfile.values()) {
        NabScore s = NabScorer.score(corpus.files(), run.scores(), p);
        row.put(p.nabName(), s.normalized());
        if (p == NabProfile.STANDARD) {
          row.put("threshold", s.threshold());
          row.put("windowsDetected", s.windowsDetected());
          row.put("falsePositiveRows", s.falsePositiveRows());
        }
      }
      row.put("pointsPerSecond", run.pointsPerSecond(corpus));
      row.put("stateBytesPerSeries", run.meanStateBytes());
      rows.add(row);
      if (resultsDir != null) {
        writeResults(corpus, run);
      }
    }
    if (System.console() != null) {
      err.print("\r" + " ".repeat(70) + "\r");
      err.flush();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("corpus", data.toString());
      m.put("files", corpus.files().size());
      m.put("windows", corpus.windowCount());
      m.put("rows", corpus.rowCount());
      m.put("detectors", rows);
      OutputFormat.printJson(out, m);
    } else {
      printTable(out, corpus, rows);
    }
    return 0;
  }

  /** A progress bar on a terminal; nothing when standard error goes to a file or a pipe. */
  private static void progress(PrintWriter err, String name, int done, int files) {
    if (System.console() == null) {
      return;
    }
    synchronized (err) {
      int width = 30;
      int filled = done * width / files;
      err.printf(Locale.ROOT, "\r%-20s [%s%s] %d/%d files", name, "#".repeat(filled),
          " ".repeat(width - filled), done, files);
      err.flush();
    }
  }

  private void printTable(PrintWriter out, NabCorpus corpus, List<Map<String, Object>> rows) {
    out.printf(Locale.ROOT, "NAB v1.1 scoring of %s: %d files, %d windows, %d rows%n", data,
        corpus.files().size(), corpus.windowCount(), corpus.rowCount());
    out.printf(Locale.ROOT, "%-22s %9s %9s %9s %14s %12s%n", "detector", "standard", "low-FP",
        "low-FN", "points/s/core", "state bytes");
    for (Map<String, Object> r : rows) {
      out.printf(Locale.ROOT, "%-22s %9.2f %9.2f %9.2f %14.0f %12.0f%n", r.get("detector"),
          (Double) r.get("standard"), (Double) r.get("reward_low_FP_rate"),
          (Double) r.get("reward_low_FN_rate"), (Double) r.get("pointsPerSecond"),
          (Double) r.get("stateBytesPerSeries"));
    }
    if (resultsDir != null) {
      out.printf(Locale.ROOT, "NAB-format results written under %s%n", resultsDir);
    }
    out.flush();
  }

  private void writeResults(NabCorpus corpus, NabRun run) throws IOException {
    String det = run.detector();
    for (int f = 0; f < corpus.files().size(); f++) {
      NabFile file = corpus.files().get(f);
      Path target = resultsDir.resolve(det).resolve(file.category())
          .resolve(det + "_" + file.name());
      int[] windowOf = new int[file.series().size()];
      for (NabFile.Window w : file.windows()) {
        for (int i = w.start(); i <= w.end(); i++) {
          windowOf[i] = 1;
        }
      }
      double[] scores = run.scores().get(f);
      TimeSeries s = file.series();
      StringBuilder csv = new StringBuilder("timestamp,value,anomaly_score,label\n");
      for (int i = 0; i < s.size(); i++) {
        csv.append(NAB_TIME.format(LocalDateTime.ofEpochSecond(
                Math.floorDiv(s.timestampsMs()[i], 1000), 0, ZoneOffset.UTC)))
            .append(',').append(s.values()[i]).append(',').append(scores[i]).append(',')
            .append(windowOf[i]).append('\n');
      }
      byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
      AtomicFile.write(target, o -> o.write(bytes));
    }
  }
}
