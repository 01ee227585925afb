package io.vigil.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hand-worked examples; the comments give the arithmetic. */
class ScoreRankingTest {

  // Rows 0-3 are one long event, row 8 a second. Descending: 0.9 (A), 0.8 (A), 0.3 (N),
  // 0.2 x4 (N, tied), 0.1 x3 (A, tied).
  private static final double[] SCORES = {0.9, 0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.2, 0.8, 0.3};
  private static final int[] LABELS = {1, 1, 1, 1, 0, 0, 0, 0, 1, 0};

  @Test
  void rocAuc_countsPairsWon() {
    // Anomalies at 0.9 and 0.8 beat all 5 normal rows; the three at 0.1 beat none: 10 of 25.
    assertThat(new ScoreRanking(SCORES, LABELS).rocAuc()).isCloseTo(0.4, within(1e-15));
  }

  @Test
  void rocAuc_tiesCountHalf() {
    assertThat(new ScoreRanking(new double[] {0.5, 0.5}, new int[] {1, 0}).rocAuc())
        .isEqualTo(0.5);
  }

  @Test
  void bestF1_isPointWise() {
    // Top 2: P 1, R 2/5 -> 4/7. All 10: P 5/10, R 1 -> 2/3, the best.
    assertThat(new ScoreRanking(SCORES, LABELS).bestF1()).isCloseTo(2.0 / 3, within(1e-15));
  }

  @Test
  void bestEventF1_countsALongEventOnce() {
    // Top 2 rows: both events found (R 1), both flags right (P 1): F1 1, though 3 of the 5
    // anomalous rows are missed.
    ScoreRanking r = new ScoreRanking(SCORES, LABELS);
    assertThat(r.eventCount()).isEqualTo(2);
    assertThat(r.bestEventF1()).isEqualTo(1.0);
  }

  @Test
  void bestF1_flagsTiesTogether() {
    // Flagging one row of a tie is not a threshold: the only cut flags both, P 1/2, R 1.
    assertThat(new ScoreRanking(new double[] {0.5, 0.5}, new int[] {1, 0}).bestF1())
        .isCloseTo(2.0 / 3, within(1e-15));
  }

  @Test
  void randomScores_getNoCreditFromLongEvents() {
    // One 200-row event in 10,000 rows scored at random. Point-adjusted F1 would mark the event
    // found by its top row and approach 1; event-level F1 keeps point-wise precision, so the
    // best it can do is catch one row of the event among the first flags.
    Random random = new Random(7);
    int n = 10_000;
    double[] scores = new double[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      scores[i] = random.nextDouble();
      labels[i] = i >= 5000 && i < 5200 ? 1 : 0;
    }
    ScoreRanking r = new ScoreRanking(scores, labels);
    assertThat(r.rocAuc()).isBetween(0.45, 0.55);
    assertThat(r.bestF1()).isLessThan(0.1);
    assertThat(r.bestEventF1()).isLessThan(0.2);
  }

  @Test
  void refusesWhatCannotBeRanked() {
    assertThatThrownBy(() -> new ScoreRanking(new double[] {1, 2}, new int[] {0, 0}))
        .hasMessageContaining("both anomalous and normal");
    assertThatThrownBy(() -> new ScoreRanking(new double[] {Double.NaN, 2}, new int[] {1, 0}))
        .hasMessageContaining("row 1 is not finite");
    assertThatThrownBy(() -> new ScoreRanking(new double[] {1}, new int[] {1, 0}))
        .hasMessageContaining("1 scores but 2 labels");
  }
}
