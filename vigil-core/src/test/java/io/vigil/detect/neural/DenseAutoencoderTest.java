package io.vigil.detect.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.series.Dataset;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DenseAutoencoderTest {

  private static double loss(double[][][] w, double[][] b, double[] x) {
    double[] out = DenseAutoencoder.forward(w, b, x)[4];
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += 0.5 * (out[i] - x[i]) * (out[i] - x[i]);
    }
    return s;
  }

  @Test
  void backPropagation_agreesWithFiniteDifferences() {
    int[] sizes = {3, 5, 2, 5, 3};
    Random r = new Random(1);
    double[][][] w = new double[4][][];
    double[][] b = new double[4][];
    for (int l = 0; l < 4; l++) {
      w[l] = new double[sizes[l + 1]][sizes[l]];
      b[l] = new double[sizes[l + 1]];
      for (int j = 0; j < sizes[l + 1]; j++) {
        b[l][j] = r.nextGaussian() * 0.5;
        for (int i = 0; i < sizes[l]; i++) {
          w[l][j][i] = r.nextGaussian() * 0.5;
        }
      }
    }
    double[] x = {0.3, -1.2, 0.8};
    DenseAutoencoder.Trainer t = new DenseAutoencoder.Trainer(w, b, sizes);
    t.clearGradients();
    t.accumulate(x);
    double h = 1e-6;
    for (int l = 0; l < 4; l++) {
      for (int j = 0; j < sizes[l + 1]; j++) {
        for (int i = 0; i < sizes[l]; i++) {
          double keep = w[l][j][i];
          w[l][j][i] = keep + h;
          double up = loss(w, b, x);
          w[l][j][i] = keep - h;
          double down = loss(w, b, x);
          w[l][j][i] = keep;
          assertThat(t.gw[l][j][i]).as("dL/dw[%d][%d][%d]", l, j, i)
              .isCloseTo((up - down) / (2 * h), within(1e-6));
        }
        double keep = b[l][j];
        b[l][j] = keep + h;
        double up = loss(w, b, x);
        b[l][j] = keep - h;
        double down = loss(w, b, x);
        b[l][j] = keep;
        assertThat(t.gb[l][j]).as("dL/db[%d][%d]", l, j)
            .isCloseTo((up - down) / (2 * h), within(1e-6));
      }
    }
  }

  /** Rows on a line through four dimensions, with a little noise. */
  private static Dataset line(int n, long seed) {
    Random r = new Random(seed);
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      double t = r.nextGaussian();
      rows[i] = new double[] {t, 2 * t, -t, 0.5 * t};
      for (int j = 0; j < 4; j++) {
        rows[i][j] += 0.01 * r.nextGaussian();
      }
    }
    return Dataset.of("line", List.of("a", "b", "c", "d"), rows, null);
  }

  @Test
  void aRowOffTheLearntLine_reconstructsBadly_andItsFeatureSaysWhy() {
    DenseAutoencoder ae = DenseAutoencoder.fit(line(2000, 2), 7);
    double onLine = ae.score(new double[] {1, 2, -1, 0.5});
    double off = ae.score(new double[] {1, 2, -1, 3}); // d five standard deviations off
    assertThat(onLine).isLessThan(0.05);
    assertThat(off).isGreaterThan(100 * onLine);
    double[] c = ae.contributions(new double[] {1, 2, -1, 3});
    int top = 0;
    for (int j = 1; j < 4; j++) {
      top = c[j] > c[top] ? j : top;
    }
    // Three features agree with each other and d does not: d is the one reconstructed badly.
    assertThat(ae.featureNames().get(top)).isEqualTo("d");
  }

  @Test
  void aFitIsRepeatable_andRestoresExactly() throws IOException {
    Dataset data = line(500, 3);
    DenseAutoencoder a = DenseAutoencoder.fit(data, 11);
    DenseAutoencoder again = DenseAutoencoder.fit(data, 11);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    a.write(new DataOutputStream(bytes));
    DenseAutoencoder back = DenseAutoencoder.read(new DataInputStream(
        new ByteArrayInputStream(bytes.toByteArray())));
    double[] row = {0.4, 0.7, -0.2, 0.9};
    assertThat(again.score(row)).isEqualTo(a.score(row));
    assertThat(back.score(row)).isEqualTo(a.score(row));
    assertThat(back.contributions(row)).containsExactly(a.contributions(row));
  }
}
