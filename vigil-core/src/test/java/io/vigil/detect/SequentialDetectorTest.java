package io.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.detect.multi.MultivariateDetectors;
import io.vigil.detect.neighbours.NearestNeighbourDistance;
import io.vigil.detect.range.TrainingRange;
import io.vigil.series.Dataset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Learning while judging rows in order: what is learnt, when, and what stays unchanged. */
class SequentialDetectorTest {

  /** One metric, training 0..10, so its range is 10 wide. */
  private static final Dataset LEVEL = Dataset.of("t", List.of("x"),
      new double[][] {{0}, {2}, {4}, {6}, {8}, {10}}, null);

  @Test
  void aRangeWidensOnlyInItsPass_andKeepsItsTrainingUnits() {
    TrainingRange range = TrainingRange.fit(LEVEL);
    SequentialDetector.Pass pass = range.pass();
    assertThat(pass.score(new double[] {15})).isEqualTo(0.5); // 5 beyond, in units of 10
    pass.learn(new double[] {15});
    assertThat(pass.score(new double[] {15})).isZero();
    assertThat(pass.score(new double[] {20})).isEqualTo(0.5); // beyond 15 now, same units
    assertThat(range.score(new double[] {15})).isEqualTo(0.5); // the fitted one unchanged
    assertThat(range.pass().score(new double[] {15})).isEqualTo(0.5); // a new pass too
  }

  @Test
  void kNearestNeighboursAddTheRowsTheyLearn_theLatestAsManyAsTheReference() {
    // Standardised by mean 5 and standard deviation sqrt(70/6); k = 1, a reference of 6 rows.
    NearestNeighbourDistance knn = NearestNeighbourDistance.fit(LEVEL, 1, 6);
    double sd = Math.sqrt(70.0 / 6);
    SequentialDetector.Pass pass = knn.pass();
    assertThat(pass.score(new double[] {40})).isCloseTo(30 / sd, within(1e-9));
    pass.learn(new double[] {40});
    assertThat(pass.score(new double[] {40})).isZero();
    assertThat(pass.score(new double[] {43})).isCloseTo(3 / sd, within(1e-9));
    for (int i = 0; i < 6; i++) { // six more push the 40 out of a ring of six
      pass.learn(new double[] {100});
    }
    assertThat(pass.score(new double[] {40})).isCloseTo(30 / sd, within(1e-9));
    assertThat(knn.score(new double[] {40})).isCloseTo(30 / sd, within(1e-9));
  }

  @Test
  void inOrder_aRowIsLearntOnceTheDelayHasPassed_andTwoPassesAgree() {
    TrainingRange range = TrainingRange.fit(LEVEL);
    int after = SequentialDetector.LEARN_AFTER;
    double[][] rows = new double[after + 2][];
    rows[0] = new double[] {30}; // 2 ranges out
    for (int i = 1; i < rows.length; i++) {
      rows[i] = new double[] {i % 2 == 0 ? 5 : 30};
    }
    double[] scores = SequentialDetector.scoreInOrder(range, rows);
    // The 30 is judged against training until LEARN_AFTER rows have followed it.
    assertThat(scores[after - 1]).isEqualTo(2.0);
    assertThat(scores[after + 1]).isZero();
    assertThat(SequentialDetector.scoreInOrder(range, rows)).containsExactly(scores);
  }

  @Test
  void aDetectorThatDoesNotLearn_scoresEachRowAlone() {
    BatchDetector gaussian = MultivariateDetectors.fit("gaussian", LEVEL, 1);
    double[][] rows = {{1}, {30}, {5}};
    double[] alone = Arrays.stream(rows).mapToDouble(gaussian::score).toArray();
    assertThat(SequentialDetector.scoreInOrder(gaussian, rows)).containsExactly(alone);
  }

  @Test
  void theDefaultLearnsThroughItsVaryingColumns_andWhatAConstantOneMovedTo() {
    Dataset twoColumns = Dataset.of("t", List.of("x", "flag"), new double[][] {
        {0, 1}, {2, 1}, {4, 1}, {6, 1}, {8, 1}, {10, 1}}, null);
    BatchDetector ensemble = MultivariateDetectors.fit(MultivariateDetectors.DEFAULT,
        twoColumns, 1);
    assertThat(ensemble).isInstanceOf(SequentialDetector.class);
    SequentialDetector.Pass pass = ((SequentialDetector) ensemble).pass();
    double before = pass.score(new double[] {40, 1});
    assertThat(before).isEqualTo(ensemble.score(new double[] {40, 1}));
    for (int i = 0; i < 6; i++) {
      pass.learn(new double[] {40, 1});
    }
    assertThat(pass.score(new double[] {40, 1})).isLessThan(before);
    // The flag held 1 over 6 rows: leaving it adds log10(6 + 2) whatever was learnt.
    assertThat(pass.score(new double[] {40, 0}) - pass.score(new double[] {40, 1}))
        .isCloseTo(Math.log10(8), within(1e-9));
    // Once the pass has learnt a row with the flag at 0, values from 0 to 1 are known.
    pass.learn(new double[] {40, 0});
    assertThat(pass.score(new double[] {40, 0.5})).isEqualTo(pass.score(new double[] {40, 1}));
    assertThat(pass.score(new double[] {40, 2}) - pass.score(new double[] {40, 1}))
        .isCloseTo(Math.log10(8), within(1e-9));
    assertThat(ensemble.score(new double[] {40, 1})).isEqualTo(before);
    // (40 is far out, so the scores are large and their difference is exact to about 1e-5.)
    assertThat(ensemble.score(new double[] {40, 0}) - before).isCloseTo(Math.log10(8),
        within(1e-3));
  }
}
