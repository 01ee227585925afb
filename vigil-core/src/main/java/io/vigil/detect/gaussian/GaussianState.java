package io.vigil.detect.gaussian;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The fitted values of a {@link MultivariateGaussian} as stored in a model file: the mean and
 * either the per-feature variances (diagonal) or the covariance matrix (full).
 *
 * @param mean one value per feature
 * @param variance diagonal models: one variance per feature; null for full
 * @param covariance full models: the d×d matrix; null for diagonal
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GaussianState(double[] mean, double[] variance, double[][] covariance) {

  /** The state of a fitted detector. */
  public static GaussianState of(MultivariateGaussian g) {
    double[][] cov = g.covariance();
    if (g.covarianceType() == CovarianceType.FULL) {
      return new GaussianState(g.mean(), null, cov);
    }
    double[] variance = new double[cov.length];
    for (int j = 0; j < cov.length; j++) {
      variance[j] = cov[j][j];
    }
    return new GaussianState(g.mean(), variance, null);
  }

  /** The covariance type this state describes. */
  public CovarianceType type() {
    if ((variance == null) == (covariance == null)) {
      throw new IllegalArgumentException(
          "a Gaussian state needs exactly one of 'variance' (diagonal) or 'covariance' (full)");
    }
    return variance != null ? CovarianceType.DIAGONAL : CovarianceType.FULL;
  }

  /** The full covariance matrix, built from the variances for a diagonal model. */
  public double[][] covarianceMatrix() {
    if (type() == CovarianceType.FULL) {
      return covariance;
    }
    double[][] m = new double[variance.length][variance.length];
    for (int j = 0; j < variance.length; j++) {
      m[j][j] = variance[j];
    }
    return m;
  }
}
