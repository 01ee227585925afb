package io.vigil.cli;

import io.vigil.detect.gaussian.CovarianceType;
import io.vigil.detect.gaussian.MultivariateGaussian;
import io.vigil.detect.multi.MultivariateDetectors;
import io.vigil.eval.Evaluation;
import io.vigil.model.Model;
import io.vigil.model.ModelDocument;
import io.vigil.model.ModelTrainer;
import io.vigil.model.TrainingOptions;
import io.vigil.series.CsvDatasetReader;
import io.vigil.series.Dataset;
import io.vigil.threshold.ThresholdMethod;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil train}: fit a model, choose its threshold, write the model file. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {
        "Fit an anomaly model to training rows and choose its threshold.",
        "With labelled validation data (a 0/1 'label' column) the threshold maximises F1 on it;"
            + " without, it flags the --contamination fraction of the training rows."})
final class TrainCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin OutputFormat format;

  @Option(names = "--algorithm", defaultValue = MultivariateGaussian.ALGORITHM,
      description = "Detector to fit. One of: ${COMPLETION-CANDIDATES} (ensemble is the"
          + " default of 'vigil bench multivariate'); autoencoder:window=N reads the last N"
          + " rows side by side. Default: ${DEFAULT-VALUE}.",
      completionCandidates = Algorithms.class)
  String algorithm;

  @Option(names = "--covariance", defaultValue = "diagonal",
      converter = Converters.Covariance.class,
      description = "Gaussian covariance: diagonal (independent features, the classic study)"
          + " or full (sees broken correlations). Default: ${DEFAULT-VALUE}.")
  CovarianceType covariance;

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "Training CSV: a header row, numeric feature columns.")
  Path data;

  @Option(names = "--validation", paramLabel = "FILE",
      description = "Labelled CSV (same features + 'label' 0/1) to choose the threshold on.")
  Path validation;

  @Option(names = "--model", required = true, paramLabel = "FILE",
      description = "Where to write the model (JSON).")
  Path model;

  @Option(names = "--threshold", converter = Converters.Threshold.class,
      paramLabel = "METHOD",
      description = "f1-step-sweep (the study's equal steps in density; the gaussian's only),"
          + " f1-exact (every distinct validation score) or contamination (no labels)."
          + " Default with --validation: f1-step-sweep for the gaussian, f1-exact for the"
          + " others; without: contamination.")
  ThresholdMethod threshold;

  @Option(names = "--steps", defaultValue = "1000",
      description = "Steps of the f1-step-sweep. Default: ${DEFAULT-VALUE}.")
  int steps;

  @Option(names = "--contamination", defaultValue = "0.01",
      description = "Fraction of training rows to flag, for the contamination threshold."
          + " Default: ${DEFAULT-VALUE}.")
  double contamination;

  /** The algorithms {@code train} knows. */
  static final class Algorithms extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Algorithms() {
      super(ModelTrainer.ALGORITHMS);
    }
  }

  @Override
  public Integer call() throws IOException {
    String named;
    try {
      named = MultivariateDetectors.algorithmOf(algorithm);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--algorithm "
          + e.getMessage());
    }
    if (!new Algorithms().contains(named)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "unknown algorithm '" + algorithm + "': use one of " + new Algorithms()
          + " (and autoencoder:window=N)");
    }
    boolean gaussian = algorithm.equals(MultivariateGaussian.ALGORITHM);
    if (!gaussian && spec.commandLine().getParseResult().hasMatchedOption("--covariance")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--covariance is the"
          + " gaussian's; the " + algorithm + " has none (the ensemble's own Gaussian chooses"
          + " how far to shrink its covariance)");
    }
    ThresholdMethod method = threshold != null ? threshold
        : validation == null ? ThresholdMethod.CONTAMINATION
        : gaussian ? ThresholdMethod.F1_STEP_SWEEP : ThresholdMethod.F1_EXACT;
    if (method.needsLabels() && validation == null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "the " + method.id()
          + " threshold needs --validation with labelled rows; without labels use"
          + " --threshold contamination");
    }
    TrainingOptions options;
    try {
      options = new TrainingOptions(covariance, method, steps, contamination, algorithm);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Dataset training = CsvDatasetReader.read(data);
    Dataset labelled = validation == null ? null : CsvDatasetReader.read(validation);
    Model trained = new ModelTrainer().train(training, labelled, options);
    io.vigil.model.ModelKey key = ModelKeys.forSigning();
    trained.save(model, key);
    PrintWriter out = spec.commandLine().getOut();
    if (format.json) {
      OutputFormat.printJson(out, summary(trained.document()));
    } else {
      printText(out, trained.document());
      out.printf(Locale.ROOT, "Signed with model key %s (%s)%n", key.id(), key.source());
      out.flush();
    }
    return 0;
  }

  private Map<String, Object> summary(ModelDocument doc) {
    Map<String, Object> m = new LinkedHashMap<>();
    ModelDocument.Threshold t = doc.threshold();
    Evaluation v = doc.validation();
    m.put("model", model.toString());
    m.put("modelKey", ModelKeys.location().toString());
    m.put("algorithm", doc.algorithm());
    m.putAll(doc.parameters());
    m.put("features", doc.features());
    m.put("thresholdMethod", t.method());
    m.put("steps", t.steps());
    m.put("contamination", t.contamination());
    m.put("threshold", t.score());
    m.put("epsilon", t.epsilon());
    m.put("log10Epsilon", t.log10Epsilon());
    m.put("f1", v == null ? null : v.f1());
    m.put("precision", v == null ? null : v.precision());
    m.put("recall", v == null ? null : v.recall());
    m.put("prAuc", v == null ? null : v.prAuc());
    m.put("outliers", doc.training().outliers());
    m.put("trainingRows", doc.training().rows());
    m.put("validation", v == null ? null : Figures.evaluationFields(v));
    m.put("alternatives", t.alternatives());
    m.put("trainingSha256", doc.provenance().trainingData().sha256());
    return m;
  }

  /** The features an ensemble left out, as its file records the columns it kept. */
  private static List<String> leftOut(ModelDocument doc) {
    List<String> out = new ArrayList<>(doc.features());
    if (doc.fitted() == null || !doc.fitted().has("columns")) {
      return List.of();
    }
    for (var column : doc.fitted().get("columns")) {
      out.remove(doc.features().get(column.asInt()));
    }
    return out;
  }

  private void printText(PrintWriter out, ModelDocument doc) {
    ModelDocument.Threshold t = doc.threshold();
    String settings = doc.parameters().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey().equals("covariance") ? e.getValue() + " covariance"
            : e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
    out.printf(Locale.ROOT, "Trained %s%s on %d rows of %s%n", doc.algorithm(),
        settings.isEmpty() ? "" : " (" + settings + ")", doc.training().rows(), data);
    out.printf(Locale.ROOT, "  features  %s%n", String.join(", ", doc.features()));
    List<String> leftOut = leftOut(doc);
    if (!leftOut.isEmpty()) {
      out.printf(Locale.ROOT, "  left out  %s (constant in training: nothing to learn of how"
          + " they vary)%n", String.join(", ", leftOut));
    }
    String how = switch (ThresholdMethod.parse(t.method())) {
      case F1_STEP_SWEEP -> t.steps() + "-step F1 sweep in density on " + validation;
      case F1_EXACT -> "exact F1 search over every validation score of " + validation;
      case CONTAMINATION -> "flags " + t.contamination() + " of the training rows";
    };
    out.printf(Locale.ROOT, "Threshold: %s%n", how);
    if (t.epsilon() != null) {
      out.printf(Locale.ROOT, "  epsilon   %s   (density below it, i.e. score above %s nats,"
          + " is an anomaly)%n", Figures.epsilon(t.epsilon(), t.log10Epsilon()),
          Figures.score(t.score()));
    } else {
      out.printf(Locale.ROOT, "  score     %s   (a score above it is an anomaly: %s)%n",
          Figures.score(t.score()), doc.score());
    }
    Evaluation v = doc.validation();
    if (v != null) {
      out.printf(Locale.ROOT, "Validation: %d rows, %d labelled anomalies%n", v.rows(),
          v.anomalies());
      Figures.printEvaluation(out, v);
    }
    out.printf(Locale.ROOT, "Training outliers: %d of %d rows%n", doc.training().outliers(),
        doc.training().rows());
    if (t.alternatives() != null && !t.alternatives().isEmpty()) {
      out.println("Other threshold searches on the same validation data:");
      for (ModelDocument.Alternative a : t.alternatives()) {
        out.printf(Locale.ROOT, "  %-14s epsilon %s   precision %s   recall %s   F1 %s%n",
            a.method(), Figures.epsilon(a.epsilon(), a.epsilon() == null ? null
                : -a.score() / Math.log(10)), Figures.ratio(a.precision()),
            Figures.ratio(a.recall()), Figures.ratio(a.f1()));
      }
    }
    out.printf(Locale.ROOT, "Model written to %s%n", model);
    out.flush();
  }
}
