package io.vigil.detect.multi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.detect.BatchDetector;
import io.vigil.series.Dataset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every multivariate family on rows with a known structure: three metrics tied to one load
 * (like requests, CPU and traffic) and one independent metric. Injected rows must outscore
 * the normal held-out rows (each family as far as it can, stated per family), and the
 * contributions must name the feature that was changed.
 */
class MultivariateDetectorsTest {
  private static final List<String> FEATURES = List.of("requests", "cpu", "net", "temp");

  /** One row of normal behaviour at load u in [0, 1]. */
  private static double[] normal(Random r) {
    double u = r.nextDouble();
    double requests = 100 + 400 * u + 5 * r.nextGaussian();
    return new double[] {requests, 10 + 0.15 * requests + 1.5 * r.nextGaussian(),
        0.02 * requests + 0.2 * r.nextGaussian(), 40 + 2 * r.nextGaussian()};
  }

  private static Dataset rows(int n, long seed) {
    Random r = new Random(seed);
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = normal(r);
    }
    return Dataset.of("train.csv", FEATURES, rows, null);
  }

  static List<String> algorithms() {
    return MultivariateDetectors.ALGORITHMS;
  }

  /** The share of 1,000 normal rows, not seen in fitting, that score below {@code row}. */
  private static double rank(BatchDetector d, double[] row) {
    double score = d.score(row);
    return Arrays.stream(rows(1000, 2).rows()).filter(r -> d.score(r) < score).count() / 1000.0;
  }

  /**
   * How high each family must rank a far value: above every normal row, except Isolation
   * Forest, whose cuts all fall inside the training range, so a value far beyond the maximum
   * is isolated no sooner than the maximum itself (measured: above 94%), and ECOD, whose
   * penalty for a value beyond every training value is ln(n + 1) however far it goes, so rows
   * a little odd in all four metrics can outscore it (measured: above 83%).
   */
  private static final Map<String, Double> FAR_VALUE_RANK =
      Map.of("isolation-forest", 0.9, "ecod", 0.8);

  /**
   * How high each family must rank a broken relationship. The Gaussian, PCA and the ensemble
   * model the correlation and put it above every normal row. k-NN sees it at the 99.6th
   * percentile: in standard units the row is close to its neighbours. The forests cut one
   * axis at a time and barely see it (RCF 87%, Isolation Forest 66%): they are not asked to.
   * The training range sees nothing inside the ranges, by design (it scores the row 0), nor
   * does ECOD, which judges each metric alone (7%).
   */
  private static final Map<String, Double> BROKEN_RELATIONSHIP_RANK =
      Map.of("knn", 0.99, "rcf", 0.0, "isolation-forest", 0.0, "range", 0.0, "ecod", 0.0);

  private static int argmax(double[] v) {
    int best = 0;
    for (int j = 1; j < v.length; j++) {
      if (v[j] > v[best]) {
        best = j;
      }
    }
    return best;
  }

  @ParameterizedTest
  @MethodSource("algorithms")
  void findsAValueFarOutAndNamesIt(String algorithm) {
    BatchDetector d = MultivariateDetectors.fit(algorithm, rows(2000, 1), 42);
    // A temperature 12 standard deviations high, everything else ordinary (load at middle).
    double[] hot = {300, 55, 6, 64};
    assertThat(rank(d, hot)).isGreaterThanOrEqualTo(FAR_VALUE_RANK.getOrDefault(algorithm, 1.0));
    assertThat(argmax(d.contributions(hot))).isEqualTo(3);
  }

  @ParameterizedTest
  @MethodSource("algorithms")
  void findsABrokenRelationshipAndNamesIt(String algorithm) {
    BatchDetector d = MultivariateDetectors.fit(algorithm, rows(2000, 1), 42);
    // At the middle load (300 requests) CPU should be 55 ± 1.5; at 70 it is well inside its
    // own range (25..85) but ten standard deviations off what the load explains: a runaway
    // process. Everything else sits at its mean.
    double[] runaway = {300, 70, 6, 40};
    assertThat(rank(d, runaway))
        .isGreaterThanOrEqualTo(BROKEN_RELATIONSHIP_RANK.getOrDefault(algorithm, 1.0));
    if (BROKEN_RELATIONSHIP_RANK.getOrDefault(algorithm, 1.0) > 0) {
      assertThat(argmax(d.contributions(runaway))).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("algorithms")
  void sameDataAndSeedGiveTheSameScores(String algorithm) {
    double[] row = {250, 49, 5, 41};
    assertThat(MultivariateDetectors.fit(algorithm, rows(500, 1), 42).score(row))
        .isEqualTo(MultivariateDetectors.fit(algorithm, rows(500, 1), 42).score(row));
  }

  @ParameterizedTest
  @MethodSource("algorithms")
  void refusesARowOfTheWrongShapeOrNaN(String algorithm) {
    BatchDetector d = MultivariateDetectors.fit(algorithm, rows(300, 1), 42);
    assertThatThrownBy(() -> d.score(new double[] {1, 2, 3}))
        .hasMessageContaining("expected 4 values");
    assertThatThrownBy(() -> d.score(new double[] {1, Double.NaN, 3, 4}))
        .hasMessageContaining("cpu is not a finite number");
  }

  @Test
  void aConstantTrainingColumnDoesNotStopTheFit() {
    Dataset train = rows(500, 1);
    double[][] withConstant = Arrays.stream(train.rows())
        .map(r -> new double[] {r[0], r[1], r[2], 7.0}).toArray(double[][]::new);
    Dataset constant = Dataset.of("train.csv", FEATURES, withConstant, null);
    for (String algorithm : MultivariateDetectors.ALGORITHMS) {
      BatchDetector d = MultivariateDetectors.fit(algorithm, constant, 42);
      assertThat(d.score(new double[] {300, 55, 6, 7.0})).as(algorithm).isFinite();
    }
  }

  @Test
  void unknownAlgorithmIsNamedWithTheKnownOnes() {
    assertThatThrownBy(() -> MultivariateDetectors.fit("lof", rows(10, 1), 1))
        .hasMessageContaining("unknown multivariate algorithm 'lof'")
        .hasMessageContaining("ensemble, gaussian, isolation-forest");
  }

  @Test
  void theAutoencodersWindow_isGivenInItsSpec_andAnythingElseIsNamed() {
    assertThat(MultivariateDetectors.algorithmOf("autoencoder:window=5")).isEqualTo("autoencoder");
    assertThat(MultivariateDetectors.algorithmOf("knn")).isEqualTo("knn");
    assertThat(((io.vigil.detect.neural.DenseAutoencoder) MultivariateDetectors.fit(
        "autoencoder:window=4", rows(40, 1), 1)).window()).isEqualTo(4);
    assertThatThrownBy(() -> MultivariateDetectors.algorithmOf("knn:window=3"))
        .hasMessageContaining("knn takes no parameters");
    assertThatThrownBy(() -> MultivariateDetectors.algorithmOf("autoencoder:depth=2"))
        .hasMessageContaining("the autoencoder's one parameter is window=N");
    for (String bad : new String[] {"autoencoder:window=x", "autoencoder:window=61",
        "autoencoder:window=0"}) {
      assertThatThrownBy(() -> MultivariateDetectors.algorithmOf(bad))
          .hasMessageContaining("'" + bad + "': the window must be a whole number of rows"
              + " from 1 to 60");
    }
  }
}
