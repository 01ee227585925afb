package io.vigil.detect.gaussian;

import java.util.Locale;

/** Which covariance a {@link MultivariateGaussian} fits. */
public enum CovarianceType {
  /** Independent features: one variance each, the product of univariate normals (the study). */
  DIAGONAL,
  /** Correlated features: the full covariance matrix, which sees a broken correlation. */
  FULL;

  /** The lower-case name used in model files and on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code diagonal} or {@code full}, case-insensitive. */
  public static CovarianceType parse(String text) {
    for (CovarianceType t : values()) {
      if (t.id().equalsIgnoreCase(text)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown covariance '" + text + "': use 'diagonal' or 'full'");
  }
}
