package io.vigil.cli;

import io.vigil.eval.Evaluation;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How figures read in the text output, the same in every command. */
final class Figures {
  private Figures() {}

  /** A ratio such as precision, to 4 places. */
  static String ratio(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  /** A score, to 4 places. */
  static String score(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  /** A density cut: scientific, or as a power of ten once it underflows a double. */
  static String epsilon(Double epsilon, Double log10Epsilon) {
    if (epsilon != null && epsilon > Double.MIN_NORMAL) {
      return String.format(Locale.ROOT, "%.4e", epsilon);
    }
    return log10Epsilon == null ? "-" : String.format(Locale.ROOT, "10^%.3f", log10Epsilon);
  }

  /** The evaluation block shared by {@code train} and {@code evaluate}. */
  static void printEvaluation(PrintWriter out, Evaluation e) {
    out.printf(Locale.ROOT, "  precision %s   recall %s   F1 %s   PR-AUC %s%n",
        ratio(e.precision()), ratio(e.recall()), ratio(e.f1()),
        e.prAuc() == null ? "-" : ratio(e.prAuc()));
    out.printf(Locale.ROOT, "  TP %d   FP %d   FN %d   TN %d%n", e.truePositives(),
        e.falsePositives(), e.falseNegatives(), e.trueNegatives());
  }

  /** The evaluation's figures as JSON fields, flat, in a stable order. */
  static Map<String, Object> evaluationFields(Evaluation e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows", e.rows());
    m.put("anomalies", e.anomalies());
    m.put("flagged", e.flagged());
    m.put("truePositives", e.truePositives());
    m.put("falsePositives", e.falsePositives());
    m.put("falseNegatives", e.falseNegatives());
    m.put("trueNegatives", e.trueNegatives());
    m.put("precision", e.precision());
    m.put("recall", e.recall());
    m.put("f1", e.f1());
    m.put("prAuc", e.prAuc());
    return m;
  }
}
