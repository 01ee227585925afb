package io.vigil.detect.multi;

import io.vigil.detect.BatchDetector;
import io.vigil.detect.ecdf.EmpiricalTails;
import io.vigil.detect.ensemble.RowEnsemble;
import io.vigil.detect.forest.IsolationForest;
import io.vigil.detect.gaussian.HeldOutShrinkage;
import io.vigil.detect.gaussian.MultivariateGaussian;
import io.vigil.detect.neighbours.NearestNeighbourDistance;
import io.vigil.detect.neural.DenseAutoencoder;
import io.vigil.detect.pca.PcaDetector;
import io.vigil.detect.range.TrainingRange;
import io.vigil.detect.rcf.RandomCutForestRows;
import io.vigil.series.Dataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The multivariate detectors by name: how the command line, the benchmark and the server fit
 * one from training rows. {@value #DEFAULT} is the calibrated ensemble of the others, fitted on
 * the columns that varied in training ({@link VaryingColumns}).
 *
 * <p>The Gaussian here is the full-covariance one of the seed study with a slight shrinkage
 * ({@value #GAUSSIAN_SHRINKAGE}) so that a column constant in training does not stop the fit;
 * where the study's fit succeeds, scores agree with it to about one part in a million. The
 * exact study model is {@code vigil train}'s. It is the benchmark's baseline; the ensemble's
 * own Gaussian chooses its shrinkage ({@link HeldOutShrinkage}).
 */
public final class MultivariateDetectors {

  /** The default: the calibrated ensemble. */
  public static final String DEFAULT = RowEnsemble.ALGORITHM;

  /** Every algorithm, the default first, then the Gaussian baseline. */
  public static final List<String> ALGORITHMS = List.of(RowEnsemble.ALGORITHM,
      MultivariateGaussian.ALGORITHM, IsolationForest.ALGORITHM, PcaDetector.ALGORITHM,
      NearestNeighbourDistance.ALGORITHM, TrainingRange.ALGORITHM, EmpiricalTails.ALGORITHM,
      RandomCutForestRows.ALGORITHM, DenseAutoencoder.ALGORITHM);

  /**
   * The ensemble's members: the Gaussian, its shrinkage chosen on held-back training rows
   * ({@link HeldOutShrinkage}); k-NN; and the training range, which sees the row every metric
   * of which falls (or rises) together beyond anything training saw, a row the Gaussian finds
   * ordinary because it lies along the direction the metrics move together in. The range
   * raised mean PR-AUC on three of the four bundled sets and left the fourth as it was (real
   * pods 0.321 to 0.331, real services 0.495 to 0.552, synthetic hosts 0.798 to 0.805, the
   * seed's sets 0.793). Isolation Forest and Random Cut Forest are left out: on the
   * benchmark's synthetic hosts their axis-parallel cuts miss the faults that break a
   * relationship between metrics (a correlation break, a traffic drop), and adding either
   * lowered the ensemble's mean PR-AUC there (by 0.0005 to 0.03) at many times the cost of
   * fitting, while moving the real sets by less than 0.01. PCA was a member until the real
   * pods ({@code datasets/nezha-hosts}) were added: without it mean PR-AUC is as high or higher
   * on every set (real pods 0.311 and 0.311, synthetic hosts 0.815 to 0.817, the seed's sets
   * 0.776 to 0.793), since its subspace score mostly repeats the Gaussian's.
   */
  static final List<String> ENSEMBLE_MEMBERS = List.of(MultivariateGaussian.ALGORITHM,
      NearestNeighbourDistance.ALGORITHM, TrainingRange.ALGORITHM);

  /**
   * The baseline Gaussian's shrinkage towards its diagonal: it keeps the covariance invertible
   * when a feature is constant or two are collinear in training, and is small because metrics
   * tied to one load are correlated close to 1 and more shrinkage blurs exactly the
   * relationships whose breaking is the fault. On the synthetic hosts and the seed's sets,
   * mean PR-AUC of the ensemble with this Gaussian was 0.773 at 1e-2, 0.797 at 1e-3, 0.802 at
   * 1e-6 and the same at 1e-9; no one value suits every host, hence the ensemble's choice.
   */
  private static final double GAUSSIAN_SHRINKAGE = HeldOutShrinkage.WITHOUT_CHOICE;

  /** The ensemble's member {@code name} fitted on {@code data}. */
  private static BatchDetector member(String name, Dataset data, long seed) {
    return name.equals(MultivariateGaussian.ALGORITHM) ? HeldOutShrinkage.fit(data)
        : fit(name, data, seed);
  }

  /** Plug-ins' algorithms by name, in the order they registered; replaced whole on change. */
  private static volatile Map<String, BatchDetectorDescriptor> plugins = new LinkedHashMap<>();

  private MultivariateDetectors() {}

  /** Every algorithm: the built-ins ({@link #ALGORITHMS}), then plug-ins'. */
  public static List<String> names() {
    List<String> all = new ArrayList<>(ALGORITHMS);
    all.addAll(plugins.keySet());
    return List.copyOf(all);
  }

  /**
   * Adds a plug-in's algorithm: from then on {@link #fit} and the benchmark know it by name.
   *
   * @throws IllegalArgumentException when the name is taken
   */
  public static synchronized void register(BatchDetectorDescriptor d) {
    if (names().contains(d.name())
        || d.name().equals(io.vigil.detect.gaussian.StreamingMultivariateGaussian.ALGORITHM)) {
      throw new IllegalArgumentException("a multivariate detector named '" + d.name()
          + "' already exists");
    }
    Map<String, BatchDetectorDescriptor> next = new LinkedHashMap<>(plugins);
    next.put(d.name(), d);
    plugins = next;
  }

  /**
   * The algorithm {@code spec} names: a spec is an algorithm's name, or for the autoencoder
   * also {@code autoencoder:window=N}, its window of rows read side by side (1 to {@value
   * DenseAutoencoder#MAX_WINDOW}, default 1).
   *
   * @throws IllegalArgumentException naming what in the spec is wrong
   */
  public static String algorithmOf(String spec) {
    int colon = spec.indexOf(':');
    if (colon < 0) {
      return spec;
    }
    String algorithm = spec.substring(0, colon);
    window(spec, algorithm);
    return algorithm;
  }

  /** The window a spec gives the autoencoder; 1 when it gives none. */
  private static int window(String spec, String algorithm) {
    int colon = spec.indexOf(':');
    if (colon < 0) {
      return 1;
    }
    if (!algorithm.equals(DenseAutoencoder.ALGORITHM)) {
      throw new IllegalArgumentException("'" + spec + "': " + algorithm + " takes no"
          + " parameters (only autoencoder:window=N does)");
    }
    String parameter = spec.substring(colon + 1);
    if (!parameter.startsWith("window=")) {
      throw new IllegalArgumentException("'" + spec + "': the autoencoder's one parameter is"
          + " window=N");
    }
    try {
      int window = Integer.parseInt(parameter.substring("window=".length()).strip());
      if (window >= 1 && window <= DenseAutoencoder.MAX_WINDOW) {
        return window;
      }
    } catch (NumberFormatException e) {
      // named below
    }
    throw new IllegalArgumentException("'" + spec + "': the window must be a whole number of"
        + " rows from 1 to " + DenseAutoencoder.MAX_WINDOW);
  }

  /**
   * Fits the algorithm {@code spec} names ({@link #algorithmOf}) on {@code train}'s rows.
   *
   * @param seed seeds the randomised algorithms, so a fit is repeatable
   * @throws IllegalArgumentException naming the known algorithms when {@code spec} names none
   *     of them, or what is wrong with its parameter
   */
  public static BatchDetector fit(String spec, Dataset train, long seed) {
    String algorithm = algorithmOf(spec);
    return switch (algorithm) {
      case RowEnsemble.ALGORITHM -> VaryingColumns.fit(train, varying -> RowEnsemble.fit(
          varying, ENSEMBLE_MEMBERS.stream()
              .map(name -> (Function<Dataset, BatchDetector>) data -> member(name, data, seed))
              .toList()));
      case MultivariateGaussian.ALGORITHM ->
          MultivariateGaussian.fitShrunk(train, GAUSSIAN_SHRINKAGE);
      case IsolationForest.ALGORITHM -> IsolationForest.fit(train, seed);
      case PcaDetector.ALGORITHM -> PcaDetector.fit(train);
      case NearestNeighbourDistance.ALGORITHM -> NearestNeighbourDistance.fit(train);
      case TrainingRange.ALGORITHM -> TrainingRange.fit(train);
      case EmpiricalTails.ALGORITHM -> EmpiricalTails.fit(train);
      case RandomCutForestRows.ALGORITHM -> RandomCutForestRows.fit(train, seed);
      case DenseAutoencoder.ALGORITHM ->
          DenseAutoencoder.fit(train, seed, window(spec, algorithm));
      default -> {
        BatchDetectorDescriptor plugin = plugins.get(algorithm);
        if (plugin == null) {
          throw new IllegalArgumentException("unknown multivariate algorithm '" + algorithm
              + "'; known: " + String.join(", ", names()));
        }
        yield plugin.fitter().fit(train, seed);
      }
    };
  }
}
