package io.vigil.cli;

import io.vigil.cli.plot.AnomalyScatterPlot;
import io.vigil.cli.plot.Png;
import io.vigil.model.Model;
import io.vigil.series.Dataset;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil plot}: a PNG scatter of rows with the model's contours and flags. */
@Command(name = "plot", mixinStandardHelpOptions = true,
    description = {
        "Draw rows as a 2-D scatter (PNG) with the model's density contours, its threshold"
            + " boundary, and flagged rows circled.",
        "With more than 2 features, plots the two that contribute most to the flagged rows'"
            + " scores, unless --features names two."})
final class PlotCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin OutputFormat format;

  @Mixin ModelInput input;

  @Option(names = "--output", required = true, paramLabel = "FILE",
      description = "Where to write the PNG.")
  Path output;

  @Option(names = "--features", split = ",", paramLabel = "X,Y",
      description = "The two features to plot. Default: the two that contribute most.")
  List<String> features;

  @Option(names = "--width", defaultValue = "1000", description = "Pixels. Default: ${DEFAULT-VALUE}.")
  int width;

  @Option(names = "--height", defaultValue = "800", description = "Pixels. Default: ${DEFAULT-VALUE}.")
  int height;

  @Override
  public Integer call() throws Exception {
    if (width < 200 || height < 200 || width > 10_000 || height > 10_000) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--width and --height must be between 200 and 10000 pixels");
    }
    Model model = input.loadModel();
    List<String> names = model.detector().featureNames();
    if (names.size() < 2) {
      throw new IllegalArgumentException("the model has one feature; a scatter needs two");
    }
    Dataset rows = input.readData();
    double[][] aligned = model.alignedRows(rows);
    double[] scores = model.score(rows);
    boolean[] flags = model.flags(scores);
    int flagged = 0;
    for (boolean f : flags) {
      flagged += f ? 1 : 0;
    }
    int[] axes = features == null
        ? AnomalyScatterPlot.mostContributing(model.detector(), aligned, flags)
        : chosenAxes(names);
    String title = String.format(Locale.ROOT, "%s: %d of %d rows flagged by %s", input.data,
        flagged, rows.size(), input.modelFile.getFileName());
    if (names.size() > 2) {
      title += String.format(Locale.ROOT, " (2 of %d features)", names.size());
    }
    XYChart chart = AnomalyScatterPlot.build(model.detector(), model.threshold(), aligned,
        rows.labels(), flags, axes[0], axes[1], title, width, height);
    Png.write(chart, output);
    PrintWriter out = spec.commandLine().getOut();
    if (format.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("output", output.toString());
      m.put("x", names.get(axes[0]));
      m.put("y", names.get(axes[1]));
      m.put("rows", rows.size());
      m.put("flagged", flagged);
      OutputFormat.printJson(out, m);
    } else {
      out.printf(Locale.ROOT, "Plot of %s against %s (%d rows, %d flagged) written to %s%n",
          names.get(axes[1]), names.get(axes[0]), rows.size(), flagged, output);
      out.flush();
    }
    return 0;
  }

  private int[] chosenAxes(List<String> names) {
    if (features.size() != 2 || features.get(0).equals(features.get(1))) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--features needs two different feature names, e.g. --features "
              + names.get(0) + "," + names.get(1));
    }
    int[] axes = new int[2];
    for (int k = 0; k < 2; k++) {
      axes[k] = names.indexOf(features.get(k));
      if (axes[k] < 0) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--features: the model"
            + " has no feature '" + features.get(k) + "' (it has " + names + ")");
      }
    }
    return axes;
  }

}
