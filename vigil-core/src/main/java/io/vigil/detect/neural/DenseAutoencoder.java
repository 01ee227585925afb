package io.vigil.detect.neural;

import io.vigil.detect.AbstractBatchDetector;
import io.vigil.detect.SequentialDetector;
import io.vigil.feature.Standardisation;
import io.vigil.series.Dataset;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A dense autoencoder: standardised features pass through a hidden layer (tanh), a narrow
 * linear code, a second hidden layer (tanh) and back to the features; trained on the training
 * rows to reproduce them, it scores a row by how badly it reproduces it (mean squared error in
 * standard deviations), and each feature's squared error is its contribution.
 *
 * <p>Shape: hidden layers of max(8, d) units, a code of max(2, d/4); trained with Adam
 * (learning rate 0.003) on mini-batches of 64 rows for at most 60 epochs over at most 20,000
 * rows, initialised from a seed (Glorot), so a fit is repeatable.
 *
 * <p>With a window of w rows ({@link SequentialDetector}) the network reads the last w rows
 * side by side (w·d inputs and outputs, the hidden layers and code sized by d as before) and is
 * trained on every run of w consecutive training rows; a row's score and contributions are its
 * own reconstruction errors within the window that ends with it, so a row that is ordinary
 * alone but not after the rows before it (a jump, a stalled counter) reconstructs badly. A pass
 * starts with the last w − 1 training rows behind it; {@link #score} of a row on its own reads
 * the row held steady over the window. Scoring the whole window's error instead spread each
 * fault over the next w − 1 rows and lowered mean PR-AUC on every bundled set (windows of 3
 * and 10 rows: real pods 0.240 and 0.203, against 0.272 and 0.274 scoring the last row).
 *
 * <p>Written by hand: the Java deep-learning libraries on Maven Central (Deeplearning4j, DJL)
 * bring native back ends of hundreds of megabytes or download them at run time; a network of a
 * few thousand weights needs neither, and its forward and backward passes are a page.
 */
public final class DenseAutoencoder extends AbstractBatchDetector
    implements SequentialDetector {
  /** Name in model files and on the command line. */
  public static final String ALGORITHM = "autoencoder";
  /** The layout {@link #write} writes; 1 (no window) is still read. */
  public static final int STATE_VERSION = 2;
  /** The most rows a window may hold. */
  public static final int MAX_WINDOW = 60;
  private static final int EPOCHS = 60;
  private static final int BATCH = 64;
  private static final int MAX_ROWS = 20_000;
  private static final double LEARNING_RATE = 0.003;

  private final Standardisation standardisation;
  /** Layers: weights [out][in] and biases [out]; 0 and 2 tanh, 1 and 3 linear. */
  private final double[][][] w;
  private final double[][] b;
  private final int window;
  /** The last window − 1 training rows, standardised, oldest first: where a pass starts. */
  private final double[][] lastRows;

  private DenseAutoencoder(List<String> featureNames, Standardisation standardisation,
      double[][][] w, double[][] b, int window, double[][] lastRows) {
    super(ALGORITHM, featureNames);
    this.standardisation = standardisation;
    this.w = w;
    this.b = b;
    this.window = window;
    this.lastRows = lastRows;
  }

  /** Fits on {@code data}'s rows (labels ignored), seeded, one row at a time. */
  public static DenseAutoencoder fit(Dataset data, long seed) {
    return fit(data, seed, 1);
  }

  /**
   * Fits on every run of {@code window} consecutive rows of {@code data} (labels ignored),
   * seeded.
   *
   * @throws IllegalArgumentException when the window is outside 1 to {@value #MAX_WINDOW} or
   *     there are fewer than window + 1 rows
   */
  public static DenseAutoencoder fit(Dataset data, long seed, int window) {
    if (window < 1 || window > MAX_WINDOW) {
      throw new IllegalArgumentException("an autoencoder's window must be from 1 to "
          + MAX_WINDOW + " rows, was " + window);
    }
    if (data.size() < window + 1) {
      throw new IllegalArgumentException(data.source() + ": an autoencoder"
          + (window > 1 ? " with a window of " + window : "") + " needs at least "
          + (window + 1) + " training rows, got " + data.size());
    }
    Standardisation st = Standardisation.fit(data.rows());
    double[][] z = st.applyAll(data.rows());
    double[][] x = new double[z.length - window + 1][];
    for (int i = 0; i < x.length; i++) {
      x[i] = concatenated(z, i, window);
    }
    int d = data.dimension();
    int h = Math.max(8, d);
    int k = Math.max(2, d / 4);
    int[] sizes = {window * d, h, k, h, window * d};
    Random r = new Random(seed);
    double[][][] w = new double[4][][];
    double[][] b = new double[4][];
    for (int l = 0; l < 4; l++) {
      w[l] = new double[sizes[l + 1]][sizes[l]];
      b[l] = new double[sizes[l + 1]];
      double limit = Math.sqrt(6.0 / (sizes[l] + sizes[l + 1]));
      for (double[] row : w[l]) {
        for (int i = 0; i < row.length; i++) {
          row[i] = (2 * r.nextDouble() - 1) * limit;
        }
      }
    }
    new Trainer(w, b, sizes).train(x.length > MAX_ROWS ? evenly(x, MAX_ROWS) : x, r);
    return new DenseAutoencoder(data.featureNames(), st, w, b, window,
        Arrays.copyOfRange(z, z.length - (window - 1), z.length));
  }

  /** Rows {@code from} to {@code from + window − 1} of {@code rows}, side by side. */
  private static double[] concatenated(double[][] rows, int from, int window) {
    int d = rows[from].length;
    double[] out = new double[window * d];
    for (int t = 0; t < window; t++) {
      System.arraycopy(rows[from + t], 0, out, t * d, d);
    }
    return out;
  }

  /** Rows in a window. */
  public int window() {
    return window;
  }

  private static double[][] evenly(double[][] rows, int n) {
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      out[i] = rows[(int) ((long) i * rows.length / n)];
    }
    return out;
  }

  /** Activations of every layer for standardised input {@code x}: a[0] = x, a[4] = output. */
  static double[][] forward(double[][][] w, double[][] b, double[] x) {
    double[][] a = new double[5][];
    a[0] = x;
    for (int l = 0; l < 4; l++) {
      double[] out = new double[b[l].length];
      for (int j = 0; j < out.length; j++) {
        double s = b[l][j];
        double[] wj = w[l][j];
        for (int i = 0; i < wj.length; i++) {
          s += wj[i] * a[l][i];
        }
        out[j] = l % 2 == 0 ? Math.tanh(s) : s;
      }
      a[l + 1] = out;
    }
    return a;
  }

  /** Adam on mean squared reconstruction error. */
  static final class Trainer {
    private final double[][][] w;
    private final double[][] b;
    private final double[][][] mw;
    private final double[][][] vw;
    private final double[][] mb;
    private final double[][] vb;
    final double[][][] gw;
    final double[][] gb;
    private long step;

    Trainer(double[][][] w, double[][] b, int[] sizes) {
      this.w = w;
      this.b = b;
      mw = new double[4][][];
      vw = new double[4][][];
      gw = new double[4][][];
      mb = new double[4][];
      vb = new double[4][];
      gb = new double[4][];
      for (int l = 0; l < 4; l++) {
        mw[l] = new double[sizes[l + 1]][sizes[l]];
        vw[l] = new double[sizes[l + 1]][sizes[l]];
        gw[l] = new double[sizes[l + 1]][sizes[l]];
        mb[l] = new double[sizes[l + 1]];
        vb[l] = new double[sizes[l + 1]];
        gb[l] = new double[sizes[l + 1]];
      }
    }

    void train(double[][] x, Random r) {
      int[] order = new int[x.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      for (int epoch = 0; epoch < EPOCHS; epoch++) {
        for (int i = order.length - 1; i > 0; i--) {
          int j = r.nextInt(i + 1);
          int t = order[i];
          order[i] = order[j];
          order[j] = t;
        }
        for (int start = 0; start < order.length; start += BATCH) {
          int end = Math.min(order.length, start + BATCH);
          clearGradients();
          for (int i = start; i < end; i++) {
            accumulate(x[order[i]]);
          }
          update(end - start);
        }
      }
    }

    void clearGradients() {
      for (int l = 0; l < 4; l++) {
        for (double[] row : gw[l]) {
          Arrays.fill(row, 0);
        }
        Arrays.fill(gb[l], 0);
      }
    }

    /** Adds one row's gradient of ½·Σ(output − input)². */
    void accumulate(double[] x) {
      double[][] a = forward(w, b, x);
      double[] delta = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        delta[i] = a[4][i] - x[i];
      }
      for (int l = 3; l >= 0; l--) {
        double[] in = a[l];
        for (int j = 0; j < delta.length; j++) {
          gb[l][j] += delta[j];
          double[] g = gw[l][j];
          for (int i = 0; i < in.length; i++) {
            g[i] += delta[j] * in[i];
          }
        }
        if (l > 0) {
          double[] back = new double[in.length];
          for (int j = 0; j < delta.length; j++) {
            double[] wj = w[l][j];
            for (int i = 0; i < in.length; i++) {
              back[i] += wj[i] * delta[j];
            }
          }
          if ((l - 1) % 2 == 0) { // layer l−1 was tanh: its output is in
            for (int i = 0; i < in.length; i++) {
              back[i] *= 1 - in[i] * in[i];
            }
          }
          delta = back;
        }
      }
    }

    private void update(int rows) {
      step++;
      double c1 = 1 - Math.pow(0.9, step);
      double c2 = 1 - Math.pow(0.999, step);
      for (int l = 0; l < 4; l++) {
        for (int j = 0; j < w[l].length; j++) {
          for (int i = 0; i < w[l][j].length; i++) {
            w[l][j][i] -= adam(gw[l][j][i] / rows, mw[l][j], vw[l][j], i, c1, c2);
          }
          b[l][j] -= adam(gb[l][j] / rows, mb[l], vb[l], j, c1, c2);
        }
      }
    }

    private static double adam(double g, double[] m, double[] v, int i, double c1, double c2) {
      m[i] = 0.9 * m[i] + 0.1 * g;
      v[i] = 0.999 * v[i] + 0.001 * g * g;
      return LEARNING_RATE * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8);
    }
  }

  @Override
  public double score(double[] row) {
    return meanOf(contributions(row));
  }

  /**
   * Each feature's squared reconstruction error, in standard deviations squared, with {@code
   * row} held steady over the window.
   */
  @Override
  public double[] contributions(double[] row) {
    checkRow(row);
    double[] z = standardisation.apply(row);
    double[][] steady = new double[window][];
    Arrays.fill(steady, z);
    return errors(concatenated(steady, 0, window));
  }

  /** Each feature's squared reconstruction error in the last row of window {@code x}. */
  private double[] errors(double[] x) {
    double[] out = forward(w, b, x)[4];
    int d = featureNames().size();
    double[] c = new double[d];
    for (int i = 0; i < d; i++) {
      double e = out[x.length - d + i] - x[x.length - d + i];
      c[i] = e * e;
    }
    return c;
  }

  private static double meanOf(double[] c) {
    double s = 0;
    for (double v : c) {
      s += v;
    }
    return s / c.length;
  }

  /** A pass reads each row after the ones before it; it learns nothing. */
  @Override
  public Pass pass() {
    return new Pass() {
      private final ArrayDeque<double[]> behind =
          new ArrayDeque<>(Arrays.asList(lastRows));

      @Override
      public double score(double[] row) {
        checkRow(row);
        behind.addLast(standardisation.apply(row));
        if (behind.size() > window) {
          behind.removeFirst();
        }
        // The last window − 1 training rows started the pass, so there are window rows now.
        return meanOf(errors(concatenated(behind.toArray(new double[0][]), 0, window)));
      }

      @Override
      public void learn(double[] row) {}
    };
  }

  /**
   * Writes the standardisation, the window and the training rows a pass starts with, and the
   * weights (layout {@value #STATE_VERSION}).
   */
  public void write(DataOutput out) throws IOException {
    out.writeInt(STATE_VERSION);
    out.writeInt(featureNames().size());
    for (String f : featureNames()) {
      out.writeUTF(f);
    }
    for (int i = 0; i < featureNames().size(); i++) {
      out.writeDouble(standardisation.mean()[i]);
      out.writeDouble(standardisation.scale()[i]);
    }
    out.writeInt(window);
    for (double[] row : lastRows) {
      for (double v : row) {
        out.writeDouble(v);
      }
    }
    for (int l = 0; l < 4; l++) {
      out.writeInt(w[l].length);
      out.writeInt(w[l][0].length);
      for (int j = 0; j < w[l].length; j++) {
        for (double v : w[l][j]) {
          out.writeDouble(v);
        }
        out.writeDouble(b[l][j]);
      }
    }
  }

  /** Reads what {@link #write} wrote, in this layout or layout 1 (no window). */
  public static DenseAutoencoder read(DataInput in) throws IOException {
    int version = in.readInt();
    if (version != 1 && version != STATE_VERSION) {
      throw new IOException("autoencoder layout " + version + " is not one this Vigil reads (1"
          + " or " + STATE_VERSION + ")");
    }
    int d = in.readInt();
    if (d < 1 || d > 100_000) {
      throw new IOException("implausible autoencoder: " + d + " features");
    }
    List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < d; i++) {
      names.add(in.readUTF());
    }
    double[] mean = new double[d];
    double[] scale = new double[d];
    for (int i = 0; i < d; i++) {
      mean[i] = in.readDouble();
      scale[i] = in.readDouble();
    }
    int window = version == 1 ? 1 : in.readInt();
    if (window < 1 || window > MAX_WINDOW) {
      throw new IOException("an autoencoder window of " + window + " rows is outside 1 to "
          + MAX_WINDOW);
    }
    double[][] lastRows = new double[window - 1][d];
    for (double[] row : lastRows) {
      for (int i = 0; i < d; i++) {
        row[i] = in.readDouble();
      }
    }
    double[][][] w = new double[4][][];
    double[][] b = new double[4][];
    int previous = window * d;
    for (int l = 0; l < 4; l++) {
      int outs = in.readInt();
      int ins = in.readInt();
      if (ins != previous || outs < 1 || outs > 100_000 || (l == 3 && outs != window * d)) {
        throw new IOException("an autoencoder layer of " + ins + " → " + outs + " does not fit");
      }
      w[l] = new double[outs][ins];
      b[l] = new double[outs];
      for (int j = 0; j < outs; j++) {
        for (int i = 0; i < ins; i++) {
          w[l][j][i] = in.readDouble();
        }
        b[l][j] = in.readDouble();
      }
      previous = outs;
    }
    return new DenseAutoencoder(names, new Standardisation(mean, scale), w, b, window,
        lastRows);
  }
}
