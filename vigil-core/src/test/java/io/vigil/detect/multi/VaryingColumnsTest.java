package io.vigil.detect.multi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.detect.BatchDetector;
import io.vigil.series.Dataset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VaryingColumnsTest {

  /** requests and cpu vary with load; "workers" is 4 on every training row. */
  private static Dataset training() {
    Random random = new Random(3);
    double[][] rows = new double[300][];
    for (int i = 0; i < rows.length; i++) {
      double load = 100 + 10 * random.nextGaussian();
      rows[i] = new double[] {load, 0.5 * load + random.nextGaussian(), 4};
    }
    return Dataset.of("t", List.of("requests", "cpu", "workers"), rows, null);
  }

  @Test
  void aColumnConstantInTraining_thatLeavesItsValue_addsTheSurpriseOfAFirstChange() {
    BatchDetector ensemble = MultivariateDetectors.fit("ensemble", training(), 1);
    double[] usual = {100, 50, 4};
    double[] moreWorkers = {100, 50, 8};
    // 300 training rows all had 4 workers: by Laplace's rule a change has chance 1/302.
    assertThat(ensemble.score(moreWorkers) - ensemble.score(usual))
        .isCloseTo(Math.log10(302), within(1e-9));
    assertThat(ensemble.contributions(moreWorkers)[2]).isCloseTo(Math.log10(302),
        within(1e-12));
    assertThat(ensemble.contributions(usual)[2]).isZero();
    // However far it moves: the training rows say nothing of how far is far.
    assertThat(ensemble.score(new double[] {100, 50, 400})).isEqualTo(ensemble.score(moreWorkers));
    assertThat(ensemble.featureNames()).containsExactly("requests", "cpu", "workers");
    assertThat(ensemble.algorithm()).isEqualTo("ensemble");
  }

  @Test
  void theColumnsThatVaried_stillDecide() {
    BatchDetector ensemble = MultivariateDetectors.fit("ensemble", training(), 1);
    double[] cpuWithoutLoad = {100, 80, 4};
    double usual = ensemble.score(new double[] {100, 50, 4});
    assertThat(ensemble.score(cpuWithoutLoad)).isGreaterThan(usual + 3);
    double[] c = ensemble.contributions(cpuWithoutLoad);
    assertThat(c[1]).isGreaterThan(c[2]);
  }

  @Test
  void withEveryColumnVarying_theDetectorIsFittedAsItIs() {
    Dataset varying = Dataset.of("t", List.of("a", "b"), new double[][] {{1, 2}, {2, 1}, {3, 3}},
        null);
    BatchDetector plain = MultivariateDetectors.fit("gaussian", varying, 1);
    assertThat(VaryingColumns.fit(varying, d -> plain)).isSameAs(plain);
  }

  @Test
  void theColumnsKept() {
    double[][] rows = {{1, 5, 0}, {2, 5, 0}, {3, 5, 1}};
    assertThat(VaryingColumns.varying(rows, 3)).containsExactly(0, 2);
    assertThat(VaryingColumns.varying(new double[][] {{7, 7}, {7, 7}}, 2)).containsExactly(0, 1);
  }
}
