package io.vigil.detect.forest;

import io.vigil.detect.AbstractBatchDetector;
import io.vigil.detect.BatchDetector;
import io.vigil.series.Dataset;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Isolation Forest (Liu, Ting and Zhou, 2008): random trees that split a random feature at a
 * random value between its minimum and maximum; anomalies are isolated close to the root. Each
 * tree is grown on a random subsample of {@code sampleSize} rows, to depth ⌈log₂ sampleSize⌉.
 *
 * <p>Score: {@code 2^(−E[h(x)] / c(ψ))}, the paper's, in (0, 1]: about 0.5 for ordinary rows,
 * near 1 for rows isolated at once. {@code h(x)} is the depth of the leaf reached plus {@code
 * c(n)} for the {@code n} training rows still together there, and {@code c(n) = 2H(n−1) −
 * 2(n−1)/n} is the average path length of an unsuccessful binary-search-tree search.
 *
 * <p>Contributions: along the row's path, each split that sends it from a node of {@code a}
 * training rows to a child of {@code b} credits its feature with {@code ln(a/b)}: a split that
 * cuts a row off from most of the sample is the feature that isolated it. Averaged over trees,
 * they sum to the mean log-ratio between the subsample and the row's leaf.
 *
 * <p>Written by hand: the Java implementations on Maven Central are either inside GPL
 * toolkits (Weka, Smile, which we avoid) or tied to Spark. The trees are stored flat (arrays
 * indexed by node) so scoring walks arrays, not objects.
 */
public final class IsolationForest extends AbstractBatchDetector {

  /** Name in model files and on the command line. */
  public static final String ALGORITHM = "isolation-forest";
  /** The paper's defaults. */
  public static final int DEFAULT_TREES = 100;
  public static final int DEFAULT_SAMPLE_SIZE = 256;

  private static final double EULER_GAMMA = 0.5772156649015329;

  private final Tree[] trees;
  private final double averagePathOfSample;

  private IsolationForest(List<String> featureNames, Tree[] trees, int sampleSize) {
    super(ALGORITHM, featureNames);
    this.trees = trees;
    this.averagePathOfSample = averagePath(sampleSize);
  }

  /**
   * Grows {@code trees} trees on {@code data}'s rows (labels, if any, ignored).
   *
   * @param sampleSize rows per tree; the whole data set when it has fewer
   * @param seed the random seed: the same data and seed give the same forest
   */
  public static IsolationForest fit(Dataset data, int trees, int sampleSize, long seed) {
    if (trees < 1 || sampleSize < 2) {
      throw new IllegalArgumentException("an isolation forest needs at least 1 tree and a sample"
          + " of at least 2 rows");
    }
    double[][] rows = data.rows();
    int psi = Math.min(sampleSize, rows.length);
    if (psi < 2) {
      throw new IllegalArgumentException(data.source() + ": an isolation forest needs at least"
          + " 2 training rows, got " + rows.length);
    }
    int maxDepth = (int) Math.ceil(Math.log(psi) / Math.log(2));
    SplittableRandom random = new SplittableRandom(seed);
    Tree[] forest = new Tree[trees];
    for (int t = 0; t < trees; t++) {
      int[] sample = sampleWithoutReplacement(rows.length, psi, random);
      forest[t] = new TreeBuilder(rows, sample, maxDepth, random.split()).build();
    }
    return new IsolationForest(data.featureNames(), forest, psi);
  }

  /** {@link #fit} with the paper's 100 trees of 256 rows. */
  public static IsolationForest fit(Dataset data, long seed) {
    return fit(data, DEFAULT_TREES, DEFAULT_SAMPLE_SIZE, seed);
  }

  @Override
  public double score(double[] row) {
    checkRow(row);
    double total = 0;
    for (Tree tree : trees) {
      total += tree.pathLength(row);
    }
    return Math.pow(2, -(total / trees.length) / averagePathOfSample);
  }

  @Override
  public double[] contributions(double[] row) {
    checkRow(row);
    double[] out = new double[featureNames().size()];
    for (Tree tree : trees) {
      tree.credit(row, out);
    }
    for (int j = 0; j < out.length; j++) {
      out[j] /= trees.length;
    }
    return out;
  }

  /** c(n): the average path length of an unsuccessful search in a BST of n keys. */
  static double averagePath(int n) {
    if (n <= 1) {
      return 0;
    }
    if (n == 2) {
      return 1;
    }
    double harmonic = Math.log(n - 1.0) + EULER_GAMMA;
    return 2 * harmonic - 2.0 * (n - 1) / n;
  }

