package io.vigil.detect.gaussian;

import io.vigil.detect.AbstractBatchDetector;
import io.vigil.detect.BatchDetector;
import io.vigil.series.DataFormatException;
import io.vigil.series.Dataset;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.correlation.Covariance;

/**
 * A multivariate normal distribution fitted by maximum likelihood, used as an anomaly detector:
 * rows of low density are anomalous.
 *
 * <p>Score: the negative natural log of the density, in nats ({@code -ln p(x)}), so a density
 * threshold ε becomes the score threshold {@code -ln ε} and "p &lt; ε" becomes "score &gt;
 * -ln ε". Working in log-density matters: the 11-feature study data has densities near 1e-18,
 * and a few more features would underflow a double to 0.
 *
 * <p>Fit (as in the study): per-feature mean and the maximum-likelihood (population, divide by
 * m) variance or covariance, computed by Commons Math.
 *
 * <p>Scoring: diagonal, {@code -ln p = ½ Σ ln(2πσ²ⱼ) + ½ Σ (xⱼ-μⱼ)²/σ²ⱼ}; full, with Σ = LLᵀ
 * (Cholesky), {@code -ln p = ½ d ln 2π + Σ ln Lᵢᵢ + ½ |L⁻¹(x-μ)|²}. A detector restored from
 * its {@link #mean()} and {@link #covariance()} repeats the same arithmetic, so its scores are
 * bit-identical.
 *
 * <p>Contributions split the squared Mahalanobis distance {@code (x-μ)ᵀ Σ⁻¹ (x-μ)} by feature:
 * {@code (xⱼ-μⱼ)·(Σ⁻¹(x-μ))ⱼ}. They sum to the distance; with a diagonal covariance each is the
 * squared z-score, with a full one a term can be negative when a feature's deviation is
 * explained by a correlated one.
 */
public final class MultivariateGaussian extends AbstractBatchDetector {

  /** Name in model files. */
  public static final String ALGORITHM = "gaussian";

  /**
   * A feature whose variance, given the features before it, is below this fraction of its own
   * variance is a linear combination of them: the covariance is singular in all but rounding.
   */
  private static final double MIN_CONDITIONAL_VARIANCE_RATIO = 1e-12;

  private static final double LN_2PI = Math.log(2 * Math.PI);

  private final CovarianceType type;
  private final double[] mean;
  private final double[][] covariance;
  /** Diagonal: 1/σ²ⱼ. Null for full covariance. */
  private final double[] inverseVariance;
  /** Full: the lower Cholesky factor L of Σ. Null for diagonal. */
  private final double[][] lower;
  /** {@code -ln} of the density's normalising constant: ½ d ln 2π + ½ ln|Σ|. */
  private final double logNormaliser;

  /**
   * Builds the detector from fitted values, as {@link #fit} does and as a model file restores it.
   *
   * @param covariance a d×d symmetric positive-definite matrix; for {@link
   *     CovarianceType#DIAGONAL} only its diagonal is read and the rest must be 0
   * @throws IllegalArgumentException when sizes disagree, a value is not finite, or the
   *     covariance is not positive definite
   */
  public MultivariateGaussian(
      List<String> featureNames, CovarianceType type, double[] mean, double[][] covariance) {
    super(ALGORITHM, featureNames);
    this.type = type;
    int d = featureNames().size();
    if (d == 0 || mean.length != d || covariance.length != d) {
      throw new IllegalArgumentException("mean and covariance need one entry per feature");
    }
    this.mean = mean.clone();
    this.covariance = new double[d][];
    for (int i = 0; i < d; i++) {
      if (covariance[i].length != d) {
        throw new IllegalArgumentException("covariance must be " + d + "x" + d);
      }
      this.covariance[i] = covariance[i].clone();
      requireFinite(mean[i], "mean of " + featureNames.get(i));
      for (int j = 0; j < d; j++) {
        requireFinite(covariance[i][j], "covariance");
        if (type == CovarianceType.DIAGONAL && i != j && covariance[i][j] != 0.0) {
          throw new IllegalArgumentException("a diagonal covariance has zeros off the diagonal");
        }
      }
    }
    if (type == CovarianceType.DIAGONAL) {
      inverseVariance = new double[d];
      double logNorm = 0;
      for (int j = 0; j < d; j++) {
        double v = covariance[j][j];
        if (!(v > 0)) {
          throw new IllegalArgumentException(
              "variance of " + featureNames.get(j) + " must be positive, was " + v);
        }
        inverseVariance[j] = 1.0 / v;
        logNorm += 0.5 * (LN_2PI + Math.log(v));
      }
      lower = null;
      logNormaliser = logNorm;
    } else {
      inverseVariance = null;
      lower = choleskyLower(this.covariance, featureNames());
      double logNorm = 0.5 * d * LN_2PI;
      for (int j = 0; j < d; j++) {
        logNorm += Math.log(lower[j][j]);
      }
      logNormaliser = logNorm;
    }
  }

