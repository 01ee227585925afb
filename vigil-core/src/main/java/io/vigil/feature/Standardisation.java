package io.vigil.feature;

import java.util.List;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Per-feature centring and scaling fitted on training rows: {@code (x − mean) / sd}, so
 * features measured in different units (requests per second, milliseconds, percent) weigh
 * alike in a distance or a principal component. A constant feature gets scale 1 so it stays
 * at 0 in training and any change in it later still shows.
 *
 * @param mean per-feature mean of the training rows
 * @param scale per-feature population standard deviation, or 1 for a constant feature
 */
public record Standardisation(double[] mean, double[] scale) {

  /** Fits mean and standard deviation of every column of {@code rows}. */
  public static Standardisation fit(double[][] rows) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("no rows to standardise");
    }
    int d = rows[0].length;
    double[] mean = new double[d];
    double[] scale = new double[d];
    double[] column = new double[rows.length];
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < rows.length; i++) {
        column[i] = rows[i][j];
      }
      mean[j] = StatUtils.mean(column);
      double sd = Math.sqrt(StatUtils.populationVariance(column, mean[j]));
      scale[j] = sd > 0 ? sd : 1.0;
    }
    return new Standardisation(mean, scale);
  }

  /** Number of features. */
  public int dimension() {
    return mean.length;
  }

  /** {@code row} standardised, as a new array. */
  public double[] apply(double[] row) {
    double[] out = new double[row.length];
    for (int j = 0; j < row.length; j++) {
      out[j] = (row[j] - mean[j]) / scale[j];
    }
    return out;
  }

  /** Every row standardised. */
  public double[][] applyAll(double[][] rows) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = apply(rows[i]);
    }
    return out;
  }

  /** Checks that {@code row} has one finite value per feature, naming the first that is not. */
  public static void checkRow(double[] row, List<String> featureNames) {
    if (row.length != featureNames.size()) {
      throw new IllegalArgumentException("expected " + featureNames.size() + " values "
          + featureNames + " but got " + row.length);
    }
    for (int j = 0; j < row.length; j++) {
      if (!Double.isFinite(row[j])) {
        throw new IllegalArgumentException(featureNames.get(j) + " is not a finite number: "
            + row[j]);
      }
    }
  }
}
