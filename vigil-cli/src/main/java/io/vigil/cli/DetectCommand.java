package io.vigil.cli;

import io.vigil.io.AtomicFile;
import io.vigil.model.Model;
import io.vigil.series.Dataset;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil detect}: score rows with a model and mark the anomalies. */
@Command(name = "detect", mixinStandardHelpOptions = true,
    description = {
        "Score every row of a CSV with a trained model.",
        "Writes the rows with 'score' and 'anomaly' (1/0) columns appended to --output, or to"
            + " standard output, and summarises the most anomalous rows and which feature"
            + " deviated most."})
final class DetectCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin OutputFormat format;

  @Mixin ModelInput input;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Where to write the scored CSV. Default: standard output.")
  Path output;

  @Option(names = "--top", defaultValue = "10",
      description = "How many of the most anomalous rows to list. Default: ${DEFAULT-VALUE}.")
  int top;

  @Override
  public Integer call() throws Exception {
    if (format.json && output == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--json needs --output: the scored CSV would otherwise share standard output");
    }
    if (top < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--top must be 0 or more");
    }
    Model model = input.loadModel();
    Dataset rows = input.readData();
    double[] scores = model.score(rows);
    boolean[] flags = model.flags(scores);
    int anomalies = 0;
    for (boolean f : flags) {
      anomalies += f ? 1 : 0;
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output == null) {
      ScoredCsvWriter.write(input.data, rows, scores, flags, out);
      out.flush();
    } else {
      AtomicFile.write(output, os -> {
        Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
        ScoredCsvWriter.write(input.data, rows, scores, flags, w);
        w.flush();
      });
    }
    List<Map<String, Object>> ranked = mostAnomalous(model, rows, scores, flags);
    if (format.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", input.modelFile.toString());
      m.put("data", input.data.toString());
      m.put("output", output.toString());
      m.put("rows", rows.size());
      m.put("anomalies", anomalies);
      m.put("threshold", model.threshold());
      m.put("mostAnomalous", ranked);
      OutputFormat.printJson(out, m);
    } else {
      // With the CSV on standard output, the summary goes to standard error.
      PrintWriter text = output == null ? spec.commandLine().getErr() : out;
      printText(text, rows.size(), anomalies, ranked);
    }
    return 0;
  }

  /** The flagged rows by descending score, each with its features' shares of the deviation. */
  private List<Map<String, Object>> mostAnomalous(
      Model model, Dataset rows, double[] scores, boolean[] flags) {
    double[][] aligned = model.alignedRows(rows);
    List<String> features = model.detector().featureNames();
    List<Map<String, Object>> out = new ArrayList<>();
    IntStream.range(0, scores.length).filter(i -> flags[i]).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -scores[i]))
        .limit(top)
        .forEach(i -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("line", rows.lines()[i]);
          row.put("score", scores[i]);
          row.put("contributions", shares(features, model.detector().contributions(aligned[i])));
          out.add(row);
        });
    return out;
  }

  /** Each feature's share of the total, largest first. */
  private static Map<String, Double> shares(List<String> features, double[] contributions) {
    double total = 0;
    for (double c : contributions) {
      total += c;
    }
    double sum = total;
    Map<String, Double> m = new LinkedHashMap<>();
    IntStream.range(0, contributions.length).boxed()
        .sorted(Comparator.comparingDouble((Integer j) -> -contributions[j]))
        .forEach(j -> m.put(features.get(j), sum > 0 ? contributions[j] / sum : 0.0));
    return m;
  }

  private void printText(PrintWriter text, int rows, int anomalies,
      List<Map<String, Object>> ranked) {
    text.printf(Locale.ROOT, "Scored %d rows of %s: %d anomalies (%.1f%%)%n", rows,
        input.data, anomalies, rows == 0 ? 0.0 : 100.0 * anomalies / rows);
    if (!ranked.isEmpty()) {
      text.printf(Locale.ROOT, "Most anomalous rows:%n  %6s  %10s  %s%n", "line", "score",
          "largest deviations (share of the distance from normal)");
      for (Map<String, Object> r : ranked) {
        @SuppressWarnings("unchecked")
        Map<String, Double> c = (Map<String, Double>) r.get("contributions");
        List<String> parts = new ArrayList<>();
        c.entrySet().stream().limit(3).forEach(e -> parts.add(
            String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), 100 * e.getValue())));
        text.printf(Locale.ROOT, "  %6d  %10s  %s%n", (Long) r.get("line"),
            Figures.score((Double) r.get("score")), String.join(", ", parts));
      }
    }
    if (output != null) {
      text.printf(Locale.ROOT, "Scored rows written to %s%n", output);
    }
    text.flush();
  }
}