  /**
   * Fits mean and covariance to every row of {@code data} (labels, if any, are ignored).
   *
   * @throws DataFormatException naming the data's source and the feature when a feature is
   *     constant (variance 0) or, for a full covariance, a linear combination of others
   */
  public static MultivariateGaussian fit(Dataset data, CovarianceType type) {
    int d = data.dimension();
    double[][] columns = new double[d][data.size()];
    for (int i = 0; i < data.size(); i++) {
      for (int j = 0; j < d; j++) {
        columns[j][i] = data.rows()[i][j];
      }
    }
    double[] mean = new double[d];
    double[][] cov = new double[d][d];
    for (int j = 0; j < d; j++) {
      mean[j] = StatUtils.mean(columns[j]);
      cov[j][j] = StatUtils.populationVariance(columns[j], mean[j]);
      if (!(cov[j][j] > 0)) {
        throw new DataFormatException(data.source(), 0, data.featureNames().get(j),
            "the feature is constant (every row is " + columns[j][0] + "), so its variance is"
                + " zero and a Gaussian cannot be fitted; drop the column");
      }
    }
    if (type == CovarianceType.FULL) {
      double[][] full = new Covariance(data.rows(), false).getCovarianceMatrix().getData();
      for (int j = 0; j < d; j++) {
        full[j][j] = cov[j][j];
      }
      cov = full;
      try {
        choleskyLower(cov, data.featureNames());
      } catch (IllegalArgumentException e) {
        throw new DataFormatException(data.source(), 0, null, e.getMessage());
      }
    }
    return new MultivariateGaussian(data.featureNames(), type, mean, cov);
  }