  private static int[] sampleWithoutReplacement(int n, int k, SplittableRandom random) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    for (int i = 0; i < k; i++) { // partial Fisher-Yates: the first k are a uniform sample
      int j = i + random.nextInt(n - i);
      int tmp = all[i];
      all[i] = all[j];
      all[j] = tmp;
    }
    int[] out = new int[k];
    System.arraycopy(all, 0, out, 0, k);
    return out;
  }

  /**
   * One isolation tree, flat: node {@code i} is a leaf when {@code feature[i] < 0}; otherwise
   * rows with {@code x[feature] < split} go to {@code left[i]}, the rest to {@code right[i]}.
   * {@code size[i]} is the number of training rows that reached node {@code i}.
   */
  private record Tree(int[] feature, double[] split, int[] left, int[] right, int[] size) {

    double pathLength(double[] row) {
      int node = 0;
      int depth = 0;
      while (feature[node] >= 0) {
        node = row[feature[node]] < split[node] ? left[node] : right[node];
        depth++;
      }
      return depth + averagePath(size[node]);
    }

    void credit(double[] row, double[] out) {
      int node = 0;
      while (feature[node] >= 0) {
        int child = row[feature[node]] < split[node] ? left[node] : right[node];
        out[feature[node]] += Math.log((double) size[node] / size[child]);
        node = child;
      }
    }
  }

  /** Grows one tree by recursive random partitioning of a subsample, in place. */
  private static final class TreeBuilder {
    private final double[][] rows;
    private final int[] sample;
    private final int maxDepth;
    private final SplittableRandom random;
    private final int dimension;
    private final int[] candidates;
    private final int[] feature;
    private final double[] split;
    private final int[] left;
    private final int[] right;
    private final int[] size;
    private int nodes;

    TreeBuilder(double[][] rows, int[] sample, int maxDepth, SplittableRandom random) {
      this.rows = rows;
      this.sample = sample;
      this.maxDepth = maxDepth;
      this.random = random;
      this.dimension = rows[0].length;
      this.candidates = new int[dimension];
      // Both sides of every split are non-empty, so n rows make at most n leaves, 2n-1 nodes.
      int cap = 2 * sample.length - 1;
      feature = new int[cap];
      split = new double[cap];
      left = new int[cap];
      right = new int[cap];
      size = new int[cap];
    }

    Tree build() {
      grow(0, sample.length, 0);
      return new Tree(trim(feature), trimD(split), trim(left), trim(right), trim(size));
    }

    private int grow(int lo, int hi, int depth) {
      int node = nodes++;
      size[node] = hi - lo;
      feature[node] = -1;
      if (depth >= maxDepth || hi - lo <= 1) {
        return node;
      }
      int f = pickNonConstantFeature(lo, hi);
      if (f < 0) {
        return node; // every row here is identical: nothing can separate them
      }
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = lo; i < hi; i++) {
        double v = rows[sample[i]][f];
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      double p = min + random.nextDouble() * (max - min);
      if (p <= min) {
        p = Math.nextUp(min); // the minimum goes left, the maximum (≥ p) right: neither empty
      }
      int mid = partition(lo, hi, f, p);
      feature[node] = f;
      split[node] = p;
      left[node] = grow(lo, mid, depth + 1);
      right[node] = grow(mid, hi, depth + 1);
      return node;
    }

    /** A feature drawn uniformly among those that vary in rows lo..hi, or −1 if none does. */
    private int pickNonConstantFeature(int lo, int hi) {
      int count = 0;
      for (int f = 0; f < dimension; f++) {
        double first = rows[sample[lo]][f];
        for (int i = lo + 1; i < hi; i++) {
          if (rows[sample[i]][f] != first) {
            candidates[count++] = f;
            break;
          }
        }
      }
      return count == 0 ? -1 : candidates[random.nextInt(count)];
    }

    private int partition(int lo, int hi, int f, double p) {
      int i = lo;
      int j = hi - 1;
      while (i <= j) {
        if (rows[sample[i]][f] < p) {
          i++;
        } else {
          int tmp = sample[i];
          sample[i] = sample[j];
          sample[j] = tmp;
          j--;
        }
      }
      return i;
    }

    private int[] trim(int[] a) {
      return Arrays.copyOf(a, nodes);
    }

    private double[] trimD(double[] a) {
      return Arrays.copyOf(a, nodes);
    }
  }
}
