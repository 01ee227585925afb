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

  /** One metric stepping 0, 1, ..., 9, 0, 1, ... a row a minute. */
  private static Dataset sawtooth(int n) {
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = new double[] {i % 10};
    }
    return Dataset.of("t", List.of("step"), rows, null);
  }

  @Test
  void withAWindow_aValueOrdinaryAloneIsFlaggedOutOfTurn() {
    DenseAutoencoder windowed = DenseAutoencoder.fit(sawtooth(400), 3, 3);
    // Training ended on 9; the pass reads 0, 1, 2, 3, then 4 in turn or 8 out of turn.
    double[] inTurn = scores(windowed, 0, 1, 2, 3, 4);
    double[] outOfTurn = scores(windowed, 0, 1, 2, 3, 8);
    assertThat(outOfTurn[4]).isGreaterThan(10 * inTurn[4]);
    assertThat(outOfTurn[3]).isEqualTo(inTurn[3]); // the rows before are judged alike
    // Without a window, 8 is as ordinary as 4.
    DenseAutoencoder plain = DenseAutoencoder.fit(sawtooth(400), 3);
    assertThat(scores(plain, 0, 1, 2, 3, 8)[4]).isLessThan(10 * scores(plain, 0, 1, 2, 3, 4)[4]);
  }

  private static double[] scores(DenseAutoencoder ae, double... values) {
    var pass = ae.pass();
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = pass.score(new double[] {values[i]});
    }
    return out;
  }

  @Test
  void withoutAWindow_aPassScoresEachRowAsAlone() {
    DenseAutoencoder plain = DenseAutoencoder.fit(line(300, 4), 5);
    var pass = plain.pass();
    for (double[] row : new double[][] {{0.4, 0.7, -0.2, 0.9}, {1, 2, -1, 3}}) {
      assertThat(pass.score(row)).isEqualTo(plain.score(row));
    }
  }

  @Test
  void aWindowedFitRestoresExactly_andTheFirstLayoutIsStillRead() throws IOException {
    DenseAutoencoder windowed = DenseAutoencoder.fit(sawtooth(200), 9, 4);
    DenseAutoencoder back = roundTrip(windowed);
    assertThat(back.window()).isEqualTo(4);
    assertThat(scores(back, 0, 1, 5, 3)).containsExactly(scores(windowed, 0, 1, 5, 3));

    // Layout 1 is layout 2 of a one-row window without the window: the version, then the same.
    DenseAutoencoder plain = DenseAutoencoder.fit(line(200, 2), 9);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    plain.write(new DataOutputStream(bytes));
    byte[] two = bytes.toByteArray();
    int windowAt = 4 + 4 + 4 * 3 + 4 * 16; // version, count, names "a".."d" (2 + 1 bytes), stats
    byte[] one = new byte[two.length - 4];
    System.arraycopy(two, 0, one, 0, windowAt);
    System.arraycopy(two, windowAt + 4, one, windowAt, two.length - windowAt - 4);
    one[3] = 1;
    DenseAutoencoder old = DenseAutoencoder.read(new DataInputStream(
        new ByteArrayInputStream(one)));
    double[] row = {0.4, 0.7, -0.2, 0.9};
    assertThat(old.window()).isEqualTo(1);
    assertThat(old.score(row)).isEqualTo(plain.score(row));
  }

  @Test
  void aWindowOutsideItsRange_orLongerThanTraining_isRefusedByName() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> DenseAutoencoder.fit(sawtooth(100), 1, 0))
        .hasMessageContaining("window must be from 1 to 60 rows, was 0");
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> DenseAutoencoder.fit(sawtooth(5), 1, 5))
        .hasMessageContaining("a window of 5 needs at least 6 training rows, got 5");
  }

  private static DenseAutoencoder roundTrip(DenseAutoencoder ae) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ae.write(new DataOutputStream(bytes));
    return DenseAutoencoder.read(new DataInputStream(
        new ByteArrayInputStream(bytes.toByteArray())));
  }
}
