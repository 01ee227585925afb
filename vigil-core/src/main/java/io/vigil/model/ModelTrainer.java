package io.vigil.model;

import io.vigil.detect.BatchDetector;
import io.vigil.detect.gaussian.MultivariateGaussian;
import io.vigil.detect.multi.MultivariateDetectors;
import io.vigil.eval.Evaluation;
import io.vigil.series.DataFormatException;
import io.vigil.series.Dataset;
import io.vigil.threshold.ContaminationThreshold;
import io.vigil.threshold.F1ThresholdSearch;
import io.vigil.threshold.ThresholdChoice;
import io.vigil.threshold.ThresholdMethod;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The training pipeline: fit the detector on training rows, choose its threshold (by F1 on
 * labelled validation rows, or by contamination without labels), measure it, and record where
 * it came from.
 */
public final class ModelTrainer {
  /** The algorithms a model can be trained with, the seed study's Gaussian first. */
  public static final List<String> ALGORITHMS = Detectors.ALGORITHMS;
  private static final long SEED = 1;
  private final Clock clock;

  /** A trainer that stamps models with the system clock. */
  public ModelTrainer() {
    this(Clock.systemUTC());
  }

  /** A trainer with a given clock, for reproducible provenance in tests. */
  public ModelTrainer(Clock clock) {
    this.clock = clock;
  }

  /**
   * Trains a model: the Gaussian of the seed study, or one of the multivariate detectors
   * fitted as the benchmark fits them (seed 1 for the randomised ones, so training is
   * repeatable).
   *
   * @param training rows to fit; labels, if present, are ignored by the fit
   * @param validation labelled rows to choose the threshold on; may be null only with {@link
   *     ThresholdMethod#CONTAMINATION}
   * @throws DataFormatException naming the file when the data cannot train this model (constant
   *     feature, no labels, no anomalies, columns that differ from training)
   */
  public Model train(Dataset training, Dataset validation, TrainingOptions options) {
    ThresholdMethod method = options.thresholdMethod();
    if (validation == null && method.needsLabels()) {
      throw new IllegalArgumentException("the " + method.id() + " threshold needs labelled"
          + " validation data; give it, or use the contamination threshold");
    }
    BatchDetector detector = options.algorithm().equals(MultivariateGaussian.ALGORITHM)
        ? MultivariateGaussian.fit(training, options.covariance())
        : MultivariateDetectors.fit(options.algorithm(), training, SEED);
    double[] trainScores = Model.scores(detector, training);
    double[] validationScores = null;
    int[] labels = null;
    if (validation != null) {
      requireLabels(validation);
      validationScores = Model.scores(detector, validation);
      labels = validation.labels();
    }
    ThresholdChoice choice = switch (method) {
      case F1_STEP_SWEEP -> F1ThresholdSearch.densityStepSweep(
          validationScores, labels, options.steps());
      case F1_EXACT -> F1ThresholdSearch.exact(validationScores, labels);
      case CONTAMINATION -> ContaminationThreshold.choose(
          trainScores, options.contamination(), null);
    };
    long outliers = 0;
    for (double s : trainScores) {
      if (choice.flags(s)) {
        outliers++;
      }
    }
    Evaluation evaluation = validation == null
        ? null : Evaluation.of(validationScores, labels, choice.threshold());
    List<ModelDocument.Alternative> alternatives = validation == null
        ? null : alternatives(detector, method, validationScores, labels, options.steps());
    ModelDocument doc = new ModelDocument(
        ModelDocument.FORMAT,
        ModelDocument.FORMAT_VERSION,
        detector.algorithm(),
        Detectors.parameters(detector),
        detector.featureNames(),
        Detectors.fitted(detector, ModelJson.MAPPER),
        Detectors.scoreDefinition(detector),
        threshold(detector, choice, alternatives),
        new ModelDocument.Training(training.size(), outliers),
        evaluation,
        new Provenance(
            DataFingerprint.of(training),
            validation == null ? null : DataFingerprint.of(validation),
            Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString(),
            VigilVersion.get(),
            System.getProperty("java.version")));
    return new Model(doc, detector);
  }

  private static void requireLabels(Dataset validation) {
    if (!validation.hasLabels()) {
      throw new DataFormatException(validation.source(), 1, null,
          "no 'label' column: validation data needs a 0/1 label on every row");
    }
    if (validation.anomalyCount() == 0) {
      throw new DataFormatException(validation.source(), 0, "label",
          "no row is labelled 1: choosing a threshold by F1 needs at least one known anomaly");
    }
  }

  /** What the F1 searches not chosen would give, so a user can compare them. */
  private static List<ModelDocument.Alternative> alternatives(BatchDetector detector,
      ThresholdMethod chosen, double[] scores, int[] labels, int steps) {
    List<ModelDocument.Alternative> out = new ArrayList<>();
    if (chosen != ThresholdMethod.F1_STEP_SWEEP && Detectors.scoresNegativeLogDensity(detector)) {
      out.add(alternative(detector, F1ThresholdSearch.densityStepSweep(scores, labels, steps)));
    }
    if (chosen != ThresholdMethod.F1_EXACT) {
      out.add(alternative(detector, F1ThresholdSearch.exact(scores, labels)));
    }
    return out;
  }

  private static ModelDocument.Alternative alternative(BatchDetector d, ThresholdChoice c) {
    var m = c.validation();
    return new ModelDocument.Alternative(c.method().id(), c.threshold(), epsilon(d, c), m.precision(),
        m.recall(), m.f1());
  }

  private static ModelDocument.Threshold threshold(BatchDetector detector, ThresholdChoice c,
      List<ModelDocument.Alternative> alternatives) {
    Double epsilon = epsilon(detector, c);
    Double log10Epsilon = epsilon == null ? null : -c.threshold() / Math.log(10);
    return new ModelDocument.Threshold(c.method().id(), c.threshold(), c.steps(),
        c.contamination(), epsilon, log10Epsilon, alternatives);
  }

  private static Double epsilon(BatchDetector detector, ThresholdChoice c) {
    return Detectors.scoresNegativeLogDensity(detector) ? Math.exp(-c.threshold()) : null;
  }
}
