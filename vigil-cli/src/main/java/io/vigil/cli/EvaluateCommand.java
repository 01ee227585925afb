package io.vigil.cli;

import io.vigil.eval.Evaluation;
import io.vigil.model.Model;
import io.vigil.series.Dataset;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code vigil evaluate}: a model's figures on labelled data. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Measure a model on labelled rows: confusion counts, precision, recall, F1"
        + " at the model's threshold, and the threshold-free PR-AUC.")
final class EvaluateCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin OutputFormat format;

  @Mixin ModelInput input;

  @Override
  public Integer call() throws Exception {
    Model model = input.loadModel();
    Dataset rows = input.readData();
    Evaluation e = model.evaluate(rows);
    PrintWriter out = spec.commandLine().getOut();
    if (format.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", input.modelFile.toString());
      m.put("data", input.data.toString());
      m.put("threshold", model.threshold());
      m.putAll(Figures.evaluationFields(e));
      OutputFormat.printJson(out, m);
    } else {
      out.printf(Locale.ROOT, "%s on %s: %d rows, %d labelled anomalies, %d flagged%n",
          input.modelFile, input.data, e.rows(), e.anomalies(), e.flagged());
      Figures.printEvaluation(out, e);
      out.flush();
    }
    return 0;
  }
}
