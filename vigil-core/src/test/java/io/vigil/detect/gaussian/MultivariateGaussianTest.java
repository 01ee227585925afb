package io.vigil.detect.gaussian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vigil.series.DataFormatException;
import io.vigil.series.Dataset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Densities checked against scipy.stats.multivariate_normal.logpdf, computed separately. */
class MultivariateGaussianTest {
  private static final List<String> XY = List.of("x", "y");
  private static final double[] MU = {1, -2};
  private static final MultivariateGaussian FULL = new MultivariateGaussian(
      XY, CovarianceType.FULL, MU, new double[][] {{4, 1.2}, {1.2, 1}});
  private static final MultivariateGaussian DIAG = new MultivariateGaussian(
      XY, CovarianceType.DIAGONAL, MU, new double[][] {{4, 0}, {0, 1}});

  @Test
  void logDensity_matchesScipy_full() {
    assertThat(FULL.logDensity(new double[] {1, -2})).isCloseTo(-2.307880695655081, within(1e-12));
    assertThat(FULL.logDensity(new double[] {3, 0.5})).isCloseTo(-5.628193195655083, within(1e-12));
    assertThat(FULL.logDensity(new double[] {-4, -1}))
        .isCloseTo(-10.315693195655083, within(1e-12));
  }

  @Test
  void logDensity_matchesScipy_diagonal() {
    assertThat(DIAG.logDensity(new double[] {1, -2})).isCloseTo(-2.5310242469692907, within(1e-12));
    assertThat(DIAG.logDensity(new double[] {3, 0.5})).isCloseTo(-6.156024246969291, within(1e-12));
    assertThat(DIAG.logDensity(new double[] {-4, -1})).isCloseTo(-6.156024246969291, within(1e-12));
  }

  @Test
  void score_isNegativeLogDensity() {
    double[] x = {3, 0.5};
    assertThat(FULL.score(x)).isEqualTo(-FULL.logDensity(x));
  }

  @Test
  void contributions_sumToMahalanobisSquared_andRankTheDeviatingFeature() {
    double[] x = {-4, -1};
    double[] c = FULL.contributions(x);
    // (x-μ) = (-5, 1); Σ⁻¹ = [[1, -1.2], [-1.2, 4]] / 2.56 → Σ⁻¹(x-μ) = (-6.2, 10) / 2.56.
    assertThat(c[0]).isCloseTo(-5 * -6.2 / 2.56, within(1e-12));
    assertThat(c[1]).isCloseTo(1 * 10 / 2.56, within(1e-12));
    assertThat(c[0] + c[1]).isCloseTo(FULL.mahalanobisSquared(x), within(1e-12));
    assertThat(DIAG.contributions(x)).containsExactly(25.0 / 4, 1.0);
  }

  @Test
  void fit_usesMaximumLikelihoodMoments() {
    Dataset d = Dataset.of("d.csv", XY,
        new double[][] {{1, 2}, {2, 1}, {3, 5}, {4, 3}, {10, 8}}, null);
    MultivariateGaussian full = MultivariateGaussian.fit(d, CovarianceType.FULL);
    assertThat(full.mean()).containsExactly(new double[] {4, 3.8}, within(1e-12));
    assertThat(full.covariance()[0]).containsExactly(new double[] {10, 7}, within(1e-12));
    assertThat(full.covariance()[1]).containsExactly(new double[] {7, 6.16}, within(1e-12));
    assertThat(full.logDensity(new double[] {0, 0})).isCloseTo(-4.301550870213458, within(1e-12));
    MultivariateGaussian diag = MultivariateGaussian.fit(d, CovarianceType.DIAGONAL);
    assertThat(diag.covariance()[0]).containsExactly(new double[] {10, 0}, within(1e-12));
  }

  @Test
  void logDensity_inManyDimensions_staysFiniteWhereTheDensityUnderflows() {
    int d = 400;
    List<String> names = java.util.stream.IntStream.range(0, d).mapToObj(i -> "f" + i).toList();
    double[][] cov = new double[d][d];
    for (int i = 0; i < d; i++) {
      cov[i][i] = 1;
    }
    MultivariateGaussian g = new MultivariateGaussian(names, CovarianceType.FULL, new double[d], cov);
    double[] x = new double[d];
    java.util.Arrays.fill(x, 3);
    double expected = -0.5 * d * Math.log(2 * Math.PI) - 0.5 * 9 * d;
    assertThat(Math.exp(expected)).isZero();
    assertThat(g.logDensity(x)).isCloseTo(expected, within(1e-9));
  }

  @Test
  void fit_constantFeature_namesTheFeatureAndFile() {
    Dataset d = Dataset.of("flat.csv", XY, new double[][] {{1, 5}, {2, 5}, {3, 5}}, null);
    assertThatThrownBy(() -> MultivariateGaussian.fit(d, CovarianceType.DIAGONAL))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("flat.csv")
        .hasMessageContaining("'y'")
        .hasMessageContaining("constant");
  }

  @Test
  void fit_full_collinearFeatures_namesTheDependentFeature() {
    Dataset d = Dataset.of("lin.csv", List.of("a", "b"),
        new double[][] {{1, 2}, {2, 4}, {3, 6}, {5, 10}}, null);
    assertThatThrownBy(() -> MultivariateGaussian.fit(d, CovarianceType.FULL))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("lin.csv")
        .hasMessageContaining("'b'");
    // The diagonal model does not care about the dependence.
    assertThat(MultivariateGaussian.fit(d, CovarianceType.DIAGONAL).score(new double[] {1, 2}))
        .isFinite();
  }

  @Test
  void score_rejectsWrongWidthAndNaN() {
    assertThatThrownBy(() -> FULL.score(new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 2");
    assertThatThrownBy(() -> FULL.score(new double[] {1, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y");
  }

  @Test
  void constructor_rejectsANonPositiveDefiniteCovariance() {
    assertThatThrownBy(() -> new MultivariateGaussian(
        XY, CovarianceType.FULL, MU, new double[][] {{1, 2}, {2, 1}}))
        .isInstanceOf(IllegalArgumentException.class);
  }
  @Test
  void marginal_keepsTheSubMatrix() {
    MultivariateGaussian g = new MultivariateGaussian(List.of("a", "b", "c"),
        CovarianceType.FULL, new double[] {1, 2, 3},
        new double[][] {{4, 1, 0.5}, {1, 2, 0.3}, {0.5, 0.3, 1}});
    MultivariateGaussian m = g.marginal(2, 0);
    assertThat(m.featureNames()).containsExactly("c", "a");
    assertThat(m.mean()).containsExactly(3, 1);
    assertThat(m.covariance()[0]).containsExactly(1, 0.5);
    assertThat(m.covariance()[1]).containsExactly(0.5, 4);
  }

  @Test
  void contour_pointsLieAtTheirMahalanobisDistance_andTheThresholdRadiusScoresTheThreshold() {
    double r = FULL.mahalanobisRadiusAtScore(7.0);
    double[][] e = GaussianContour.ellipse(FULL, r, 36);
    assertThat(e[0]).hasSize(37);
    assertThat(e[0][36]).isEqualTo(e[0][0]);
    for (int k = 0; k < 36; k++) {
      double[] p = {e[0][k], e[1][k]};
      assertThat(FULL.mahalanobisSquared(p)).isCloseTo(r * r, within(1e-9));
      assertThat(FULL.score(p)).isCloseTo(7.0, within(1e-9));
    }
    // The peak scores -logpdf(μ) = 2.3079 (scipy): a lower score lies on no contour.
    assertThat(FULL.mahalanobisRadiusAtScore(2.0)).isNaN();
  }
}
