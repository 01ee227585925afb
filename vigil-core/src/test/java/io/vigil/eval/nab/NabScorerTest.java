package io.vigil.eval.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.series.TimeSeries;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cases NAB's written rules leave open, scored as NAB's code ({@code nab/sweeper.py},
 * {@code nab/runner.py}) scores them. The expected figures are worked out here from the scaled
 * sigmoid A(y) = tanh(−5y/2), not from the scorer.
 */
class NabScorerTest {
  private static final double TP_AT = Math.tanh(2.5); // A(−1), the weight of a window's first row

  private static NabFile file(int rows, List<NabFile.Window> windows) {
    long[] t = new long[rows];
    for (int i = 0; i < rows; i++) {
      t[i] = i * 60_000L;
    }
    return new NabFile("c/f.csv", new TimeSeries("f", t, new double[rows], new long[rows]),
        windows);
  }

  /**
   * 40 rows, probation 6. Window A (rows 1..4) lies wholly in probation, window B is rows
   * 20..23; the detector flags row 21 alone. NAB's sweeper never sees A (no scored row), so A
   * is not a miss: S = A(−3/4)/A(−1). The null detector finds nothing: S_null = −1 (B alone).
   * The perfect score counts both windows of the labels: 2. Normalised 100·(S + 1)/(2 + 1).
   * (Counting A as a miss, as Vigil's scorer did, gives 100·(S − 1 + 2)/4 = 49.2.)
   */
  @Test
  void aWindowInTheProbationaryPeriod_isNeitherFoundNorMissed_butCountsInThePerfectScore() {
    NabFile f = file(40, List.of(new NabFile.Window(1, 4), new NabFile.Window(20, 23)));
    double[] scores = new double[40];
    scores[21] = 1.0;
    NabScore s = NabScorer.score(List.of(f), List.of(scores), NabProfile.STANDARD);
    double raw = Math.tanh(2.5 * 0.75) / TP_AT;
    assertThat(s.raw()).isCloseTo(raw, within(1e-12));
    assertThat(s.normalized()).isCloseTo(100 * (raw + 1) / 3, within(1e-9)); // 65.58
    assertThat(s.windows()).isEqualTo(2);
    assertThat(s.windowsDetected()).isEqualTo(1);
  }

  /**
   * 20 rows, probation 3. Window A is rows 0..2 (in probation), B rows 10..13. A constant
   * detector flagging everything scores B's first row (1) and the false positives after A
   * (rows 3..9, y = (i − 2)/2) and after B (rows 14..19, y = (i − 13)/3), each 0.11·A(y), with
   * A(y) = −1 from y = 3; that beats finding nothing (−1), so NAB's null score is that sum.
   */
  @Test
  void theNullScore_isTheConstantDetectorSweptLikeAnyOther() {
    NabFile f = file(20, List.of(new NabFile.Window(0, 2), new NabFile.Window(10, 13)));
    double nul = 1.0;
    for (int i = 3; i <= 9; i++) {
      double y = (i - 2) / 2.0;
      nul += 0.11 * (y >= 3 ? -1 : Math.tanh(-2.5 * y));
    }
    for (int i = 14; i <= 19; i++) {
      nul += 0.11 * Math.tanh(-2.5 * (i - 13) / 3.0);
    }
    assertThat(nul).isGreaterThan(-1); // -0.367: the everything-detected threshold wins
    double[] scores = new double[20];
    scores[12] = 1.0; // found at row 12: A(−2/4)/A(−1)
    double raw = Math.tanh(2.5 * 0.5) / TP_AT;
    NabScore s = NabScorer.score(List.of(f), List.of(scores), NabProfile.STANDARD);
    assertThat(s.raw()).isCloseTo(raw, within(1e-12));
    assertThat(s.normalized()).isCloseTo(100 * (raw - nul) / (2 - nul), within(1e-9));
  }

  /** NAB's sweeper: a false positive y = 3 past a window already weighs −fpW. */
  @Test
  void theScaledSigmoid_isMinusOneFromThree() {
    assertThat(NabScorer.scaledSigmoid(3.0)).isEqualTo(-1.0);
    assertThat(NabScorer.scaledSigmoid(2.9)).isCloseTo(Math.tanh(-2.5 * 2.9), within(1e-15));
    assertThat(NabScorer.scaledSigmoid(-1.0)).isCloseTo(TP_AT, within(1e-15));
  }
}
