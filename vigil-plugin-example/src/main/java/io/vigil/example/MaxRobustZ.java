package io.vigil.example;

import io.vigil.detect.BatchDetector;
import io.vigil.series.Dataset;
import java.util.Arrays;
import java.util.List;

/**
 * The largest robust z-score of a row's features: each feature's distance from its training
 * median in units of its training interquartile range / 1.349. Ignores how features move
 * together, which is what the built-in Gaussian is for; here to show a multivariate plug-in.
 */
final class MaxRobustZ implements BatchDetector {
  static final String ALGORITHM = "max-robust-z";

  private final List<String> features;
  private final double[] median;
  private final double[] sigma;

  private MaxRobustZ(List<String> features, double[] median, double[] sigma) {
    this.features = features;
    this.median = median;
    this.sigma = sigma;
  }

  static MaxRobustZ fit(Dataset train) {
    int d = train.dimension();
    double[] median = new double[d];
    double[] sigma = new double[d];
    for (int j = 0; j < d; j++) {
      double[] column = new double[train.size()];
      for (int i = 0; i < column.length; i++) {
        column[i] = train.rows()[i][j];
      }
      Arrays.sort(column);
      median[j] = quantile(column, 0.5);
      double iqr = quantile(column, 0.75) - quantile(column, 0.25);
      double range = column[column.length - 1] - column[0];
      sigma[j] = Math.max(iqr / 1.349, Math.max(0.01 * range, 1e-9 * (1 + Math.abs(median[j]))));
    }
    return new MaxRobustZ(train.featureNames(), median, sigma);
  }

  private static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int i = (int) pos;
    return i + 1 < sorted.length ? sorted[i] + (sorted[i + 1] - sorted[i]) * (pos - i)
        : sorted[i];
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  public List<String> featureNames() {
    return features;
  }

  @Override
  public double score(double[] row) {
    return Arrays.stream(contributions(row)).max().orElse(0);
  }

  @Override
  public double[] contributions(double[] row) {
    if (row.length != median.length) {
      throw new IllegalArgumentException("a row of " + row.length + " values; "
          + median.length + " features expected");
    }
    double[] z = new double[row.length];
    for (int j = 0; j < row.length; j++) {
      if (!Double.isFinite(row[j])) {
        throw new IllegalArgumentException(features.get(j) + " is not finite: " + row[j]);
      }
      z[j] = Math.abs(row[j] - median[j]) / sigma[j];
    }
    return z;
  }
}
