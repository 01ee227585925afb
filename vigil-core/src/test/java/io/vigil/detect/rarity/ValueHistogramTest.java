package io.vigil.detect.rarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The histogram's probabilities, worked out by hand from its definition. */
class ValueHistogramTest {
  private static final double NO_DECAY = 1e15;

  /**
   * Four bins of width 2 from −2 (range [0, 4] fills the middle half); value 1 counted three
   * times in context 0, value 3 once in context 1; prior 0.5 per bin, backoff 1.
   */
  private static ValueHistogram small() {
    ValueHistogram h = new ValueHistogram(4, 1, 2, NO_DECAY, 0.5, 1);
    h.setRange(0, 4);
    for (int i = 0; i < 3; i++) {
      h.learn(1, 0);
    }
    h.learn(3, 1);
    return h;
  }

  @Test
  void surprisal_isMinusLogOfTheBackedOffProbability() {
    ValueHistogram h = small();
    // Overall: bin of 1 holds 3 of 4, bin of 3 holds 1; pOverall = (n + 0.5) / (4 + 0.5·4).
    // In context c: p = (n_c + 1·pOverall) / (N_c + 1).
    assertThat(h.surprisal(1, 0)).isCloseTo(-Math.log((3 + 3.5 / 6) / 4), within(1e-9));
    assertThat(h.surprisal(3, 0)).isCloseTo(-Math.log((0 + 1.5 / 6) / 4), within(1e-9));
    assertThat(h.surprisal(3, 1)).isCloseTo(-Math.log((1 + 1.5 / 6) / 2), within(1e-9));
    assertThat(h.surprisal(5, 0)).isCloseTo(-Math.log((0 + 0.5 / 6) / 4), within(1e-9));
  }

  @Test
  void cover_widensByMergingNeighbours_keepingEveryCount() {
    ValueHistogram h = small();
    h.cover(100); // width 2 → 32: bins [−2, 30) ... the two counted bins merge into the first
    assertThat(h.surprisal(1, 0)).isCloseTo(-Math.log((3 + 4.5 / 6) / 4), within(1e-9));
    assertThat(h.surprisal(100, 0)).isCloseTo(-Math.log((0.5 / 6) / 4), within(1e-9));
    h.cover(-100);
    assertThat(h.surprisal(-100, 0)).isCloseTo(-Math.log((0.5 / 6) / 4), within(1e-9));
  }

  @Test
  void shiftedGrids_averageTheSurprisalOverBinEdges() {
    // Two shifts: fine bins of 1 from −2; the grids start at −2 and at −1. A value at 0.5
    // shares its coarse bin with 1.2 in one grid and with −0.5 in the other.
    ValueHistogram h = new ValueHistogram(4, 2, 1, NO_DECAY, 0.5, 1);
    h.setRange(0, 4);
    h.learn(1.2, 0);
    h.learn(-0.5, 0);
    double grid0 = (1 + 1.5 / 4) / 3; // coarse bin [0, 2): one of two, plus its prior
    double grid1 = (1 + 1.5 / 4) / 3; // coarse bin [−1, 1): the other one
    assertThat(h.surprisal(0.5, 0))
        .isCloseTo(-(Math.log(grid0) + Math.log(grid1)) / 2, within(1e-9));
  }

  @Test
  void quantile_interpolatesWithinBins() {
    ValueHistogram h = new ValueHistogram(10, 1, 1, NO_DECAY, 0.1, 1);
    h.setRange(0, 10); // bins of 2 from −5
    for (int r = 0; r < 100; r++) {
      for (int v = 0; v < 10; v++) {
        h.learn(v + 0.5, 0);
      }
    }
    // Cumulative 100, 300, 500 at the ends of [−1,1), [1,3), [3,5): the median is 5.
    double[] q = h.quantiles(0, 0.2, 0.5, 0.5);
    assertThat(q[0]).isCloseTo(2.0, within(1e-9));
    assertThat(q[1]).isCloseTo(5.0, within(1e-9));
    assertThat(q[2]).isEqualTo(q[1]);
  }

  @Test
  void halfLife_halvesOldCounts() {
    ValueHistogram h = new ValueHistogram(4, 1, 1, 10, 0.5, 1);
    h.setRange(0, 4);
    for (int i = 0; i < 10; i++) {
      h.learn(1, 0);
    }
    for (int i = 0; i < 10; i++) {
      h.learn(3, 0);
    }
    // The 1s now weigh half what the 3s do, each group summing to a geometric series, in
    // units of the weight the next point will get (the prior's unit too).
    double r = Math.pow(0.5, 0.1);
    double ones = 0;
    double threes = 0;
    for (int i = 0; i < 10; i++) {
      ones += Math.pow(r, 20 - i);
      threes += Math.pow(r, 10 - i);
    }
    double total = ones + threes;
    double pOnes = (ones + 0.5) / (total + 2);
    // Counts are held to 24 bits (relative precision 1.5e-5).
    assertThat(h.surprisal(1, 0)).isCloseTo(-Math.log((ones + pOnes) / (total + 1)),
        within(3e-5));
  }

  @Test
  void snapshot_restoresExactly() throws IOException {
    ValueHistogram h = small();
    h.cover(40);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    h.write(new DataOutputStream(bytes));
    ValueHistogram back = ValueHistogram.read(
        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), RarityDetector.STATE_VERSION);
    for (double x : new double[] {-3, 0, 1, 3, 17, 39}) {
      for (int c = 0; c < 2; c++) {
        assertThat(back.surprisal(x, c)).isEqualTo(h.surprisal(x, c));
        assertThat(back.quantiles(c, 0.3, 0.9)).isEqualTo(h.quantiles(c, 0.3, 0.9));
      }
    }
  }

  @Test
  void countsAreRoundedTo24Bits_toTheNearest() {
    // 1 + 2^-15 is representable in 24 bits; 1 + 2^-16 is halfway and rounds up to it;
    // 1 + 2^-17 rounds down to 1.
    assertThat(ValueHistogram.to24Bits(1 + 0x1p-15f)).isEqualTo(1 + 0x1p-15f);
    assertThat(ValueHistogram.to24Bits(1 + 0x1p-16f)).isEqualTo(1 + 0x1p-15f);
    assertThat(ValueHistogram.to24Bits(1 + 0x1p-17f)).isEqualTo(1f);
    assertThat(ValueHistogram.to24Bits(0f)).isZero();
    // a carry into the exponent: just under 2 rounds up to 2
    assertThat(ValueHistogram.to24Bits(Math.nextDown(2f))).isEqualTo(2f);
  }
}
