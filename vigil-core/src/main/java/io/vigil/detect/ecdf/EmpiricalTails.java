package io.vigil.detect.ecdf;

import io.vigil.detect.AbstractBatchDetector;
import io.vigil.series.Dataset;
import java.util.Arrays;
import java.util.List;

/**
 * ECOD (Li, Zhao, Hu, Botta, Ionescu and Chen, "ECOD: Unsupervised Outlier Detection Using
 * Empirical Cumulative Distribution Functions", IEEE TKDE 2022), PyOD's parameter-free
 * detector: a row is as surprising as the product of its metrics' empirical tail
 * probabilities. Written here because it is a few dozen lines over sorted columns; PyOD's is
 * Python.
 *
 * <p>Each metric's left tail {@code P(X ≤ x)} and right tail {@code P(X ≥ x)} are read from
 * its training values, as {@code (count + 1)/(n + 1)} so a value beyond every training value
 * has tail {@code 1/(n + 1)} rather than 0 (PyOD reads them from the training and scored rows
 * together; a live detector has only the training rows). As PyOD computes it, a metric's term
 * is the largest of {@code −ln} of its left tail, of its right tail, and of the tail on the
 * side its training skewness points to (both summed when it has none); the score is the sum of
 * the terms, and the terms are the contributions. (The paper's own rule, the largest of three
 * sums over the metrics, scored lower on the bundled sets: 0.173 against 0.187 on the real
 * pods, 0.429 against 0.469 on the real services.)
 *
 * <p>It judges each metric alone, so it misses a broken relationship between metrics that each
 * stay in their usual range; it is not in the default ensemble (see the README's measurements:
 * the best single detector on the real services, near the worst on the real pods).
 */
public final class EmpiricalTails extends AbstractBatchDetector {

  /** Name on the command line. */
  public static final String ALGORITHM = "ecod";

  private final double[][] sorted;
  private final double[] skewness;

  private EmpiricalTails(List<String> featureNames, double[][] sorted, double[] skewness) {
    super(ALGORITHM, featureNames);
    this.sorted = sorted;
    this.skewness = skewness;
  }

  /** Each metric's sorted training values and its skewness (the sign is what counts). */
  public static EmpiricalTails fit(Dataset data) {
    if (data.size() == 0) {
      throw new IllegalArgumentException(data.source() + ": ECOD needs training rows");
    }
    int d = data.dimension();
    int n = data.size();
    double[][] sorted = new double[d][n];
    double[] skewness = new double[d];
    for (int j = 0; j < d; j++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        sorted[j][i] = data.rows()[i][j];
        mean += sorted[j][i] / n;
      }
      double m2 = 0;
      double m3 = 0;
      for (double v : sorted[j]) {
        m2 += (v - mean) * (v - mean) / n;
        m3 += (v - mean) * (v - mean) * (v - mean) / n;
      }
      skewness[j] = m2 > 0 ? m3 / Math.pow(m2, 1.5) : 0;
      Arrays.sort(sorted[j]);
    }
    return new EmpiricalTails(data.featureNames(), sorted, skewness);
  }

  @Override
  public double score(double[] row) {
    return sumOfContributions(row);
  }

  @Override
  public double[] contributions(double[] row) {
    checkRow(row);
    double[] out = new double[row.length];
    for (int j = 0; j < row.length; j++) {
      double[] c = sorted[j];
      double n = c.length;
      double left = -Math.log((firstIndex(c, row[j], false) + 1) / (n + 1));
      double right = -Math.log((c.length - firstIndex(c, row[j], true) + 1) / (n + 1));
      double skewed = skewness[j] > 0 ? right : skewness[j] < 0 ? left : left + right;
      out[j] = Math.max(skewed, Math.max(left, right));
    }
    return out;
  }

  /**
   * The index of the first of the ascending values {@code c} above {@code x} ({@code
   * orEqual}: at least {@code x}), or {@code c.length} when there is none.
   */
  private static int firstIndex(double[] c, double x, boolean orEqual) {
    int lo = 0;
    int hi = c.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (c[mid] < x || (!orEqual && c[mid] == x)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