  /**
   * A full-covariance Gaussian whose covariance is shrunk towards its diagonal, {@code (1−λ)Σ +
   * λ·diag(Σ)}, as in Ledoit-Wolf style regularisation with a fixed λ: the shrunk matrix is
   * positive definite even when features are collinear in training. A constant feature is
   * given the variance λ, so any later change in it is still seen as far out.
   *
   * @param shrinkage λ in (0, 1]
   */
  public static MultivariateGaussian fitShrunk(Dataset data, double shrinkage) {
    if (!(shrinkage > 0 && shrinkage <= 1)) {
      throw new IllegalArgumentException("shrinkage must be in (0, 1], was " + shrinkage);
    }
    int d = data.dimension();
    if (data.size() < 2) {
      throw new IllegalArgumentException(data.source() + ": a Gaussian needs at least 2 rows");
    }
    double[] mean = new double[d];
    double[][] cov = d == 1 ? new double[1][1]
        : new Covariance(data.rows(), false).getCovarianceMatrix().getData();
    double[] column = new double[data.size()];
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < column.length; i++) {
        column[i] = data.rows()[i][j];
      }
      mean[j] = StatUtils.mean(column);
      cov[j][j] = StatUtils.populationVariance(column, mean[j]);
    }
    return shrunk(data.featureNames(), mean, cov, shrinkage);
  }

  /**
   * The full-covariance Gaussian with {@code mean} and {@code covariance} shrunk as {@link
   * #fitShrunk} does: off-diagonal terms times 1 − λ, a zero variance replaced by λ.
   */
  public static MultivariateGaussian shrunk(List<String> featureNames, double[] mean,
      double[][] covariance, double shrinkage) {
    int d = mean.length;
    double[][] shrunk = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        shrunk[i][j] = i == j
            ? (covariance[i][i] > 0 ? covariance[i][i] : shrinkage)
            : (1 - shrinkage) * covariance[i][j];
      }
    }
    return new MultivariateGaussian(featureNames, CovarianceType.FULL, mean, shrunk);
  }

  /**
   * The Gaussian of features {@code i} and {@code j} alone. A marginal of a Gaussian is the
   * Gaussian with the sub-vector of the mean and the sub-matrix of the covariance.
   */
  public MultivariateGaussian marginal(int i, int j) {
    if (i == j) {
      throw new IllegalArgumentException("a 2-D marginal needs two different features");
    }
    return new MultivariateGaussian(List.of(featureNames().get(i), featureNames().get(j)), type,
        new double[] {mean[i], mean[j]},
        new double[][] {{covariance[i][i], covariance[i][j]}, {covariance[j][i], covariance[j][j]}});
  }

  /**
   * The Mahalanobis distance at which the score equals {@code score}: rows inside it score
   * lower, rows outside higher. NaN when no row scores that low (below the density's peak).
   */
  public double mahalanobisRadiusAtScore(double score) {
    double r2 = 2 * (score - logNormaliser);
    return r2 >= 0 ? Math.sqrt(r2) : Double.NaN;
  }

  /** Diagonal or full. */
  public CovarianceType covarianceType() {
    return type;
  }

  /** A copy of the fitted mean. */
  public double[] mean() {
    return mean.clone();
  }

  /** A copy of the fitted covariance matrix (zeros off the diagonal for a diagonal model). */
  public double[][] covariance() {
    double[][] copy = new double[covariance.length][];
    Arrays.setAll(copy, i -> covariance[i].clone());
    return copy;
  }

  /** The natural log of the density at {@code row}; never underflows. */
  public double logDensity(double[] row) {
    return -score(row);
  }

  /** {@code -ln p(row)} in nats: higher is more anomalous. */
  @Override
  public double score(double[] row) {
    return logNormaliser + 0.5 * mahalanobisSquared(row);
  }

  /** The squared Mahalanobis distance of {@code row} from the mean. */
  public double mahalanobisSquared(double[] row) {
    checkRow(row);
    int d = mean.length;
    double sum = 0;
    if (inverseVariance != null) {
      for (int j = 0; j < d; j++) {
        double dev = row[j] - mean[j];
        sum += dev * dev * inverseVariance[j];
      }
    } else {
      double[] z = forwardSolve(row);
      for (double v : z) {
        sum += v * v;
      }
    }
    return sum;
  }

  @Override
  public double[] contributions(double[] row) {
    checkRow(row);
    int d = mean.length;
    double[] out = new double[d];
    if (inverseVariance != null) {
      for (int j = 0; j < d; j++) {
        double dev = row[j] - mean[j];
        out[j] = dev * dev * inverseVariance[j];
      }
      return out;
    }
    // w = Σ⁻¹(x-μ) = L⁻ᵀ z with z = L⁻¹(x-μ): a backward solve on Lᵀ.
    double[] w = forwardSolve(row);
    for (int i = d - 1; i >= 0; i--) {
      double s = w[i];
      for (int k = i + 1; k < d; k++) {
        s -= lower[k][i] * w[k];
      }
      w[i] = s / lower[i][i];
    }
    for (int j = 0; j < d; j++) {
      out[j] = (row[j] - mean[j]) * w[j];
    }
    return out;
  }

  /** z = L⁻¹(x-μ). */
  private double[] forwardSolve(double[] row) {
    int d = mean.length;
    double[] z = new double[d];
    for (int i = 0; i < d; i++) {
      double s = row[i] - mean[i];
      double[] li = lower[i];
      for (int k = 0; k < i; k++) {
        s -= li[k] * z[k];
      }
      z[i] = s / li[i];
    }
    return z;
  }

  private static void requireFinite(double v, String what) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(what + " is not a finite number: " + v);
    }
  }

  /**
   * The lower Cholesky factor of {@code cov}, rejecting near-singular matrices with the name of
   * the first feature that is (almost) a linear combination of the ones before it.
   */
  private static double[][] choleskyLower(double[][] cov, List<String> names) {
    double[][] l;
    try {
      // Symmetry is checked to rounding; positivity is checked relative to each variance below.
      l = new CholeskyDecomposition(new Array2DRowRealMatrix(cov), 1e-9, 0.0).getL().getData();
    } catch (NonPositiveDefiniteMatrixException e) {
      throw new IllegalArgumentException("the covariance matrix is not positive definite: some"
          + " features are linear combinations of others; use a diagonal covariance or drop"
          + " a feature");
    } catch (org.apache.commons.math3.linear.NonSymmetricMatrixException e) {
      throw new IllegalArgumentException("the covariance matrix is not symmetric");
    }
    for (int j = 0; j < cov.length; j++) {
      if (!(l[j][j] * l[j][j] > MIN_CONDITIONAL_VARIANCE_RATIO * cov[j][j])) {
        throw new IllegalArgumentException("feature '" + names.get(j) + "' is (almost) a linear"
            + " combination of the features before it, so the full covariance is singular;"
            + " use a diagonal covariance or drop the feature");
      }
    }
    return l;
  }
}
