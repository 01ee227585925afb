package io.vigil.detect.gaussian;

/**
 * Points on a contour of a 2-D Gaussian, for plots. Every contour of a Gaussian density is the
 * ellipse of one Mahalanobis distance r: {@code x = μ + L·r·(cos t, sin t)} with {@code LLᵀ = Σ}.
 */
public final class GaussianContour {

  private GaussianContour() {}

  /**
   * The ellipse at Mahalanobis distance {@code radius}, closed (the last point repeats the
   * first).
   *
   * @param gaussian a 2-feature Gaussian
   * @param points points around the ellipse, at least 3
   * @return {@code [xs, ys]}
   */
  public static double[][] ellipse(MultivariateGaussian gaussian, double radius, int points) {
    if (gaussian.featureNames().size() != 2) {
      throw new IllegalArgumentException("contours are drawn for 2 features, not "
          + gaussian.featureNames().size());
    }
    if (!(radius > 0) || points < 3) {
      throw new IllegalArgumentException("need a positive radius and at least 3 points");
    }
    double[] mu = gaussian.mean();
    double[][] s = gaussian.covariance();
    double l11 = Math.sqrt(s[0][0]);
    double l21 = s[1][0] / l11;
    double l22 = Math.sqrt(s[1][1] - l21 * l21);
    double[] xs = new double[points + 1];
    double[] ys = new double[points + 1];
    for (int k = 0; k <= points; k++) {
      double t = 2 * Math.PI * (k % points) / points;
      double u = radius * Math.cos(t);
      double v = radius * Math.sin(t);
      xs[k] = mu[0] + l11 * u;
      ys[k] = mu[1] + l21 * u + l22 * v;
    }
    return new double[][] {xs, ys};
  }
}
