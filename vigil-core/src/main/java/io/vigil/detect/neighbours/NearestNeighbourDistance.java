package io.vigil.detect.neighbours;

import io.vigil.detect.AbstractBatchDetector;
import io.vigil.detect.BatchDetector;
import io.vigil.detect.SequentialDetector;
import io.vigil.feature.Standardisation;
import io.vigil.series.Dataset;
import java.util.Arrays;
import java.util.List;

/**
 * k-nearest-neighbour distance (Ramaswamy, Rastogi and Shim, 2000, with the mean over the k
 * nearest as in Angiulli and Pizzuti): a row far from every training row it resembles is
 * anomalous. Unlike a Gaussian it needs no shape for normal data, so it sees a row that falls
 * between two normal modes (day load and night load) as anomalous.
 *
 * <p>Features are standardised first. The reference set is the training rows, thinned evenly
 * to at most {@code maxReference} so scoring cost stays bounded; the search is exact, by brute
 * force, which at a few thousand rows of a few dozen features beats a k-d tree (whose pruning
 * fails beyond about ten dimensions).
 *
 * <p>Score: the mean Euclidean distance, in standard deviations, to the k nearest reference
 * rows. Contributions: each feature's squared difference averaged over those k neighbours,
 * so they sum to the mean squared distance.
 *
 * <p>Learning ({@link SequentialDetector}): a pass adds the rows it learns to its own reference,
 * the latest as many as the training reference holds, standardised as in training.
 */
public final class NearestNeighbourDistance extends AbstractBatchDetector
    implements SequentialDetector {

  /** Name in model files and on the command line. */
  public static final String ALGORITHM = "knn";
  /** Neighbours averaged by default. */
  public static final int DEFAULT_K = 5;
  /** Reference rows kept by default. */
  public static final int DEFAULT_MAX_REFERENCE = 4000;
  private static final double[][] NOTHING_LEARNT = new double[0][];

  private final Standardisation standardisation;
  private final double[][] reference;
  private final int k;

  private NearestNeighbourDistance(List<String> featureNames, Standardisation standardisation,
      double[][] reference, int k) {
    super(ALGORITHM, featureNames);
    this.standardisation = standardisation;
    this.reference = reference;
    this.k = k;
  }

  /**
   * Keeps {@code data}'s standardised rows as the reference (labels ignored).
   *
   * @param k neighbours to average; at most the number of reference rows
   * @param maxReference the most rows kept, taken at an even stride through the data
   */
  public static NearestNeighbourDistance fit(Dataset data, int k, int maxReference) {
    if (k < 1 || maxReference < k) {
      throw new IllegalArgumentException("k must be at least 1 and no more than maxReference");
    }
    if (data.size() < k) {
      throw new IllegalArgumentException(data.source() + ": " + k + " nearest neighbours need at"
          + " least " + k + " training rows, got " + data.size());
    }
    Standardisation standardisation = Standardisation.fit(data.rows());
    int n = Math.min(data.size(), maxReference);
    double[][] reference = new double[n][];
    double stride = (double) data.size() / n;
    for (int i = 0; i < n; i++) {
      reference[i] = standardisation.apply(data.rows()[(int) (i * stride)]);
    }
    return new NearestNeighbourDistance(data.featureNames(), standardisation, reference, k);
  }

  /**
   * What a model file keeps of a fitted detector.
   *
   * @param k neighbours averaged
   * @param standardisation the training rows' means and standard deviations
   * @param reference the standardised reference rows
   */
  public record State(int k, Standardisation standardisation, double[][] reference) {}

  /** This detector's {@link State}. */
  public State state() {
    return new State(k, standardisation, reference);
  }

  /**
   * The detector a {@link State} describes, scoring as the original did.
   *
   * @throws IllegalArgumentException when the state does not fit {@code featureNames}
   */
  public static NearestNeighbourDistance restore(List<String> featureNames, State state) {
    int d = featureNames.size();
    if (state.standardisation().dimension() != d) {
      throw new IllegalArgumentException("the standardisation has "
          + state.standardisation().dimension() + " features, the model " + d);
    }
    if (state.k() < 1 || state.reference().length < state.k()) {
      throw new IllegalArgumentException("k is " + state.k() + " with "
          + state.reference().length + " reference rows");
    }
    for (double[] r : state.reference()) {
      if (r.length != d) {
        throw new IllegalArgumentException("a reference row has " + r.length
            + " values, the model " + d + " features");
      }
    }
    return new NearestNeighbourDistance(featureNames, state.standardisation(),
        state.reference(), state.k());
  }

  /** {@link #fit} with 5 neighbours and at most 4,000 reference rows. */
  public static NearestNeighbourDistance fit(Dataset data) {
    return fit(data, DEFAULT_K, DEFAULT_MAX_REFERENCE);
  }

  @Override
  public double score(double[] row) {
    return meanDistance(row, NOTHING_LEARNT, 0);
  }

  @Override
  public double[] contributions(double[] row) {
    checkRow(row);
    double[] z = standardisation.apply(row);
    int[] which = new int[k];
    nearestSquared(z, NOTHING_LEARNT, 0, which);
    double[] out = new double[z.length];
    for (int index : which) {
      double[] r = reference[index];
      for (int j = 0; j < z.length; j++) {
        double diff = z[j] - r[j];
        out[j] += diff * diff / k;
      }
    }
    return out;
  }

  @Override
  public Pass pass() {
    return new Pass() {
      private final double[][] learnt = new double[reference.length][];
      private int count;
      private int next;

      @Override
      public double score(double[] row) {
        return meanDistance(row, learnt, count);
      }

      @Override
      public void learn(double[] row) {
        checkRow(row);
        learnt[next] = standardisation.apply(row);
        next = (next + 1) % learnt.length;
        count = Math.min(count + 1, learnt.length);
      }
    };
  }

  /** The mean distance to the k nearest of the reference and the first {@code count} learnt. */
  private double meanDistance(double[] row, double[][] learnt, int count) {
    checkRow(row);
    double[] nearest = nearestSquared(standardisation.apply(row), learnt, count, null);
    double sum = 0;
    for (double d2 : nearest) {
      sum += Math.sqrt(d2);
    }
    return sum / k;
  }

  /**
   * The k smallest squared distances from {@code z} to the reference rows and the first {@code
   * count} of {@code learnt}, ascending; their indexes (reference rows first, then learnt) go
   * to {@code which} when given. A squared distance that already exceeds the current k-th is
   * abandoned part way.
   */
  private double[] nearestSquared(double[] z, double[][] learnt, int count, int[] which) {
    double[] best = new double[k];
    int[] index = new int[k];
    Arrays.fill(best, Double.POSITIVE_INFINITY);
    int d = z.length;
    for (int i = 0; i < reference.length + count; i++) {
      double[] r = i < reference.length ? reference[i] : learnt[i - reference.length];
      double bound = best[k - 1];
      double sum = 0;
      for (int j = 0; j < d && sum < bound; j++) {
        double diff = z[j] - r[j];
        sum += diff * diff;
      }
      if (sum < bound) {
        int pos = k - 1;
        while (pos > 0 && best[pos - 1] > sum) {
          best[pos] = best[pos - 1];
          index[pos] = index[pos - 1];
          pos--;
        }
        best[pos] = sum;
        index[pos] = i;
      }
    }
    if (which != null) {
      System.arraycopy(index, 0, which, 0, k);
    }
    return best;
  }
}
